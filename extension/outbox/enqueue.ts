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
import type { OutboxKind, OutboxRow } from '@/db/types';

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
    if (!draft || draft.syncState === 'deleted') throw new SendRefused('This draft no longer exists.');
    if (draft.status === 'sent') throw new SendRefused('This draft was already sent.');
    refuseLeftovers([
      ...(req.input.email ? [draft.emailSubject, draft.emailBody] : []),
      ...(req.input.linkedinSent ? [draft.linkedinMessage] : []),
    ]);
    recipientName = draft.recipient.name;
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
