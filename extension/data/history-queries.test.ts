// The History view's and the Overview's reads over a real (fake-indexeddb) Dexie: ids by index
// (time, channel + time, search words), rows by id, and stats from the counters — checked
// against a brute-force filter of all rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReachlogDb } from '@/db/database';
import type { HistoryRowLocal } from '@/db/types';
import { historyWords, wordsOf } from '@/db/history-words';
import {
  countHistory,
  historyRevision,
  queryHistory,
  queryHistoryIds,
  queryHistoryRows,
  queryStats,
  type HistoryQuery,
} from './queries';

let database: ReachlogDb;
beforeEach(() => {
  database = new ReachlogDb(`hq-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await database.delete();
});

const day = (d: number, h = 12, m = 0) => new Date(2026, 10, d, h, m).getTime();
const ALL: HistoryQuery = { text: '', channel: 'all', from: null, to: null };

function row(id: number, patch: Partial<HistoryRowLocal> = {}): HistoryRowLocal {
  return {
    id,
    recipientName: `Person ${id}`,
    recipientEmail: null,
    recipientLinkedinUrl: null,
    jobTitle: null,
    companyName: null,
    jobUrl: null,
    channel: 'email',
    emailSubject: null,
    emailBody: null,
    linkedinMessage: null,
    status: 'sent',
    error: null,
    sentAt: day(20),
    createdAt: 0,
    draftId: null,
    repliedAt: null,
    followUpOf: null,
    ...patch,
  };
}

const ROWS = [
  row(1, { recipientName: 'Marisol Quintero', companyName: 'Brightline Freight', sentAt: day(20) }),
  row(2, { recipientName: 'Ingrid Solberg', companyName: 'Vesper Robotics', channel: 'linkedin', sentAt: day(21) }),
  row(3, { recipientName: 'Raj Venkataraman', jobTitle: 'Staff Engineer', channel: 'both', sentAt: day(25, 23, 59) }),
  row(4, { recipientEmail: 'ops@brightline.example', sentAt: day(26, 0, 0) }),
  row(5, {
    recipientName: 'Zoë Ångström',
    recipientLinkedinUrl: 'https://www.linkedin.com/in/zoe-angstrom-42/',
    emailSubject: 'About the iOS role',
    sentAt: day(26, 0, 0),
  }),
];

const ids = (q: Partial<HistoryQuery>) => queryHistoryIds({ ...ALL, ...q }, database);

describe('history by index', () => {
  beforeEach(async () => {
    await database.history.bulkPut(ROWS);
  });

  it('lists every id newest first (same time: higher id first), and reads rows by id in that order', async () => {
    expect(await ids({})).toEqual([5, 4, 3, 2, 1]);
    expect((await queryHistoryRows([3, 1, 77], database)).map((r) => r.id)).toEqual([3, 1]);
    expect((await queryHistory(2, database)).map((r) => r.id)).toEqual([5, 4]);
  });

  it('finds rows whose words start with every word of the query, in any case and field', async () => {
    expect(await ids({ text: 'brightline' })).toEqual([4, 1]);
    expect(await ids({ text: 'MARISOL freight' })).toEqual([1]);
    expect(await ids({ text: 'marisol vesper' })).toEqual([]);
    expect(await ids({ text: 'staff' })).toEqual([3]);
    expect(await ids({ text: 'ingr sol' })).toEqual([2]);
    expect(await ids({ text: 'zoë ios' })).toEqual([5]);
    expect(await ids({ text: 'zoe-angstrom' })).toEqual([5]); // the profile's slug
    expect(await ids({ text: 'linkedin' })).toEqual([]); // not every URL's host
    expect(await ids({ text: 'olberg' })).toEqual([]); // word starts only
  });

  it('filters by channel and by a time range, alone or with words', async () => {
    expect(await ids({ channel: 'linkedin' })).toEqual([2]);
    expect(await ids({ channel: 'email' })).toEqual([5, 4, 1]);
    expect(await ids({ from: day(25, 0), to: day(26, 0) })).toEqual([3]);
    expect(await ids({ from: day(26, 0) })).toEqual([5, 4]);
    expect(await ids({ to: day(25, 0) })).toEqual([2, 1]);
    expect(await ids({ channel: 'email', from: day(21, 0), text: 'ops' })).toEqual([4]);
    expect(await ids({ channel: 'both', to: day(25, 0) })).toEqual([]);
  });

  it('follows changes: a row whose text or channel changes moves to its new matches', async () => {
    await database.history.update(2, { recipientName: 'Ingrid Berg', channel: 'email' });
    expect(await ids({ text: 'solberg' })).toEqual([]);
    expect(await ids({ text: 'berg', channel: 'email' })).toEqual([2]);
    await database.history.delete(2);
    expect(await ids({ text: 'berg' })).toEqual([]);
  });
});

describe('history at size', () => {
  it('pages, filters and searches 3,000 rows exactly as a scan of every row would', async () => {
    const names = ['Marisol Quintero', 'Ingrid Solberg', 'John Doe', 'Sarah Smith'];
    const companies = ['Globex', 'Initech', 'Hooli', 'Brightline Freight'];
    const channels = ['email', 'linkedin', 'both'] as const;
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(i + 1, {
        recipientName: `${names[i % 4]} ${i}`,
        companyName: companies[(i * 7) % 4]!,
        channel: channels[i % 3]!,
        sentAt: day(1) + ((i * 7919) % 3000) * 600_000, // shuffled times
      }),
    );
    await database.history.bulkPut(rows);
    const scan = (q: HistoryQuery) => {
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
    };
    const queries: HistoryQuery[] = [
      ALL,
      { ...ALL, channel: 'both' },
      { ...ALL, from: day(5), to: day(12) },
      { ...ALL, channel: 'linkedin', from: day(8) },
      { ...ALL, text: 'globex' },
      { ...ALL, text: 'marisol glo' },
      { ...ALL, text: 'ingrid 12' },
      { ...ALL, text: 'smith', channel: 'email', to: day(15) },
    ];
    for (const q of queries) expect(await queryHistoryIds(q, database), JSON.stringify(q)).toEqual(scan(q));
  }, 60_000); // 3,000 rows into fake-indexeddb: seconds on a loaded machine
});

describe('stats from the counters', () => {
  it('totals, the last 7 days to the minute, and sends per hour since a time', async () => {
    const now = day(27, 10, 30);
    await database.history.bulkPut([
      row(1, { sentAt: day(20, 10, 29), channel: 'linkedin' }), // just over 7 days before now
      row(2, { sentAt: day(20, 10, 31) }), // just inside
      row(3, { sentAt: day(20, 10, 59), channel: 'both' }),
      row(4, { sentAt: day(26, 9, 5) }),
      row(5, { sentAt: day(26, 9, 55) }),
      row(6, { sentAt: day(1) }),
    ]);
    const rev = await historyRevision(database);
    const stats = await queryStats(day(19), now, database);
    expect(stats.all).toBe(6);
    expect(await countHistory(database)).toBe(6);
    expect(stats.byChannel).toEqual({ email: 4, linkedin: 1, both: 1 });
    expect(stats.last7Days).toBe(4);
    expect(stats.hours).toEqual([
      { at: day(20, 10), count: 3 },
      { at: day(26, 9), count: 2 },
    ]);
    await database.history.delete(5);
    expect(await historyRevision(database)).toBe(rev + 1);
    expect((await queryStats(day(19), now, database)).hours[1]).toEqual({ at: day(26, 9), count: 1 });
  });
});
