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
import {
  EMPTY_OUTREACH_CONTENT,
  OUTREACH_FIELDS,
  type TOutreachContent,
} from '@@/shared/schemas/outreach-content';

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
  opts: { both?: boolean } = {},
): Promise<OutboxRow> {
  const sendId = crypto.randomUUID();
  const payload: Record<string, unknown> = { ...req.input, sendId };
  const ownDraftId = req.input.draftId;
  const draft = ownDraftId ? await database.drafts.get(ownDraftId) : undefined;
  // A draft made by "Follow up" carries what it follows up into each of its sends.
  if (draft?.followUpOf && payload.followUpOf === undefined) payload.followUpOf = draft.followUpOf;
  if (req.kind !== 'draft' && draft && req.input.template === undefined) {
    // written from a draft: the row records the template the draft was filled from
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
    ...(opts.both ? { bothOf: sendId } : {}),
  };
  return addRow(database, base, now);
}

async function addRow(database: ReachlogDb, base: Omit<OutboxRow, 'createdAt'>, now: number) {
  return database.transaction('rw', database.outbox, async () => {
    // strictly increasing, so creation order is well defined even within one millisecond
    const last = await database.outbox.orderBy('createdAt').last();
    const row: OutboxRow = { ...base, createdAt: Math.max(now, (last?.createdAt ?? 0) + 1) };
    await database.outbox.add(row);
    return row;
  });
}

/**
 * The e-mail half of this draft's both-channel send whose LinkedIn half is not queued yet (the
 * LinkedIn message still to be sent by the user), or null.
 */
export async function pendingBothFor(database: ReachlogDb, draftId: string): Promise<OutboxRow | null> {
  const rows = await database.outbox.where('draftId').equals(draftId).toArray();
  const halves = rows.filter((r) => r.bothOf && r.bothOf === r.id);
  for (const half of halves.reverse()) {
    if (!rows.some((r) => r.bothOf === half.id && r.id !== half.id)) return half;
  }
  return null;
}

/**
 * Queues the LinkedIn half of a both-channel send: drafts.send of both channels under the
 * e-mail half's send id, with the e-mail exactly as the e-mail half carries it (so if it goes
 * first, the e-mail that goes out is the same one) and the LinkedIn message the user sent. The
 * server completes the one row (or, if the e-mail half has not got through, sends and records
 * both at once); either way one row. Once per both-channel send.
 */
export async function enqueueBothLinkedInHalf(
  emailHalf: OutboxRow,
  linkedinMessage: string,
  database: ReachlogDb,
  now: number = Date.now(),
): Promise<OutboxRow> {
  const taken = await database.outbox
    .filter((r) => r.bothOf === emailHalf.id && r.id !== emailHalf.id)
    .first();
  if (taken) throw new SendRefused('The LinkedIn message of this send was already recorded.');
  const half = emailHalf.payload as TDraftSendInput;
  refuseLeftovers([linkedinMessage]);
  const payload: TDraftSendInput = {
    ...half,
    linkedinSent: true,
    content: { ...(half.content ?? EMPTY_OUTREACH_CONTENT), linkedinMessage },
  };
  check('draft', payload);
  return addRow(
    database,
    {
      id: crypto.randomUUID(),
      kind: 'draft',
      payload,
      recipientName: emailHalf.recipientName,
      draftId: emailHalf.draftId,
      state: 'waiting',
      waitingFor: null,
      attempts: 0,
      nextAttemptAt: now,
      error: null,
      historyId: null,
      updatedAt: now,
      bothOf: emailHalf.id,
    },
    now,
  );
}
