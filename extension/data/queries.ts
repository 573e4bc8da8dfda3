// Reads the views need, as plain async functions over Dexie, so hooks stay one-liners and the
// queries can be tested without React. (The background uses some of them too.)
import { canonicalJobUrl, canonicalProfileUrl } from '@@/shared/linkedin-url';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';
import type { TChannel } from '@@/shared/schemas/history';
import { db as defaultDb, type ReachlogDb } from '@/db/database';
import { contactIdFor } from '@/db/contacts';
import { DAY, HOUR, HOUR_KEYS_END, hourKey, hourOfKey, type HistoryCountKey } from '@/db/history-index';
import { wordsOf } from '@/db/history-words';
import { rareWordKeys, rareWordMatches, RARE_WORD_MAX } from './history-pages';
import type { ContactRow, DraftRow, HistoryRowLocal, OutboxRow, TabCaptureRow, TemplateKind, TemplateRow } from '@/db/types';

export interface RecipientQuery {
  linkedinUrl?: string | null;
  email?: string | null;
  jobUrl?: string | null;
}

const live = (d: DraftRow) => !d.deleted;

const NOT_DELETED = [
  ['draft', 0],
  ['sent', 0],
];
const DELETED = [
  ['draft', 1],
  ['sent', 1],
];

/** Drafts shown in lists (deleted ones hidden), newest edit first (sorted here: no index to keep up). */
export async function queryDrafts(database: ReachlogDb = defaultDb): Promise<DraftRow[]> {
  const rows = await database.drafts.where('[status+deleted]').anyOf(NOT_DELETED).toArray();
  return rows.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** One draft; null when it does not exist. Deleted drafts are returned (the editor says so). */
export async function queryDraft(id: string | null | undefined, database: ReachlogDb = defaultDb): Promise<DraftRow | null> {
  return id ? ((await database.drafts.get(id)) ?? null) : null;
}

/** Drafts deleted in another browser after this one edited them: the user decides (restore or discard). */
export async function queryDraftsDeletedWithEdits(database: ReachlogDb = defaultDb): Promise<DraftRow[]> {
  const deleted = await database.drafts.where('[status+deleted]').anyOf(DELETED).toArray();
  return deleted.filter((d) => d.conflicts.some((c) => c.kind === 'edited-after-delete'));
}

/** Counted on the index alone: the nav shows it, and it re-runs on every draft write (a first sync writes thousands). */
export async function countOpenDrafts(database: ReachlogDb = defaultDb): Promise<number> {
  return database.drafts.where('[status+deleted]').equals(['draft', 0]).count();
}

/** Drafts to this person (LinkedIn URL or e-mail), newest first. */
export async function queryDraftsForRecipient(q: RecipientQuery, database: ReachlogDb = defaultDb): Promise<DraftRow[]> {
  const url = q.linkedinUrl ? canonicalProfileUrl(q.linkedinUrl) : null;
  const email = q.email?.trim().toLowerCase() || null;
  const rows = [
    ...(url ? await database.drafts.where('recipientLinkedinUrl').equals(url).toArray() : []),
    ...(email ? await database.drafts.where('recipientEmail').equalsIgnoreCase(email).toArray() : []),
  ];
  const byId = new Map(rows.filter(live).map((d) => [d.id, d]));
  return [...byId.values()].sort((a, b) => b.updatedAt - a.updatedAt);
}

/** The newest unsent draft to this person: the side panel picks up where the user left off. */
export async function queryOpenDraftFor(q: RecipientQuery, database: ReachlogDb = defaultDb): Promise<DraftRow | null> {
  return (await queryDraftsForRecipient(q, database)).find((d) => d.status === 'draft') ?? null;
}

/** The newest `limit` sends (20: the dashboard's "Latest attempts"): reads those rows only. */
export async function queryHistory(limit: number, database: ReachlogDb = defaultDb): Promise<HistoryRowLocal[]> {
  return database.history.orderBy('sentAt').reverse().limit(limit).toArray();
}

/** From the counters kept with the rows (history-index.ts), not a count of the table. */
export async function countHistory(database: ReachlogDb = defaultDb): Promise<number> {
  return (await database.historyCounts.get('all'))?.count ?? 0;
}

/** Bumped by every write to the history: the History view re-reads its list when it changes. */
export async function historyRevision(database: ReachlogDb = defaultDb): Promise<number> {
  return (await database.historyCounts.get('rev'))?.count ?? 0;
}

export interface HistoryQuery {
  /** words, each the start of a word of the row (history-words.ts) */
  text: string;
  channel: TChannel | 'all';
  /** epoch ms, inclusive; null: open */
  from: number | null;
  /** epoch ms, exclusive; null: open */
  to: number | null;
}

/**
 * Every id of the sends matching `q`, newest first, read from indexes (time, channel + time,
 * search words) — or, when a query word is rare, from that word's few rows. The History view
 * shows its first pages without it (history-pages.ts) and uses it for a text search's exact count
 * and jumps, and for export.
 */
export async function queryHistoryIds(
  q: HistoryQuery,
  database: ReachlogDb = defaultDb,
  rareMax = RARE_WORD_MAX,
  /** set when the answer is no longer wanted: the reads left are not made (resolves to []) */
  signal?: { aborted: boolean },
): Promise<number[]> {
  const words = [...new Set(wordsOf(q.text))];
  if (words.length) {
    // a rare word: its few rows, sorted, instead of every key of the time index
    const rare = await rareWordKeys(words, database, rareMax);
    if (rare) return (await rareWordMatches(q, words, rare, database)).map((r) => r.id);
  }
  if (signal?.aborted) return [];
  const hits = await Promise.all(
    words.map(async (w) => (await database.historyWords.where('words').startsWith(w).primaryKeys()) as number[]),
  );
  // the rarest word first: the sets to intersect only shrink
  hits.sort((a, b) => a.length - b.length);
  const match = hits.length ? intersect(hits) : null;
  if (match?.size === 0 || signal?.aborted) return [];
  const lo = q.from ?? -Infinity;
  const hi = q.to ?? Infinity;
  const byTime =
    q.channel === 'all'
      ? q.from === null && q.to === null
        ? database.history.orderBy('sentAt')
        : database.history.where('sentAt').between(lo, hi, true, false)
      : database.history.where('[channel+sentAt]').between([q.channel, lo], [q.channel, hi], true, false);
  const ids = (await byTime.reverse().primaryKeys()) as number[];
  return match ? ids.filter((id) => match.has(id)) : ids;
}

function intersect([first, ...rest]: number[][]): Set<number> {
  let set = new Set(first);
  for (const keys of rest) {
    if (!set.size) break;
    const prev = set;
    set = new Set(keys.filter((k) => prev.has(k)));
  }
  return set;
}

/** The rows of `ids`, in that order (ids deleted meanwhile are left out). */
export async function queryHistoryRows(ids: readonly number[], database: ReachlogDb = defaultDb): Promise<HistoryRowLocal[]> {
  return (await database.history.bulkGet(ids as number[])).filter((r): r is HistoryRowLocal => !!r);
}

export function queryHistoryRow(id: number | null, database: ReachlogDb = defaultDb): Promise<HistoryRowLocal | null> {
  return id === null ? Promise.resolve(null) : database.history.get(id).then((r) => r ?? null);
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

/** Sends not done: waiting, sending or failed, oldest first. */
export function queryOpenSends(database: ReachlogDb = defaultDb): Promise<OutboxRow[]> {
  return database.outbox.where('state').anyOf('waiting', 'sending', 'failed').sortBy('createdAt');
}

/** One draft's sends, oldest first. */
export function queryDraftSends(draftId: string | null | undefined, database: ReachlogDb = defaultDb): Promise<OutboxRow[]> {
  return draftId ? database.outbox.where('draftId').equals(draftId).sortBy('createdAt') : Promise.resolve([]);
}

export async function countSends(database: ReachlogDb = defaultDb): Promise<{ waiting: number; failed: number }> {
  const waiting = await database.outbox.where('state').anyOf('waiting', 'sending').count();
  const failed = await database.outbox.where('state').equals('failed').count();
  return { waiting, failed };
}

export async function queryTemplates(kind?: TemplateKind, database: ReachlogDb = defaultDb): Promise<TemplateRow[]> {
  const rows = kind ? await database.templates.where('kind').equals(kind).toArray() : await database.templates.toArray();
  return rows.sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
}

/** One contact by id (canonical profile URL or mailto:); null when there is none. */
export async function queryContact(id: string | null | undefined, database: ReachlogDb = defaultDb) {
  return id ? ((await database.contacts.get(id)) ?? null) : null;
}

export interface HistoryWithContacts {
  rows: HistoryRowLocal[];
  /** by history id */
  contacts: Map<number, ContactRow>;
}

/** The newest `limit` history rows with the contact each went to (for the person's role). */
export async function queryHistoryWithContacts(
  limit: number,
  database: ReachlogDb = defaultDb,
): Promise<HistoryWithContacts> {
  const rows = await queryHistory(limit, database);
  return { rows, contacts: await queryRecipientContacts(rows, database) };
}

/** The contact each history row was sent to (by LinkedIn URL, else e-mail), keyed by history id. */
export async function queryRecipientContacts(
  rows: readonly HistoryRowLocal[],
  database: ReachlogDb = defaultDb,
): Promise<Map<number, ContactRow>> {
  const idOf = (r: HistoryRowLocal) =>
    contactIdFor({ linkedinUrl: r.recipientLinkedinUrl, email: r.recipientEmail });
  const ids = [...new Set(rows.map(idOf).filter((id): id is string => !!id))];
  const found = await database.contacts.bulkGet(ids);
  const byId = new Map(found.flatMap((c) => (c ? [[c.id, c] as const] : [])));
  const out = new Map<number, ContactRow>();
  for (const r of rows) {
    const c = byId.get(idOf(r) ?? '');
    if (c) out.set(r.id, c);
  }
  return out;
}

export function queryContacts(database: ReachlogDb = defaultDb) {
  return database.contacts.orderBy('lastSeenAt').reverse().toArray();
}

/**
 * The capture to show: the active tab's own when it is a LinkedIn page read already; 'reading'
 * when it is one not read yet; otherwise the most recently updated LinkedIn tab's ('recent').
 */
export async function queryActiveCapture(
  tab: { id: number | null; isLinkedIn: boolean },
  database: ReachlogDb = defaultDb,
): Promise<{ row: TabCaptureRow | null; source: 'active' | 'recent' | 'reading' | 'none' }> {
  if (tab.id !== null) {
    const own = await database.tabCaptures.get(tab.id);
    if (own) return { row: own, source: 'active' };
    if (tab.isLinkedIn) return { row: null, source: 'reading' };
  }
  const recent = await database.tabCaptures.orderBy('updatedAt').last();
  return recent ? { row: recent, source: 'recent' } : { row: null, source: 'none' };
}

// from the labels, not the zod module, to keep zod out of the overview's chunk
const CHANNELS = Object.keys(CHANNEL_LABELS) as TChannel[];

export interface HourCount {
  /** the hour's start, epoch ms */
  at: number;
  count: number;
}

/**
 * Totals by channel, the last 7 days, and sends per hour since `since` (for the weekly chart),
 * from the counters kept with the rows (history-index.ts): the cost follows the hours shown, not
 * the history. The 7 days start mid-hour: that hour's part is counted on the time index.
 */
export async function queryStats(since: number, now = Date.now(), database: ReachlogDb = defaultDb) {
  const keys: HistoryCountKey[] = ['all', ...CHANNELS.map((c) => `channel:${c}` as const)];
  const [all, ...channels] = await database.historyCounts.bulkGet(keys);
  const byChannel = {} as Record<TChannel, number>;
  CHANNELS.forEach((c, i) => (byChannel[c] = channels[i]?.count ?? 0));
  const weekAgo = now - 7 * DAY;
  const first = Math.min(since, weekAgo);
  const rows = await database.historyCounts.where('key').between(hourKey(first), HOUR_KEYS_END).toArray();
  const hours: HourCount[] = rows.map((r) => ({ at: hourOfKey(r.key), count: r.count }));
  const fullHoursFrom = Math.ceil(weekAgo / HOUR) * HOUR;
  const last7Days =
    hours.reduce((n, h) => (h.at >= fullHoursFrom ? n + h.count : n), 0) +
    (await database.history.where('sentAt').between(weekAgo, fullHoursFrom, true, false).count());
  return { all: all?.count ?? 0, byChannel, last7Days, hours: hours.filter((h) => h.at + HOUR > since) };
}

/** Changes of one record (`draft:<id>`, `contact:<id>`…) the server has not confirmed yet. */
export function countPendingChanges(target: string | null, database: ReachlogDb = defaultDb): Promise<number> {
  return target ? database.mutations.where('target').equals(target).count() : Promise.resolve(0);
}

/** What the sync status line shows besides the engine's state: changes and sends waiting here. */
export async function queryWaiting(database: ReachlogDb = defaultDb): Promise<{ changes: number; sends: number }> {
  const changes = await database.mutations.count();
  const sends = await database.outbox.where('state').anyOf('waiting', 'sending').count();
  return { changes, sends };
}
