import { ZDraftSendInput, type TDraftSendInput } from '@@/shared/schemas/drafts';
import {
  ZRecordLinkedInInput,
  ZSendEmailInput,
  type TRecordLinkedInInput,
  type TSendEmailInput,
} from '@@/shared/schemas/outreach';
import { leftoverPlaceholders } from '@@/shared/templates';
import { issuesText } from '@/api/errors';
import type { ReachlogDb } from '@/db/database';
import type { DraftRow, OutboxKind, OutboxRow } from '@/db/types';
import { OUTREACH_FIELDS, type TOutreachContent } from '@@/shared/schemas/outreach-content';

export type SendRequest =
  | { kind: 'email'; input: Omit<TSendEmailInput, 'sendId'> }
  | { kind: 'linkedin'; input: Omit<TRecordLinkedInInput, 'sendId'> }
  | { kind: 'draft'; input: Omit<TDraftSendInput, 'sendId'> };

/** A send the outbox refuses before it is queued; the message is for the user. */
export class SendRefused extends Error {
  override readonly name = 'SendRefused';
}

function check(kind: OutboxKind, payload: unknown): void {
  const schema =
    kind === 'email' ? ZSendEmailInput : kind === 'linkedin' ? ZRecordLinkedInInput : ZDraftSendInput;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new SendRefused(issuesText(parsed.error.issues) ?? 'The send is not valid.');
}

function refuseLeftovers(texts: (string | null | undefined)[]): void {
  const left = texts.flatMap((t) => (t ? leftoverPlaceholders(t) : []));
  if (left.length) {
    throw new SendRefused(
      `Fill in or remove ${left.join(', ')} before sending: template variables are never sent as they are.`,
    );
  }
}

export type DraftChannel = 'email' | 'linkedin';

/** The draft's fields as this browser shows them. */
export function draftContent(d: DraftRow): TOutreachContent {
  return Object.fromEntries(OUTREACH_FIELDS.map((f) => [f, d[f]])) as TOutreachContent;
}

/** The draft's template (name at the time, and id) as a send's input carries it; {} for none. */
export function templateRef(d: DraftRow | undefined): { template?: string; templateId?: string } {
  return {
    ...(d?.template ? { template: d.template } : {}),
    ...(d?.template && d.templateId ? { templateId: d.templateId } : {}),
  };
}

/**
 * The channels of a draft already sent or on their way: its sent history rows (synced from any
 * browser) and this browser's outbox rows that did not fail. A draft is marked sent after its
 * first send on either channel, yet the other channel may still go later (LinkedIn today, the
 * e-mail tomorrow); only sending one channel twice is refused.
 */
export async function draftChannelsTaken(database: ReachlogDb, draftId: string): Promise<Set<DraftChannel>> {
  const taken = new Set<DraftChannel>();
  const add = (email: boolean, linkedin: boolean) => {
    if (email) taken.add('email');
    if (linkedin) taken.add('linkedin');
  };
  const history = await database.history.where('draftId').equals(draftId).toArray();
  for (const h of history) {
    if (h.status === 'sent') add(h.channel !== 'linkedin', h.channel !== 'email');
  }
  const outbox = await database.outbox.where('draftId').equals(draftId).toArray();
  for (const o of outbox) {
    if (o.state === 'failed') continue;
    if (o.kind === 'draft') {
      const p = o.payload as TDraftSendInput;
      add(p.email, p.linkedinSent);
    } else add(o.kind === 'email', o.kind === 'linkedin');
  }
  return taken;
}

/**
 * Queues a send under a send id made here, once: every retry reuses it, so the server records
 * (and mails) it once. Checks the input with the server's own schemas first, so a send that
 * can never succeed is refused now, even offline.
 */
export async function enqueueSend(
  req: SendRequest,
  database: ReachlogDb,
  now: number = Date.now(),
): Promise<OutboxRow> {
  const sendId = crypto.randomUUID();
  const payload = { ...req.input, sendId };
  if (req.kind !== 'draft' && req.input.draftId && req.input.template === undefined) {
    // written from a draft: the row records the template the draft was filled from
    const draft = await database.drafts.get(req.input.draftId);
    Object.assign(payload, templateRef(draft));
  }
  check(req.kind, payload);

  let recipientName: string;
  let draftId: string | null;
  if (req.kind === 'email') {
    refuseLeftovers([req.input.subject, req.input.body]);
    recipientName = req.input.recipient.name;
    draftId = req.input.draftId ?? null;
  } else if (req.kind === 'linkedin') {
    refuseLeftovers([req.input.message]);
    recipientName = req.input.recipient.name;
    draftId = req.input.draftId ?? null;
  } else {
    const draft = await database.drafts.get(req.input.draftId);
    if (!draft || draft.deleted) throw new SendRefused('This draft no longer exists.');
    const taken = await draftChannelsTaken(database, draft.id);
    const again = [
      req.input.email && taken.has('email') ? 'e-mail' : null,
      req.input.linkedinSent && taken.has('linkedin') ? 'LinkedIn message' : null,
    ].filter((c): c is string => !!c);
    if (again.length) throw new SendRefused(`This draft's ${again.join(' and ')} was already sent.`);
    if (draft.status === 'sent' && taken.size === 0) {
      // sent from another browser and its history row has not arrived yet: which channel is unknown
      throw new SendRefused('This draft was already sent from another browser. Sync, then try again.');
    }
    // The send carries the draft exactly as this browser shows it now: never a copy another
    // browser wrote meanwhile (the server sends what it is given).
    const content = req.input.content ?? draftContent(draft);
    refuseLeftovers([
      ...(req.input.email ? [content.emailSubject, content.emailBody] : []),
      ...(req.input.linkedinSent ? [content.linkedinMessage] : []),
    ]);
    (payload as TDraftSendInput).content = content;
    check(req.kind, payload);
    recipientName = content.recipientName || draft.recipientName;
    draftId = draft.id;
  }

  const base: Omit<OutboxRow, 'createdAt'> = {
    id: sendId,
    kind: req.kind,
    payload,
    recipientName,
    draftId,
    state: 'waiting',
    waitingFor: null,
    attempts: 0,
    nextAttemptAt: now,
    error: null,
    historyId: null,
    updatedAt: now,
  };
  return database.transaction('rw', database.outbox, async () => {
    // strictly increasing, so creation order is well defined even within one millisecond
    const last = await database.outbox.orderBy('createdAt').last();
    const row: OutboxRow = { ...base, createdAt: Math.max(now, (last?.createdAt ?? 0) + 1) };
    await database.outbox.add(row);
    return row;
  });
}
