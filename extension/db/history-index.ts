// Keeps what the dashboard reads instead of scanning the history, in the same transaction as
// every write to it (a Dexie middleware, so no writer can forget it — sync pages, sends, checks,
// clears):
//  - `historyCounts`: totals (all, per channel), sends per hour (for "last 7 days" and the
//    weekly chart) and a revision the History view watches instead of the whole table;
//  - `historyWords`: each row's search words (a multi-entry index: prefix search by index), its
//    time and channel (a text search scans them by time, one range read);
//  - `historyOpen`: the sends that can come due for a follow-up (follow-up-index.ts), and their
//    number per day in `historyCounts` (`open:<day>`: follow-ups due are counted from them).
// A read-write transaction over `history` is widened to both stores, so callers name `history`
// only. Counters equal a recount of the rows (extension/db/history-index.test.ts).
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { HistoryRowLocal } from './types';
import { historyWords } from './history-words';
import { OPEN, refreshOpen } from './follow-up-index';

export const HOUR = 3_600_000;

export type HistoryCountKey =
  'all' | 'rev' | `channel:${string}` | `hour:${number}` | `linkedin:${number}` | `open:${number}`;

export interface HistoryCountRow {
  key: HistoryCountKey;
  count: number;
}

/**
 * A row's search words, with its time and channel: a text search scans this table by time
 * (`sentAt`, `[channel+sentAt]`) and reads the candidates as one range, never the rows.
 */
export interface HistoryWordsRow {
  id: number;
  words: string[];
  sentAt: number;
  channel: HistoryRowLocal['channel'];
}

/** The one definition of a row's search-words row (the middleware, the upgrade, the bench). */
export const historyWordsRow = (row: HistoryRowLocal): HistoryWordsRow => ({
  id: row.id,
  words: historyWords(row),
  sentAt: row.sentAt,
  channel: row.channel,
});

// zero-padded, so the keys sort as the hours do (a range of keys is a range of hours)
export const hourKey = (at: number): HistoryCountKey =>
  `hour:${String(Math.max(0, Math.floor(at / HOUR))).padStart(9, '0')}` as HistoryCountKey;
export const hourOfKey = (key: string): number => Number(key.slice('hour:'.length)) * HOUR;
/** above every hour key */
export const HOUR_KEYS_END = 'hour;';

/** LinkedIn notes and messages sent (LinkedIn or both, status sent) in an hour: the weekly count. */
export const linkedinHourKey = (at: number): HistoryCountKey =>
  `linkedin:${String(Math.max(0, Math.floor(at / HOUR))).padStart(9, '0')}` as HistoryCountKey;
export const LINKEDIN_KEYS_START = 'linkedin:';
/** above every LinkedIn hour key */
export const LINKEDIN_KEYS_END = 'linkedin;';

/**
 * The open sends (follow-up-index.ts) per UTC day of their `sentAt`: follow-ups due are counted
 * from these and at most one day of the open index, not by walking every open send (IndexedDB
 * counts key by key; an unanswered history of 100k rows made that ~1 s on every Overview load).
 */
export const DAY = 86_400_000;
export const openDayKey = (at: number): HistoryCountKey =>
  `open:${String(Math.max(0, Math.floor(at / DAY))).padStart(6, '0')}` as HistoryCountKey;
export const OPEN_KEYS_START = 'open:';
/** above every open-day key */
export const OPEN_KEYS_END = 'open;';

/** The per-day counters of a set of open sends (the upgrade that builds them; the bench). */
export function openDayCounts(open: readonly { sentAt: number }[]): HistoryCountRow[] {
  const days = new Map<HistoryCountKey, number>();
  for (const o of open) {
    const key = openDayKey(o.sentAt);
    days.set(key, (days.get(key) ?? 0) + 1);
  }
  return [...days].map(([key, count]) => ({ key, count }));
}

/** The LinkedIn sends the weekly count is made of (shared/pipeline/follow-ups.ts's rule). */
export const countsAsLinkedinSend = (row: Pick<HistoryRowLocal, 'status' | 'channel'>) =>
  row.status === 'sent' && row.channel !== 'email';

/** What one row adds to the counters. */
export function countKeys(row: HistoryRowLocal): HistoryCountKey[] {
  const keys: HistoryCountKey[] = ['all', `channel:${row.channel}`, hourKey(row.sentAt)];
  if (countsAsLinkedinSend(row)) keys.push(linkedinHourKey(row.sentAt));
  return keys;
}

const COUNTS = 'historyCounts';
const WORDS = 'historyWords';
// DBCoreRangeType.Any (a const enum: not importable under isolatedModules)
const RANGE_ANY = 3;

async function applyDeltas(
  counts: DBCoreTable,
  trans: DBCoreTransaction,
  deltas: Map<HistoryCountKey, number>,
) {
  deltas.set('rev', 1);
  const keys = [...deltas.keys()];
  const current = (await counts.getMany({ trans, keys })) as (HistoryCountRow | undefined)[];
  const puts: HistoryCountRow[] = [];
  const dels: HistoryCountKey[] = [];
  keys.forEach((key, i) => {
    const count = (current[i]?.count ?? 0) + deltas.get(key)!;
    if (count === 0 && key !== 'rev') dels.push(key);
    else puts.push({ key, count });
  });
  if (puts.length) await counts.mutate({ type: 'put', trans, values: puts, keys: puts.map((p) => p.key) });
  if (dels.length) await counts.mutate({ type: 'delete', trans, keys: dels });
}

function historyTable(down: DBCore, table: DBCoreTable): DBCoreTable {
  const counts = () => down.table(COUNTS);
  const words = () => down.table(WORDS);
  const open = () => down.table(OPEN);
  // absent only inside the upgrade from version 2, before version 4 adds it (and then builds it)
  const hasOpen = (trans: DBCoreTransaction) =>
    (trans as unknown as IDBTransaction).objectStoreNames?.contains(OPEN) ?? true;
  return {
    ...table,
    async mutate(req: DBCoreMutateRequest) {
      const { trans } = req;
      if (req.type === 'deleteRange' && req.range.type === RANGE_ANY) {
        const res = await table.mutate(req);
        const rev = ((await counts().get({ trans, key: 'rev' })) as HistoryCountRow | undefined)?.count ?? 0;
        await counts().mutate({ type: 'deleteRange', trans, range: req.range });
        await words().mutate({ type: 'deleteRange', trans, range: req.range });
        if (hasOpen(trans)) await open().mutate({ type: 'deleteRange', trans, range: req.range });
        await counts().mutate({
          type: 'put',
          trans,
          values: [{ key: 'rev', count: rev + 1 }],
          keys: ['rev'],
        });
        return res;
      }
      // the rows as they were: what the counters lose
      let before: (HistoryRowLocal | undefined)[];
      let keys: number[];
      if (req.type === 'deleteRange') {
        const found = await table.query({
          trans,
          values: true,
          query: { index: table.schema.primaryKey, range: req.range },
        });
        before = found.result as HistoryRowLocal[];
        keys = before.map((r) => r!.id);
      } else {
        keys =
          req.type === 'delete'
            ? req.keys
            : (req.keys ?? req.values.map((v) => table.schema.primaryKey.extractKey!(v) as number));
        before = (await table.getMany({ trans, keys })) as (HistoryRowLocal | undefined)[];
      }
      const res = await table.mutate(req);

      const deltas = new Map<HistoryCountKey, number>();
      const bump = (k: HistoryCountKey, by: number) => deltas.set(k, (deltas.get(k) ?? 0) + by);
      const add = (row: HistoryRowLocal, by: number) => {
        for (const k of countKeys(row)) bump(k, by);
      };
      const failed = (i: number) => res.failures[i] !== undefined;
      before.forEach((row, i) => row && !failed(i) && add(row, -1));
      if (req.type === 'put' || req.type === 'add') {
        const rows: HistoryWordsRow[] = [];
        req.values.forEach((v: HistoryRowLocal, i) => {
          if (failed(i)) return;
          add(v, +1);
          rows.push({ ...historyWordsRow(v), id: keys[i]! });
        });
        if (rows.length)
          await words().mutate({ type: 'put', trans, values: rows, keys: rows.map((r) => r.id) });
      } else {
        const gone = keys.filter((_, i) => !failed(i));
        if (gone.length) await words().mutate({ type: 'delete', trans, keys: gone });
      }
      if (hasOpen(trans)) {
        const after = req.type === 'put' || req.type === 'add' ? req.values.filter((_, i) => !failed(i)) : [];
        const touched = [...before.filter((r, i): r is HistoryRowLocal => !!r && !failed(i)), ...after];
        if (touched.length) {
          const { removed, added } = await refreshOpen(table, open(), trans, touched);
          for (const o of removed) bump(openDayKey(o.sentAt), -1);
          for (const o of added) bump(openDayKey(o.sentAt), +1);
        }
      }
      for (const [k, n] of deltas) if (n === 0) deltas.delete(k);
      await applyDeltas(counts(), trans, deltas);
      return res;
    },
  };
}

export const historyIndexMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'history-index',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.includes('history')
            ? [...new Set([...stores, COUNTS, WORDS, OPEN])]
            : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return name === 'history' ? historyTable(down, table) : table;
      },
    };
  },
};
