import type { FillComposerResult, ToContent } from '@/messaging/protocol';
import {
  draftChannelsTaken,
  draftContent,
  enqueueBothLinkedInHalf,
  enqueueSend,
  pendingBothFor,
  SendRefused,
  templateRef,
  type SendRequest,
} from '@/outbox/enqueue';
import type { BackgroundContext } from './context';

/**
 * Puts a draft's text into LinkedIn's composer in the tab (the content script does the DOM work;
 * the user presses LinkedIn's own Send) and remembers which draft went into which tab.
 */
export async function handleFillComposer(
  ctx: BackgroundContext,
  msg: { tabId: number; text: string; target: 'message' | 'note'; draftId: string },
): Promise<FillComposerResult> {
  let result: FillComposerResult;
  try {
    const request: ToContent = { type: 'fill-composer', text: msg.text, target: msg.target };
    result = (await ctx.sendToTab(msg.tabId, request)) as FillComposerResult;
  } catch {
    return {
      ok: false,
      reason: 'not-linkedin',
      message:
        'Reachlog cannot write into this tab. Open the LinkedIn conversation (reload the page if it is open) and try again.',
    };
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    return {
      ok: false,
      reason: 'no-composer',
      message: 'The LinkedIn page did not answer. Reload it and try again.',
    };
  }
  if (result.ok) {
    const draft = await ctx.database.drafts.get(msg.draftId);
    const capture = await ctx.database.tabCaptures.get(msg.tabId);
    const person = capture?.capture.people[0];
    // This draft's e-mail went as the first half of "Send e-mail + LinkedIn": this message,
    // once sent, completes that send's row (also when this is a second try of the fill).
    const both = draft ? await pendingBothFor(ctx.database, draft.id) : null;
    await ctx.database.composerFills.put({
      completes: both?.id ?? null,
      tabId: msg.tabId,
      draftId: draft ? draft.id : null,
      recipient: draft
        ? { name: draft.recipientName, linkedinUrl: draft.recipientLinkedinUrl }
        : { name: person?.name ?? '', linkedinUrl: person?.linkedinUrl ?? null },
      text: msg.text,
      target: msg.target,
      filledAt: ctx.now(),
    });
  }
  return result;
}

/**
 * LinkedIn shows the message the user just sent in this tab. It is recorded once, and only when
 * Reachlog filled this tab's composer: the user's other LinkedIn conversations are not ours to log.
 * With the draft still known → drafts.send { linkedinSent }; otherwise outreach.recordLinkedIn.
 */
export async function handleLinkedInSent(
  ctx: BackgroundContext,
  tabId: number,
  msg: { recipient: { name: string; linkedinUrl: string | null }; text: string; url: string },
): Promise<{ sendId: string } | { ignored: string }> {
  const { database } = ctx;
  const outcome = await database.transaction(
    'rw',
    [database.composerFills, database.outbox, database.drafts, database.history],
    async () => {
      const fill = await database.composerFills.get(tabId);
      if (!fill) return { ignored: 'Reachlog did not fill a composer in this tab.' };
      // consumed before anything else, so a second notice of the same message records nothing
      await database.composerFills.delete(tabId);
      const draft = fill.draftId ? await database.drafts.get(fill.draftId) : undefined;
      const emailHalf = fill.completes ? await database.outbox.get(fill.completes) : undefined;
      if (emailHalf) {
        try {
          const row = await enqueueBothLinkedInHalf(emailHalf, fill.text, database, ctx.now());
          return { sendId: row.id };
        } catch (error) {
          if (error instanceof SendRefused) return { ignored: error.message };
          throw error;
        }
      }
      let req: SendRequest;
      // Against the draft unless its LinkedIn message was already sent (or it was sent elsewhere
      // on a channel not known here yet): the user really sent this one, so it is then recorded
      // on its own rather than refused.
      const taken = draft ? await draftChannelsTaken(database, draft.id) : null;
      const draftCanTakeIt =
        !!taken && !taken.has('linkedin') && (draft?.status !== 'sent' || taken.size > 0);
      if (draft && !draft.deleted && draftCanTakeIt) {
        // recorded with the text Reachlog put into this composer: what the user saw and sent
        const content = { ...draftContent(draft), linkedinMessage: fill.text };
        req = { kind: 'draft', input: { draftId: draft.id, email: false, linkedinSent: true, content } };
      } else {
        const linkedinUrl = msg.recipient.linkedinUrl ?? fill.recipient.linkedinUrl;
        if (!linkedinUrl)
          return { ignored: 'The recipient has no LinkedIn profile URL to record the message against.' };
        req = {
          kind: 'linkedin',
          input: {
            recipient: { name: msg.recipient.name || fill.recipient.name, linkedinUrl },
            message: msg.text.trim() ? msg.text : fill.text,
            ...(draft?.jobTitle ? { jobTitle: draft.jobTitle } : {}),
            ...(draft?.companyName ? { companyName: draft.companyName } : {}),
            ...(draft?.jobUrl ? { jobUrl: draft.jobUrl } : {}),
            ...templateRef(draft),
          },
        };
      }
      try {
        const row = await enqueueSend(req, database, ctx.now());
        return { sendId: row.id };
      } catch (error) {
        if (error instanceof SendRefused) return { ignored: error.message };
        throw error;
      }
    },
  );
  if ('sendId' in outcome) void ctx.outbox.kick();
  return outcome;
}

/**
 * "Send e-mail + LinkedIn" (docs/pipeline.md): queues the draft's e-mail as the first half of a
 * both-channel send, then puts the LinkedIn message into the tab's composer. The e-mail goes
 * whatever happens to the fill; a fill that failed says so, and filling again (or "Mark as
 * sent") completes the same send.
 */
export async function handleSendBoth(
  ctx: BackgroundContext,
  msg: { tabId: number; text: string; target: 'message' | 'note'; draftId: string },
): Promise<{ sendId: string; fill: FillComposerResult }> {
  const row = await enqueueSend(
    { kind: 'draft', input: { draftId: msg.draftId, email: true, linkedinSent: false } },
    ctx.database,
    ctx.now(),
    { both: true },
  );
  void ctx.outbox.kick();
  const fill = await handleFillComposer(ctx, msg);
  return { sendId: row.id, fill };
}

/**
 * "Mark as sent" for a draft whose e-mail went as the first half of a both-channel send: the
 * LinkedIn half completes it. Null when the draft has no such send waiting.
 */
export async function completeBothByHand(
  ctx: BackgroundContext,
  draftId: string,
  message: string,
): Promise<{ sendId: string } | null> {
  const { database } = ctx;
  const row = await database.transaction('rw', [database.outbox, database.composerFills], async () => {
    const emailHalf = await pendingBothFor(database, draftId);
    if (!emailHalf) return null;
    // the composer's own notice of this message, if it comes later, must not record it again
    await database.composerFills.where('draftId').equals(draftId).delete();
    return enqueueBothLinkedInHalf(emailHalf, message, database, ctx.now());
  });
  if (row) void ctx.outbox.kick();
  return row && { sendId: row.id };
}
