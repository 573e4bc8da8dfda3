// The History list read a page at a time (history-pages.ts, history-pager.ts) over a real
// (fake-indexeddb) Dexie: on random histories with many sends at the same time, every way of
// reading a page — after the last row, skipped to by position, a text search's scan or its rare
// word's rows, the pager's jumps and refreshes — gives exactly what a sort and filter of every
// row gives; and the first page over a big table reads about a page of rows, not the table.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DBCore, DBCoreCursor, Middleware } from 'dexie';
import { ReachlogDb } from '@/db/database';
import type { HistoryRowLocal } from '@/db/types';
import { historyWords, wordsOf } from '@/db/history-words';
import { queryHistoryIds, type HistoryQuery } from './queries';
import {
  countHistoryRange,
  cursorOf,
  queryHistoryRange,
  queryHistoryTextPage,
  type HistoryCursor,
} from './history-pages';
import { FIRST_SCREEN, HistoryPager } from './history-pager';

const fresh = (name: string) => new ReachlogDb(`hp-${name}-${crypto.randomUUID()}`);

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALL: HistoryQuery = { text: '', channel: 'all', from: null, to: null };
const T0 = new Date(2026, 10, 1).getTime();
const NAMES = ['Marisol Quintero', 'Ingrid Solberg', 'John Doe', 'Sarah Smith', 'Raj Venkataraman'];
const COMPANIES = ['Globex', 'Initech', 'Hooli', 'Brightline Freight', null];
const CHANNELS = ['email', 'linkedin', 'both'] as const;

/** n rows with few distinct times (many ties, across page boundaries) and random ids. */
function randomRows(n: number, seed: number): HistoryRowLocal[] {
  const rnd = random(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const ids = new Set<number>();
  while (ids.size < n) ids.add(1 + Math.floor(rnd() * n * 10));
  return [...ids].map((id, i) => ({
    id,
    recipientName: `${pick(NAMES)} ${i}`,
    recipientEmail: rnd() < 0.5 ? `p${i}@example.com` : null,
    recipientLinkedinUrl: null,
    jobTitle: rnd() < 0.5 ? 'Staff Engineer' : null,
    companyName: pick(COMPANIES),
    jobUrl: null,
    channel: pick(CHANNELS),
    emailSubject: null,
    emailBody: null,
    linkedinMessage: null,
    status: 'sent',
    error: null,
    sentAt: T0 + Math.floor(rnd() * (n / 4)) * 1_200_000, // ~4 sends per 20 minutes: ties
    createdAt: 0,
    draftId: null,
    repliedAt: null,
    followUpOf: null,
  }));
}

function scan(rows: HistoryRowLocal[], q: HistoryQuery): number[] {
  const words = wordsOf(q.text);
  return rows
    .filter(
      (r) =>
        (q.channel === 'all' || r.channel === q.channel) &&
        (q.from === null || r.sentAt >= q.from) &&
        (q.to === null || r.sentAt < q.to) &&
        words.every((w) => historyWords(r).some((x) => x.startsWith(w))),
    )
    .sort((a, b) => b.sentAt - a.sentAt || b.id - a.id)
    .map((r) => r.id);
}

const HOUR = 3_600_000;
const QUERIES: HistoryQuery[] = [
  ALL,
  { ...ALL, channel: 'both' },
  { ...ALL, from: T0 + 10 * HOUR, to: T0 + 40 * HOUR },
  { ...ALL, channel: 'linkedin', from: T0 + 20 * HOUR },
  { ...ALL, to: T0 + 5 * HOUR },
  { ...ALL, text: 'globex' },
  { ...ALL, text: 'marisol glo' },
  { ...ALL, text: 'staff 1' },
  { ...ALL, text: 'sarah', channel: 'email', to: T0 + 60 * HOUR },
  { ...ALL, text: 'nobody' },
  { ...ALL, from: T0 + 1000 * HOUR }, // empty range
  { ...ALL, from: T0 + 2.5 * HOUR, to: T0 + 17.75 * HOUR }, // ends mid-hour: counted on the index there
  { ...ALL, from: T0 - HOUR, to: T0 + 7.4 * HOUR },
  { ...ALL, from: T0 + 3.1 * HOUR, to: T0 + 3.6 * HOUR }, // within one hour
];
const hasWords = (q: HistoryQuery) => wordsOf(q.text).length > 0;

/** Every page of `q` in turn, each starting after the last row of the one before. */
async function chained(q: HistoryQuery, size: number, database: ReachlogDb, rareMax: number): Promise<number[]> {
  const out: number[] = [];
  let after: HistoryCursor | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    if (hasWords(q)) {
      const page = await queryHistoryTextPage(q, after, size, database, rareMax);
      out.push(...page.rows.map((r) => r.id));
      if (!page.more) return out;
      after = page.next;
    } else {
      const rows = await queryHistoryRange(q, { after }, size, database);
      out.push(...rows.map((r) => r.id));
      if (rows.length < size) return out;
      after = cursorOf(rows[rows.length - 1]!);
    }
  }
  throw new Error('no end');
}

describe('history pages on random histories', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: pages after the last row, by position, text scans and rare words equal a scan of every row`, async () => {
      const database = fresh(`r${seed}`);
      const rows = randomRows(300, seed);
      await database.history.bulkPut(rows);
      const rnd = random(seed * 7);
      for (const q of QUERIES) {
        const want = scan(rows, q);
        const label = JSON.stringify(q);
        for (const size of [1, 7, 50]) {
          if (hasWords(q)) {
            // the time-index scan (no word counts as rare) and the rare word's rows
            expect(await chained(q, size, database, 0), `${label} scan ${size}`).toEqual(want);
            expect(await chained(q, size, database, Infinity), `${label} rare ${size}`).toEqual(want);
          } else {
            expect(await chained(q, size, database, 0), `${label} after ${size}`).toEqual(want);
            for (let i = 0; i < 3; i++) {
              const offset = Math.floor(rnd() * (want.length + 5));
              const page = await queryHistoryRange(q, { offset }, size, database);
              expect(page.map((r) => r.id), `${label} offset ${offset}`).toEqual(want.slice(offset, offset + size));
              // the same position read from the oldest end (past the middle)
              const back = await queryHistoryRange(q, { offset, total: want.length }, size, database);
              expect(back.map((r) => r.id), `${label} from the end ${offset}`).toEqual(want.slice(offset, offset + size));
            }
          }
        }
        if (!hasWords(q)) expect(await countHistoryRange(q, database), label).toBe(want.length);
        expect(await queryHistoryIds(q, database, 0), label).toEqual(want);
        expect(await queryHistoryIds(q, database, Infinity), label).toEqual(want);
      }
      await database.delete();
    }, 60_000);
  }
});

/** Every position of the pager's list, read as the view would: the screen moved over it, jumping. */
async function readAll(pager: HistoryPager, rnd: () => number): Promise<(number | undefined)[]> {
  await pager.start();
  // a jump somewhere first (a text search may not know its length yet: then in order)
  pager.want(Math.floor(rnd() * pager.length), Math.floor(rnd() * pager.length));
  await pager.idle();
  const out: (number | undefined)[] = [];
  for (let i = 0; i < pager.length; i += 9) {
    pager.want(i, i + 8);
    await pager.idle();
    for (let j = i; j < Math.min(i + 9, pager.length); j++) out[j] = pager.row(j)?.id;
  }
  return out;
}

describe('the pager', () => {
  it('gives every position of each query, its total, and follows writes after a refresh', async () => {
    const database = fresh('pager');
    let rows = randomRows(250, 9);
    await database.history.bulkPut(rows);
    const rnd = random(99);
    for (const rareMax of [0, Infinity]) {
      for (const q of QUERIES) {
        const label = `${JSON.stringify(q)} rareMax ${rareMax}`;
        const pager = new HistoryPager(q, 7, database, rareMax);
        expect(await readAll(pager, rnd), label).toEqual(scan(rows, q));
        expect(pager.total, label).toBe(scan(rows, q).length);
        pager.close();
      }
    }
    // writes: new sends (some at the newest time), a deleted one and a changed one
    const pagers = QUERIES.map((q) => new HistoryPager(q, 7, database, 0));
    for (const p of pagers) await readAll(p, rnd);
    const added = randomRows(30, 10).map((r, i) => ({ ...r, id: 10_000 + i }));
    await database.history.bulkPut(added);
    await database.history.delete(rows[0]!.id);
    await database.history.update(rows[1]!.id, { channel: 'both', companyName: 'Globex' });
    rows = await database.history.toArray();
    for (const [i, p] of pagers.entries()) {
      p.refresh();
      await p.idle();
      expect(await readAll(p, rnd), JSON.stringify(QUERIES[i])).toEqual(scan(rows, QUERIES[i]!));
      p.close();
    }
    await database.delete();
  }, 120_000);
});

/** Counts what each read hands back, per store: rows and keys from queries, cursors and gets. */
function readCounter() {
  const read: Record<string, number> = {};
  const add = (table: string, n: number) => (read[table] = (read[table] ?? 0) + n);
  const countCursor = (table: string, cursor: DBCoreCursor | null): DBCoreCursor | null =>
    cursor &&
    new Proxy(cursor, {
      get(target, prop) {
        if (prop === 'start')
          return (onNext: () => void) =>
            target.start(() => {
              add(table, 1);
              onNext();
            });
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'read-counter',
    create: (down) => ({
      ...down,
      table(name) {
        const t = down.table(name);
        return {
          ...t,
          query: async (req) => {
            const res = await t.query(req);
            add(name, res.result.length);
            return res;
          },
          getMany: async (req) => {
            add(name, req.keys.length);
            return t.getMany(req);
          },
          get: async (req) => {
            add(name, 1);
            return t.get(req);
          },
          openCursor: async (req) => countCursor(name, await t.openCursor(req)),
        };
      },
    }),
  };
  return { read, middleware, reset: () => Object.keys(read).forEach((k) => delete read[k]) };
}

describe('the first page over a big table', () => {
  const N = 3000;
  const counter = readCounter();
  let database: ReachlogDb;
  beforeAll(async () => {
    database = fresh('big');
    database.use(counter.middleware);
    const rows = randomRows(N, 5).map((r, i) => ({
      ...r,
      companyName: COMPANIES[i % 4]!,
      sentAt: T0 + i * 60_000, // no ties: one a minute
    }));
    await database.history.bulkPut(rows);
  }, 120_000);

  const firstPage = async (q: HistoryQuery) => {
    counter.reset();
    // a word with at most 100 entries counts as rare here (1,000 at 100k rows)
    const pager = new HistoryPager(q, 100, database, 100);
    await pager.start();
    const read = { ...counter.read };
    await pager.idle(); // its background reads (a text search's every id) end before the next
    pager.close();
    return { read, shown: pager.contiguous() };
  };

  it('reads about a page of rows and keys, not the table (the ids of every match were read before)', async () => {
    // before: every matching id first (this is what the view read before its first rows)
    counter.reset();
    await queryHistoryIds(ALL, database);
    expect(counter.read.history).toBeGreaterThanOrEqual(N);

    for (const q of [
      ALL,
      { ...ALL, channel: 'linkedin' as const },
      { ...ALL, from: T0 + 500 * 60_000, to: T0 + 2500 * 60_000 },
      { ...ALL, text: 'globex' }, // a quarter of the rows: the time-index scan
      { ...ALL, text: 'marisol 123' }, // a rare word (123, 1230…1239): its rows
    ]) {
      const { read, shown } = await firstPage(q);
      const label = JSON.stringify(q);
      expect(shown, label).toBeGreaterThan(0);
      // rows and keys of the history store (+ its indexes): a page, plus a scan chunk for text
      expect(read.history ?? 0, `${label} ${JSON.stringify(read)}`).toBeLessThanOrEqual(1200);
      expect(read.historyWords ?? 0, `${label} ${JSON.stringify(read)}`).toBeLessThanOrEqual(1200);
    }
  }, 60_000);

  it('a text search shows a screenful first (its rows only read), then fills the page from where the scan stopped', async () => {
    const q = { ...ALL, text: 'globex' };
    const all = await queryHistoryIds(q, database);
    counter.reset();
    const pager = new HistoryPager(q, 100, database, 0);
    await pager.start();
    expect(pager.contiguous()).toBe(FIRST_SCREEN);
    expect(counter.read.history ?? 0, JSON.stringify(counter.read)).toBe(FIRST_SCREEN);
    expect(counter.read.historyWords ?? 0, JSON.stringify(counter.read)).toBeLessThanOrEqual(300);
    pager.want(0, 99);
    await pager.idle();
    expect(Array.from({ length: 100 }, (_, i) => pager.row(i)?.id)).toEqual(all.slice(0, 100));
    pager.close();
  }, 60_000);

  it('a text scan reads candidates from the search words in time order: of the history, the rows of the page only', async () => {
    // before: the time index's keys (a key each), then one search-words get per key
    for (const q of [
      { ...ALL, text: 'globex' },
      { ...ALL, text: 'globex staff', channel: 'linkedin' as const },
      { ...ALL, text: 'hooli', from: T0 + 500 * 60_000, to: T0 + 2500 * 60_000 },
    ]) {
      counter.reset();
      const page = await queryHistoryTextPage(q, null, 100, database, 0);
      const label = `${JSON.stringify(q)} ${JSON.stringify(counter.read)}`;
      expect(page.rows.length, label).toBe(100);
      expect(counter.read.history ?? 0, label).toBe(100);
      expect(counter.read.historyWords ?? 0, label).toBeLessThanOrEqual(2100);
      const all = await queryHistoryIds(q, database);
      expect(page.rows.map((r) => r.id)).toEqual(all.slice(0, 100));
    }
    await database.delete();
  }, 60_000);
});
