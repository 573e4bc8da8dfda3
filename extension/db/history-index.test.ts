// The counters and search words kept with the history (history-index.ts) always equal a recount
// of the rows: after sync pages, a full-sync reset, sends, status and channel changes, deletes
// of every kind, clears, an aborted transaction, and the upgrade that builds them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import type { THistoryRow } from '@@/shared/schemas/history';
import type { TPullResult } from '@@/shared/schemas/sync';
import { clearUserData } from '@/background/clear-user-data';
import { applyPullPage } from '@/sync/apply-pull';
import { ReachlogDb } from './database';
import { historyWordsRow, hourKey, linkedinHourKey, openDayKey, type HistoryCountRow } from './history-index';
import { openRow, openRows } from './follow-up-index';
import { historyWords } from './history-words';
import type { HistoryRowLocal } from './types';

let database: ReachlogDb;
beforeEach(() => {
  database = new ReachlogDb(`counts-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await database.delete();
});

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 20, 9);
const CH = ['email', 'linkedin', 'both'] as const;

function serverRow(id: number, patch: Partial<THistoryRow> = {}): THistoryRow {
  const at = new Date(T0 + (id % 50) * 17 * 60_000);
  return {
    id,
    recipientName: `Person ${id}`,
    recipientEmail: `p${id}@example.com`,
    recipientLinkedinUrl: id % 2 ? `https://www.linkedin.com/in/person-${id}/` : null,
    jobTitle: 'Staff Engineer',
    companyName: ['Globex', 'Initech', 'Hooli'][id % 3]!,
    jobUrl: null,
    channel: CH[id % 3]!,
    emailSubject: `About the role ${id}`,
    emailBody: 'Hi',
    linkedinMessage: null,
    status: id % 10 ? 'sent' : 'failed',
    error: null,
    sentAt: at,
    createdAt: at,
    draftId: null,
    ...patch,
  } as THistoryRow;
}

const page = (history: THistoryRow[], patch: Partial<TPullResult> = {}): TPullResult => ({
  cookie: 'c',
  more: false,
  reset: false,
  lastMutationId: 0,
  drafts: [],
  items: [],
  history,
  ...patch,
});

/** The counters as a recount of the rows gives them, next to the stored ones. */
async function expectRecount(db: ReachlogDb) {
  const rows = await db.history.toArray();
  const expected = new Map<string, number>();
  const inc = (k: string) => expected.set(k, (expected.get(k) ?? 0) + 1);
  for (const r of rows) {
    inc('all');
    inc(`channel:${r.channel}`);
    inc(hourKey(r.sentAt));
    if (r.status === 'sent' && r.channel !== 'email') inc(linkedinHourKey(r.sentAt));
  }
  // the open sends per day (follow-ups due are counted from them)
  for (const o of openRows(rows)) inc(openDayKey(o.sentAt));
  const stored = (await db.historyCounts.toArray()).filter((c: HistoryCountRow) => c.key !== 'rev');
  expect(new Map(stored.map((c) => [c.key, c.count]))).toEqual(expected);
  const open = await db.historyOpen.orderBy('id').toArray();
  expect(open).toEqual(
    openRows(rows)
      .map(openRow)
      .sort((a, b) => a.id - b.id),
  );
  // the search words with the row's time and channel (the scan's one range read)
  const words = await db.historyWords.orderBy('id').toArray();
  expect(words).toEqual(rows.map(historyWordsRow).sort((a, b) => a.id - b.id));
}

describe('history counters and search words', () => {
  it('equal a recount after sync pages, overwrites, a reset, sends, updates and deletes', async () => {
    const rev0 = (await database.historyCounts.get('rev'))?.count ?? 0;
    await applyPullPage(database, page(Array.from({ length: 120 }, (_, i) => serverRow(i + 1))), 0);
    await expectRecount(database);
    expect(await database.historyCounts.get('all')).toEqual({ key: 'all', count: 120 });
    // the same rows again (a page pulled twice) and changed ones: status, channel, time, text
    await applyPullPage(
      database,
      page([
        ...Array.from({ length: 30 }, (_, i) => serverRow(i + 1)),
        serverRow(40, { status: 'sent' }),
        serverRow(41, { channel: 'linkedin', sentAt: new Date(T0 - 30 * 24 * HOUR) }),
        serverRow(42, { recipientName: 'Ingrid Solberg' }),
        serverRow(500),
      ]),
      0,
    );
    await expectRecount(database);
    expect((await database.historyCounts.get('all'))?.count).toBe(121);

    // a send recorded in this browser, then its status settles
    await database.history.put({ ...(await database.history.get(7))!, id: 900, status: 'failed' });
    await database.history.update(900, { status: 'sent', channel: 'both' });
    await database.history
      .where('id')
      .equals(900)
      .modify({ sentAt: T0 + 40 * 24 * HOUR });
    await expectRecount(database);

    // deletes: by key, by keys, by an index range, by a primary-key range
    await database.history.delete(3);
    await database.history.bulkDelete([4, 5, 99_999]);
    await database.history
      .where('sentAt')
      .below(T0 + 60 * 60_000)
      .delete();
    await database.history.where('id').between(100, 110).delete();
    await expectRecount(database);

    // a full sync starts over (reset page): counted from the new rows only
    await applyPullPage(database, page([serverRow(1), serverRow(2)], { reset: true }), 0);
    await expectRecount(database);
    expect((await database.historyCounts.get('all'))?.count).toBe(2);
    expect((await database.historyCounts.get('rev'))!.count).toBeGreaterThan(rev0);

    // sign-out
    await clearUserData(database);
    await expectRecount(database);
    expect(await database.historyCounts.get('all')).toBeUndefined();
  }, 30_000);

  it('are written in the caller’s transaction, even one that names only the history', async () => {
    await database.transaction('rw', database.history, async () => {
      await database.history.bulkPut([1, 2, 3].map((i) => ({ ...local(i) })));
    });
    await expectRecount(database);
    // a transaction that fails writes neither the rows nor the counts
    await expect(
      database.transaction('rw', database.history, async () => {
        await database.history.put(local(4));
        await database.history.add(local(1)); // the key exists: the transaction aborts
      }),
    ).rejects.toThrow();
    expect(await database.history.count()).toBe(3);
    await expectRecount(database);
  });

  it('are built for the rows already there when the database is upgraded from version 2', async () => {
    const name = `v2-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores({
      history: 'id, sentAt, channel, status, recipientLinkedinUrl, recipientEmail, jobUrl, draftId',
      settings: 'key',
    });
    await v2.table('history').bulkAdd([1, 2, 3, 4, 5].map((i) => local(i)));
    v2.close();
    const upgraded = new ReachlogDb(name);
    try {
      await expectRecount(upgraded);
      expect((await upgraded.historyCounts.get('all'))?.count).toBe(5);
      expect(await upgraded.historyWords.where('words').startsWith('globe').primaryKeys()).toEqual([3]);
    } finally {
      await upgraded.delete();
    }
  });
});

describe('upgrade to version 4', () => {
  it('builds the open sends and the LinkedIn hours for the rows and counters already there', async () => {
    const name = `v3-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({
      history: 'id, sentAt, [channel+sentAt], recipientLinkedinUrl, recipientEmail, jobUrl, draftId',
      historyCounts: 'key',
      historyWords: 'id, *words',
      contacts: 'id, email, lastSeenAt, name, company',
      settings: 'key',
    });
    const rows = Array.from({ length: 30 }, (_, i) =>
      local(
        i + 1,
        i % 5 === 0 ? { followUpOf: i } : i % 7 === 0 ? { repliedAt: new Date(T0 + 9 * HOUR) } : {},
      ),
    );
    await v3.table('history').bulkAdd(rows);
    // the counters version 3 kept (no LinkedIn hours), and a stale LinkedIn hour to be replaced
    const counts = new Map<string, number>();
    for (const r of rows)
      for (const k of ['all', `channel:${r.channel}`, hourKey(r.sentAt)])
        counts.set(k, (counts.get(k) ?? 0) + 1);
    counts.set(linkedinHourKey(T0), 999);
    await v3.table('historyCounts').bulkAdd([...counts].map(([key, count]) => ({ key, count })));
    await v3.table('historyWords').bulkAdd(rows.map((r) => ({ id: r.id, words: historyWords(r) })));
    v3.close();
    const upgraded = new ReachlogDb(name);
    try {
      await expectRecount(upgraded);
      const open = await upgraded.historyOpen.toArray();
      expect(open.length).toBeGreaterThan(0);
      // a row followed up, and a replied one, are not open
      expect(open.map((o) => o.id)).not.toContain(5);
      expect(open.map((o) => o.id)).not.toContain(8);
      // the new indexes answer
      expect(await upgraded.history.where('followUpOf').equals(5).primaryKeys()).toEqual([6]);
      expect(await upgraded.history.where('repliedAt').above(0).primaryKeys()).toEqual([8, 15, 22, 29]);
    } finally {
      await upgraded.delete();
    }
  });
});

describe('upgrade to version 5', () => {
  it('fills the time and channel of the search words already there, and the scan indexes answer', async () => {
    const name = `v4-${crypto.randomUUID()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      history:
        'id, sentAt, [channel+sentAt], recipientLinkedinUrl, recipientEmail, jobUrl, draftId, followUpOf, repliedAt',
      historyCounts: 'key',
      historyWords: 'id, *words',
      historyOpen: 'id, sentAt, *keys',
      contacts: 'id, email, lastSeenAt, name, company, status',
      settings: 'key',
    });
    const rows = Array.from({ length: 30 }, (_, i) =>
      local(i + 1, {
        sentAt: new Date(T0 + i * HOUR),
        channel: (['email', 'linkedin', 'both'] as const)[i % 3],
      }),
    );
    // version 4's words rows: the words only
    await v4.table('history').bulkAdd(rows);
    await v4.table('historyWords').bulkAdd(rows.map((r) => ({ id: r.id, words: historyWords(r) })));
    v4.close();
    const upgraded = new ReachlogDb(name);
    try {
      expect(await upgraded.historyWords.orderBy('id').toArray()).toEqual(rows.map(historyWordsRow));
      const newest = await upgraded.historyWords.orderBy('sentAt').reverse().limit(3).primaryKeys();
      expect(newest).toEqual([30, 29, 28]);
      const linkedin = await upgraded.historyWords
        .where('[channel+sentAt]')
        .between(['linkedin', -Infinity], ['linkedin', Infinity])
        .primaryKeys();
      expect(linkedin).toEqual(rows.filter((r) => r.channel === 'linkedin').map((r) => r.id));
    } finally {
      await upgraded.delete();
    }
  });
});

function local(id: number, patch: Partial<THistoryRow> = {}): HistoryRowLocal {
  const r = serverRow(id, patch);
  return {
    ...r,
    sentAt: r.sentAt.getTime(),
    createdAt: r.createdAt.getTime(),
    repliedAt: r.repliedAt?.getTime() ?? null,
    followUpOf: r.followUpOf ?? null,
  };
}
