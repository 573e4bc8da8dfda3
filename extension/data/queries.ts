// Reads the views need, as plain async functions over Dexie, so hooks stay one-liners and the
// queries can be tested without React.
import { canonicalJobUrl, canonicalProfileUrl } from '@@/shared/linkedin-url';
import { db as defaultDb, type ReachlogDb } from '@/db/database';
import type { DraftRow, HistoryRowLocal, OutboxRow, TemplateKind, TemplateRow } from '@/db/types';

export interface RecipientQuery {
  linkedinUrl?: string | null;
  email?: string | null;
  jobUrl?: string | null;
}

/** Drafts shown in lists (tombstones hidden), newest edit first. */
export async function queryDrafts(database: ReachlogDb = defaultDb): Promise<DraftRow[]> {
  const rows = await database.drafts.orderBy('updatedAt').reverse().toArray();
  return rows.filter((d) => d.syncState !== 'deleted');
}

/** Unsent drafts to this person (LinkedIn URL or e-mail), newest first. */
export async function queryDraftsForRecipient(q: RecipientQuery, database: ReachlogDb = defaultDb): Promise<DraftRow[]> {
  const url = q.linkedinUrl ? canonicalProfileUrl(q.linkedinUrl) : null;
  const email = q.email?.trim().toLowerCase() || null;
  if (!url && !email) return [];
  const rows = await database.drafts
    .filter(
      (d) =>
        d.syncState !== 'deleted' &&
        ((url !== null && d.recipient.linkedinUrl === url) || (email !== null && d.recipient.email?.toLowerCase() === email)),
    )
    .toArray();
  return rows.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** History newest first; `limit` 20 is the dashboard's "Latest attempts". */
export async function queryHistory(limit?: number, database: ReachlogDb = defaultDb): Promise<HistoryRowLocal[]> {
  const coll = database.history.orderBy('sentAt').reverse();
  return limit ? coll.limit(limit).toArray() : coll.toArray();
}

/** Earlier sends to this person or about this job, from this browser's copy (works offline). */
export async function queryRecipientHistory(q: RecipientQuery, database: ReachlogDb = defaultDb): Promise<HistoryRowLocal[]> {
  const url = q.linkedinUrl ? canonicalProfileUrl(q.linkedinUrl) : null;
  const email = q.email?.trim().toLowerCase() || null;
  const job = q.jobUrl ? canonicalJobUrl(q.jobUrl) : null;
  const byId = new Map<number, HistoryRowLocal>();
  const add = (rows: HistoryRowLocal[]) => rows.forEach((r) => byId.set(r.id, r));
  if (url) add(await database.history.where('recipientLinkedinUrl').equals(url).toArray());
  if (email) add(await database.history.where('recipientEmail').equals(email).toArray());
  if (job) add(await database.history.where('jobUrl').equals(job).toArray());
  return [...byId.values()].sort((a, b) => b.sentAt - a.sentAt || b.id - a.id);
}

/** Sends still in flight or failed, plus those sent in the last `recentMs`, oldest first. */
export async function queryOutbox(
  recentMs = 10 * 60_000,
  now = Date.now(),
  database: ReachlogDb = defaultDb,
): Promise<OutboxRow[]> {
  const rows = await database.outbox.orderBy('createdAt').toArray();
  return rows.filter((r) => r.state !== 'sent' || now - r.updatedAt < recentMs);
}

export async function queryTemplates(kind?: TemplateKind, database: ReachlogDb = defaultDb): Promise<TemplateRow[]> {
  const rows = kind ? await database.templates.where('kind').equals(kind).toArray() : await database.templates.toArray();
  return rows.sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
}
