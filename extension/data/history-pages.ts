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
import { HOUR, hourKey, type HistoryWordsRow } from '@/db/history-index';
import type { EntityTable } from 'dexie';
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
const SCAN_CHUNK = 300;
const SCAN_CHUNK_MAX = 4_000;
/** a text search's page gives up after this many keys (returns what it found; `more` says so) */
export const SCAN_BUDGET = 12_000;

export const hasText = (q: HistoryQuery) => wordsOf(q.text).length > 0;

/** A table ordered by time as the history is (`sentAt`, `[channel+sentAt]`): the history, or its search words. */
type TimeTable<T extends { id: number }> = EntityTable<T, 'id'>;

/** The rows of `q` with sentAt below `before` (exclusive; none: the whole range), reversed. */
function timeRange<T extends { id: number }>(q: HistoryQuery, table: TimeTable<T>, before?: number) {
  return oldestFirst(q, table, before).reverse();
}

function oldestFirst<T extends { id: number }>(q: HistoryQuery, table: TimeTable<T>, before?: number) {
  const lo = q.from ?? -Infinity;
  const hi = Math.min(q.to ?? Infinity, before ?? Infinity);
  const c =
    q.channel === 'all'
      ? q.from === null && q.to === null && before === undefined
        ? table.orderBy('sentAt')
        : table.where('sentAt').between(lo, hi, true, false)
      : table.where('[channel+sentAt]').between([q.channel, lo], [q.channel, hi], true, false);
  return c;
}

/** The ids at exactly `after.sentAt` that come after it (lower ids), highest first: usually none. */
async function tiesAfter<T extends { id: number }>(q: HistoryQuery, after: HistoryCursor, table: TimeTable<T>): Promise<number[]> {
  const same =
    q.channel === 'all'
      ? table.where('sentAt').equals(after.sentAt)
      : table.where('[channel+sentAt]').equals([q.channel, after.sentAt]);
  const ids = (await same.primaryKeys()) as number[];
  return ids.filter((id) => id < after.id).sort((a, b) => b - a);
}

const history = (database: ReachlogDb): TimeTable<HistoryRowLocal> => database.history;
const searchWords = (database: ReachlogDb): TimeTable<HistoryWordsRow> => database.historyWords;

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
    const ties = await tiesAfter(q, at.after, history(database));
    const first = await rowsOf(ties.slice(0, limit), database);
    if (first.length >= limit) return first;
    const rest = await timeRange(q, history(database), at.after.sentAt)
      .limit(limit - first.length)
      .toArray();
    return [...first, ...rest];
  }
  const offset = at.offset ?? 0;
  if (at.total !== undefined && offset > at.total / 2) {
    // past the middle (a jump towards the end): skipped to from the oldest end, a shorter skip
    const from = at.total - offset - limit;
    const rows = await oldestFirst(q, history(database))
      .offset(Math.max(0, from))
      .limit(limit + Math.min(0, from))
      .toArray();
    return rows.reverse();
  }
  const range = timeRange(q, history(database));
  return (offset ? range.offset(offset) : range).limit(limit).toArray();
}

/** How many sends match `q` without text: the counters when there is no date range, else an index count. */
export async function countHistoryRange(q: HistoryQuery, database: ReachlogDb = defaultDb): Promise<number> {
  if (q.from === null && q.to === null) {
    const key = q.channel === 'all' ? 'all' : (`channel:${q.channel}` as const);
    return (await database.historyCounts.get(key))?.count ?? 0;
  }
  if (q.channel !== 'all') return timeRange(q, history(database)).count();
  // a date range over every channel: the hour counters of its whole hours, and the index for the
  // part-hours at its ends (a day starts mid-hour in some time zones)
  const lo = q.from ?? 0;
  const hi = q.to ?? Number.MAX_SAFE_INTEGER;
  const firstHour = Math.ceil(lo / HOUR) * HOUR;
  const endHour = Math.max(firstHour, Math.floor(hi / HOUR) * HOUR);
  if (endHour - firstHour > 5_000 * HOUR) return timeRange(q, history(database)).count(); // fewer keys to count
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

/**
 * Each query word's entries, up to `cap` + 1 keys (an index count of a common word's range costs
 * as much as reading it: hundreds of ms at 100k rows; a capped key read, tens).
 */
export async function wordKeys(words: string[], database: ReachlogDb, cap: number): Promise<number[][]> {
  return Promise.all(
    words.map(
      async (w) =>
        (await database.historyWords
          .where('words')
          .startsWith(w)
          .limit(cap + 1)
          .primaryKeys()) as number[],
    ),
  );
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
export async function rareWordMatches(q: HistoryQuery, words: string[], keys: number[], database: ReachlogDb) {
  let ids = [...new Set(keys)];
  const m = matcher(q, words);
  if (words.length > 1) {
    const wordRows = await database.historyWords.bulkGet(ids);
    ids = ids.filter((_, i) => m.words(wordRows[i]?.words ?? []));
  }
  return (await rowsOf(ids, database))
    .filter((r) => m.place(r) && m.words(historyWords(r)))
    .sort((a, b) => b.sentAt - a.sentAt || b.id - a.id);
}

/** The rarest word's keys when it has at most `rareMax` entries (read whole then), else null. */
export async function rareWordKeys(words: string[], database: ReachlogDb, rareMax: number): Promise<number[] | null> {
  if (rareMax <= 0) return null; // tests: never
  const keys = await wordKeys(words, database, rareMax);
  const rarest = keys.reduce((a, b) => (b.length < a.length ? b : a));
  return rarest.length <= rareMax ? rarest : null;
}


/**
 * Up to `limit` matches of a text query `q`, newest first, after `after` (keyset). The first chunk
 * of the time-ordered search words is checked first: when matches are dense it fills the page and
 * nothing else is read (learning whether a word is rare costs a capped key read per word, as much
 * as the chunk). Otherwise, a rare word: all its rows read and sorted (`ids` then holds the whole
 * result); else the scan goes on in growing chunks until the page is full or SCAN_BUDGET
 * candidates were checked.
 */
export async function queryHistoryTextPage(
  q: HistoryQuery,
  after: HistoryCursor | null,
  limit: number,
  database: ReachlogDb = defaultDb,
  rareMax = RARE_WORD_MAX,
): Promise<HistoryTextPage> {
  const words = [...new Set(wordsOf(q.text))];
  const scan: Scan = { found: [], next: after, more: true, checked: 0, chunk: SCAN_CHUNK };
  const m = matcher(q, words);
  await scanChunk(q, m, scan, limit, database);
  if (scan.more && scan.found.length < limit) {
    const rare = await rareWordKeys(words, database, rareMax);
    if (rare) {
      const all = await rareWordMatches(q, words, rare, database);
      const start = after
        ? all.findIndex((r) => r.sentAt < after.sentAt || (r.sentAt === after.sentAt && r.id < after.id))
        : 0;
      const rows = start < 0 ? [] : all.slice(start, start + limit);
      const last = rows[rows.length - 1];
      return {
        rows,
        next: last ? cursorOf(last) : after,
        more: start >= 0 && start + limit < all.length,
        ids: all.map((r) => r.id),
      };
    }
  }
  // every word is common: chunks doubling while matches are sparse
  while (scan.more && scan.found.length < limit && scan.checked < SCAN_BUDGET)
    await scanChunk(q, m, scan, limit, database);
  return { rows: await rowsOf(scan.found, database), next: scan.next, more: scan.more, ids: null };
}

interface Scan {
  /** matching ids, in order */
  found: number[];
  /** the last candidate checked */
  next: HistoryCursor | null;
  more: boolean;
  checked: number;
  /** candidates to read next */
  chunk: number;
}

/** Checks the next chunk of candidates after `scan.next`: their search words, time and id, read as
 * one range of the search words in time order (no history row, no key of the time index). */
async function scanChunk(
  q: HistoryQuery,
  m: ReturnType<typeof matcher>,
  scan: Scan,
  limit: number,
  database: ReachlogDb,
) {
  const table = searchWords(database);
  const cands: HistoryWordsRow[] = [];
  if (scan.next) {
    const tied = await tiesAfter(q, scan.next, table);
    if (tied.length) cands.push(...(await table.bulkGet(tied)).filter((r): r is HistoryWordsRow => !!r));
  }
  const ties = cands.length;
  cands.push(...(await timeRange(q, table, scan.next?.sentAt).limit(scan.chunk).toArray()));
  if (!cands.length) {
    scan.more = false;
    return;
  }
  let i = 0;
  for (; i < cands.length && scan.found.length < limit; i++) if (m.words(cands[i]!.words)) scan.found.push(cands[i]!.id);
  scan.checked += i;
  scan.next = cursorOf(cands[i - 1]!);
  if (i === cands.length && cands.length - ties < scan.chunk) scan.more = false; // the range is read to its end
  scan.chunk = Math.min(SCAN_CHUNK_MAX, scan.chunk * 2);
}
