// The History view's list, read a page at a time (docs/extension.md, "History paging"): a page is a
// LIMITED range read on the time index (`sentAt`, or `[channel+sentAt]` for a channel; the date
// range bounds it), so the first rows show after reading about a page, whatever the table's size.
// Later pages follow the last row read (keyset: its sentAt and id) or, for a jump, skip on the
// index (IDBCursor.advance: keys only, no rows). Text search walks the time index in chunks and
// checks each chunk's search words, stopping once the page is full — or, when the rarest query
// word is rare, reads that word's rows and sorts them. Order everywhere: newest first, and for
// the same time the higher id first (the index's order, reversed).
import { db as defaultDb, type ReachlogDb } from '@/db/database';
import { historyWords, wordsOf } from '@/db/history-words';
import { HOUR, hourKey } from '@/db/history-index';
import type { HistoryRowLocal } from '@/db/types';
import type { HistoryQuery } from './queries';

/** A row's place in the list: the keyset a next page starts after. */
export interface HistoryCursor {
  sentAt: number;
  id: number;
}

export const cursorOf = (r: Pick<HistoryRowLocal, 'sentAt' | 'id'>): HistoryCursor => ({ sentAt: r.sentAt, id: r.id });

/** A rarest word with at most this many index entries: read its rows and sort them (one read). */
export const RARE_WORD_MAX = 1_000;
/** keys of the time index checked per step of a text search (at least; at most) */
const SCAN_CHUNK = 200;
const SCAN_CHUNK_MAX = 4_000;
/** a text search's page gives up after this many keys (returns what it found; `more` says so) */
export const SCAN_BUDGET = 12_000;

export const hasText = (q: HistoryQuery) => wordsOf(q.text).length > 0;

/** The rows of `q` with sentAt below `before` (exclusive; none: the whole range), reversed. */
function timeRange(q: HistoryQuery, database: ReachlogDb, before?: number) {
  return oldestFirst(q, database, before).reverse();
}

function oldestFirst(q: HistoryQuery, database: ReachlogDb, before?: number) {
  const lo = q.from ?? -Infinity;
  const hi = Math.min(q.to ?? Infinity, before ?? Infinity);
  const c =
    q.channel === 'all'
      ? q.from === null && q.to === null && before === undefined
        ? database.history.orderBy('sentAt')
        : database.history.where('sentAt').between(lo, hi, true, false)
      : database.history.where('[channel+sentAt]').between([q.channel, lo], [q.channel, hi], true, false);
  return c;
}

/** The ids at exactly `after.sentAt` that come after it (lower ids), highest first: usually none. */
async function tiesAfter(q: HistoryQuery, after: HistoryCursor, database: ReachlogDb): Promise<number[]> {
  const same =
    q.channel === 'all'
      ? database.history.where('sentAt').equals(after.sentAt)
      : database.history.where('[channel+sentAt]').equals([q.channel, after.sentAt]);
  const ids = (await same.primaryKeys()) as number[];
  return ids.filter((id) => id < after.id).sort((a, b) => b - a);
}

async function rowsOf(ids: readonly number[], database: ReachlogDb): Promise<HistoryRowLocal[]> {
  return (await database.history.bulkGet(ids as number[])).filter((r): r is HistoryRowLocal => !!r);
}

/**
 * `limit` rows of `q` without text, newest first: after `after` (keyset), else from position
 * `offset` (skipped on the index). Reads those rows only.
 */
export async function queryHistoryRange(
  q: HistoryQuery,
  /** `total`: the range's size, when known (a position past the middle is read from the other end) */
  at: { after?: HistoryCursor | null; offset?: number; total?: number },
  limit: number,
  database: ReachlogDb = defaultDb,
): Promise<HistoryRowLocal[]> {
  if (at.after) {
    const ties = await tiesAfter(q, at.after, database);
    const first = await rowsOf(ties.slice(0, limit), database);
    if (first.length >= limit) return first;
    const rest = await timeRange(q, database, at.after.sentAt)
      .limit(limit - first.length)
      .toArray();
    return [...first, ...rest];
  }
  const offset = at.offset ?? 0;
  if (at.total !== undefined && offset > at.total / 2) {
    // past the middle (a jump towards the end): skipped to from the oldest end, a shorter skip
    const from = at.total - offset - limit;
    const rows = await oldestFirst(q, database)
      .offset(Math.max(0, from))
      .limit(limit + Math.min(0, from))
      .toArray();
    return rows.reverse();
  }
  const range = timeRange(q, database);
  return (offset ? range.offset(offset) : range).limit(limit).toArray();
}

/** How many sends match `q` without text: the counters when there is no date range, else an index count. */
export async function countHistoryRange(q: HistoryQuery, database: ReachlogDb = defaultDb): Promise<number> {
  if (q.from === null && q.to === null) {
    const key = q.channel === 'all' ? 'all' : (`channel:${q.channel}` as const);
    return (await database.historyCounts.get(key))?.count ?? 0;
  }
  if (q.channel !== 'all') return timeRange(q, database).count();
  // a date range over every channel: the hour counters of its whole hours, and the index for the
  // part-hours at its ends (a day starts mid-hour in some time zones)
  const lo = q.from ?? 0;
  const hi = q.to ?? Number.MAX_SAFE_INTEGER;
  const firstHour = Math.ceil(lo / HOUR) * HOUR;
  const endHour = Math.max(firstHour, Math.floor(hi / HOUR) * HOUR);
  if (endHour - firstHour > 5_000 * HOUR) return timeRange(q, database).count(); // fewer keys to count
  const [hours, head, tail] = await Promise.all([
    firstHour < endHour
      ? database.historyCounts.where('key').between(hourKey(firstHour), hourKey(endHour)).toArray()
      : [],
    database.history.where('sentAt').between(lo, Math.min(firstHour, hi), true, false).count(),
    endHour < hi && endHour >= firstHour
      ? database.history.where('sentAt').between(Math.max(endHour, lo), hi, true, false).count()
      : 0,
  ]);
  return hours.reduce((n, h) => n + h.count, 0) + head + tail;
}

export interface HistoryTextPage {
  rows: HistoryRowLocal[];
  /** where the next page starts (the last row, or the last key checked when the budget ran out) */
  next: HistoryCursor | null;
  /** more matches may follow `next` */
  more: boolean;
  /** every match's id, in order, when the search read them all (a rare word): the exact result */
  ids: number[] | null;
}

/** Each query word's number of index entries (an index count: no keys read). */
export async function wordCounts(words: string[], database: ReachlogDb): Promise<number[]> {
  return Promise.all(words.map((w) => database.historyWords.where('words').startsWith(w).count()));
}

function matcher(q: HistoryQuery, words: string[]) {
  const lo = q.from ?? -Infinity;
  const hi = q.to ?? Infinity;
  return {
    words: (rowWords: readonly string[]) => words.every((w) => rowWords.some((x) => x.startsWith(w))),
    place: (r: HistoryRowLocal) =>
      (q.channel === 'all' || r.channel === q.channel) && r.sentAt >= lo && r.sentAt < hi,
  };
}

/** Every match of `q` from the entries of its rarest word (few), newest first: their search words
 * first (small rows) when there are other words, then the rows of those that match. */
export async function rareWordMatches(q: HistoryQuery, words: string[], rarest: string, database: ReachlogDb) {
  let ids = [...new Set((await database.historyWords.where('words').startsWith(rarest).primaryKeys()) as number[])];
  const m = matcher(q, words);
  if (words.length > 1) {
    const wordRows = await database.historyWords.bulkGet(ids);
    ids = ids.filter((_, i) => m.words(wordRows[i]?.words ?? []));
  }
  return (await rowsOf(ids, database))
    .filter((r) => m.place(r) && m.words(historyWords(r)))
    .sort((a, b) => b.sentAt - a.sentAt || b.id - a.id);
}

/** what reading one row (with its 1–5 kB body) costs against one index key or search-words row */
const ROW_COST = 10;

/** above this many entries a word's rows are never all read for a page (bodies are 1–5 kB) */
const RARE_WORD_CAP = 5_000;

/**
 * Whether reading the rarest word's entries beats scanning the time index for a page of `want`
 * matches. Words taken as independent: a guess, but one that only picks between two exact reads.
 * At or under `rareMax` entries always (0: never — tests force each way).
 */
export function preferRareWord(counts: number[], total: number, want: number, rareMax = RARE_WORD_MAX): boolean {
  const r = Math.min(...counts);
  if (r <= rareMax) return true;
  if (rareMax <= 0 || total <= 0 || r > RARE_WORD_CAP) return false;
  const share = counts.reduce((p, c) => p * Math.min(1, c / total), 1);
  const rare = r * (counts.length > 1 ? 2 : 1) + share * total * ROW_COST;
  const scan = 2 * Math.min(total, want / Math.max(share, 1 / total));
  return rare < scan;
}

/** Each query word's entry count, and the table's size (the counter). */
export async function textStats(words: string[], database: ReachlogDb) {
  const [counts, all] = await Promise.all([
    wordCounts(words, database),
    database.historyCounts.get('all'),
  ]);
  return { counts, total: all?.count ?? 0, rarest: words[counts.indexOf(Math.min(...counts))]! };
}

/**
 * Up to `limit` matches of a text query `q`, newest first, after `after` (keyset). A rare word:
 * all its rows read and sorted (`ids` then holds the whole result). Otherwise the time index is
 * walked in chunks of keys, each chunk's search words read by id, until the page is full or
 * SCAN_BUDGET keys were checked.
 */
export async function queryHistoryTextPage(
  q: HistoryQuery,
  after: HistoryCursor | null,
  limit: number,
  database: ReachlogDb = defaultDb,
  rareMax = RARE_WORD_MAX,
): Promise<HistoryTextPage> {
  const words = [...new Set(wordsOf(q.text))];
  const { counts, total, rarest } = await textStats(words, database);
  if (preferRareWord(counts, total, limit, rareMax)) {
    const all = await rareWordMatches(q, words, rarest, database);
    const start = after ? all.findIndex((r) => r.sentAt < after.sentAt || (r.sentAt === after.sentAt && r.id < after.id)) : 0;
    const rows = start < 0 ? [] : all.slice(start, start + limit);
    const last = rows[rows.length - 1];
    return {
      rows,
      next: last ? cursorOf(last) : after,
      more: start >= 0 && start + limit < all.length,
      ids: all.map((r) => r.id),
    };
  }
  const m = matcher(q, words);
  // enough keys for the page at the words' estimated share, in as few reads as may be
  const share = counts.reduce((p, c) => p * Math.min(1, c / Math.max(total, 1)), 1);
  const chunk = Math.round(Math.min(SCAN_CHUNK_MAX, Math.max(SCAN_CHUNK, (1.5 * limit) / Math.max(share, 1e-6))));
  const found: number[] = [];
  let next = after;
  let checked = 0;
  let more = true;
  while (more && found.length < limit && checked < SCAN_BUDGET) {
    // the chunk's keys: sentAt and id from a key cursor (no rows read)
    const keys: HistoryCursor[] = [];
    if (next) for (const id of await tiesAfter(q, next, database)) keys.push({ sentAt: next.sentAt, id });
    const ties = keys.length;
    await timeRange(q, database, next?.sentAt)
      .limit(chunk)
      .eachKey((key, cursor) => {
        const k = key as unknown as number | [string, number];
        keys.push({ sentAt: Array.isArray(k) ? k[1] : k, id: cursor.primaryKey as number });
      });
    if (!keys.length) {
      more = false;
      break;
    }
    const wordRows = await database.historyWords.bulkGet(keys.map((k) => k.id));
    let i = 0;
    for (; i < keys.length && found.length < limit; i++) if (m.words(wordRows[i]?.words ?? [])) found.push(keys[i]!.id);
    checked += i;
    next = keys[i - 1]!;
    if (i === keys.length && keys.length - ties < chunk) more = false; // the range is read to its end
  }
  return { rows: await rowsOf(found, database), next, more, ids: null };
}
