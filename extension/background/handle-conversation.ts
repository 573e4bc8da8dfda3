// LinkedIn reply detection (docs/pipeline.md, "Replies on LinkedIn"): a capture that shows an
// open conversation is checked against this browser's copy of the history; the sends it shows
// answered are marked replied at once here and on the server with replies.mark. Marks wait in
// the settings (`pendingReplyMarks`) until the server has them, so an offline moment loses none.
import type { Conversation } from '@@/shared/capture';
import { linkedInReplies } from '@@/shared/pipeline/linkedin-replies';
import { canonicalProfileUrl } from '@@/shared/linkedin-url';
import { classifyError } from '@/api/errors';
import { sessionGeneration, writeInSession } from '@/db/session-generation';
import { getSetting, updateSetting } from '@/db/settings';
import type { PendingReplyMark } from '@/db/types';
import { toLocalHistory } from '@/sync/history-row';
import type { BackgroundContext } from './context';

/**
 * Marks the rows the conversation shows answered (locally at once, then on the server); returns
 * how many it marked. Group conversations and conversations without a partner mark nothing.
 */
export async function handleConversation(
  ctx: BackgroundContext,
  conversation: Conversation,
): Promise<number> {
  if (conversation.isGroup || !conversation.partnerProfileUrl) return 0;
  const partner = canonicalProfileUrl(conversation.partnerProfileUrl);
  if (!partner) return 0;
  const { database } = ctx;
  const generation = await sessionGeneration(database);
  const rows = await database.history.where('recipientLinkedinUrl').equals(partner).toArray();
  const marks = linkedInReplies(conversation, rows, ctx.now());
  if (!marks.length) return 0;
  const wrote = await writeInSession(database, generation, [database.history], async () => {
    for (const mark of marks) await database.history.update(mark.id, { repliedAt: mark.repliedAt });
    await updateSetting('pendingReplyMarks', (pending) => mergeMarks(pending, marks), database);
  });
  if (!wrote) return 0;
  void flushReplyMarks(ctx).catch(() => undefined);
  return marks.length;
}

function mergeMarks(pending: PendingReplyMark[], marks: PendingReplyMark[]): PendingReplyMark[] {
  const ids = new Set(marks.map((m) => m.id));
  return [...pending.filter((p) => !ids.has(p.id)), ...marks];
}

const flushing = new WeakMap<object, Promise<void>>();

/**
 * Sends the waiting marks to the server (one at a time; a second call shares the running one).
 * A mark the server refuses (the row is gone or not the user's) is dropped; one that could not
 * reach it waits for the next flush (sync alarm, network back, next conversation).
 */
export function flushReplyMarks(ctx: BackgroundContext): Promise<void> {
  const running = flushing.get(ctx.database);
  if (running) return running;
  const run = flushOnce(ctx).finally(() => flushing.delete(ctx.database));
  flushing.set(ctx.database, run);
  return run;
}

async function flushOnce(ctx: BackgroundContext): Promise<void> {
  const { database } = ctx;
  const pending = await getSetting('pendingReplyMarks', database);
  if (!pending.length) return;
  const api = await ctx.getApi();
  if (!api) return;
  const generation = await sessionGeneration(database);
  for (const mark of pending) {
    let settled: 'done' | 'dropped' | 'wait';
    let row = null;
    try {
      row = await api.repliesMark({ id: mark.id, repliedAt: new Date(mark.repliedAt) });
      settled = 'done';
    } catch (error) {
      const kind = classifyError(error).kind;
      settled = kind === 'network' || kind === 'retryable' || kind === 'unauthorized' ? 'wait' : 'dropped';
    }
    if (settled === 'wait') return;
    const still = await writeInSession(database, generation, [database.history], async () => {
      // The server's row (version, repliedAt) replaces the local guess; the poke's pull brings it too.
      if (row) await database.history.put(toLocalHistory(row));
      await updateSetting(
        'pendingReplyMarks',
        (now) => now.filter((p) => !(p.id === mark.id && p.repliedAt === mark.repliedAt)),
        database,
      );
    });
    if (!still) return;
  }
}
