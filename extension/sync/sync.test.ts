// The merge rules of the pulls, with a stand-in server whose lists the test sets (the real
// server runs the same code in extension/outbox/real-server.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TDraft } from '@@/shared/schemas/drafts';
import type { THistoryPage, THistoryRow } from '@@/shared/schemas/history';
import type { ReachlogApi } from '@/api/api';
import { clearUserData } from '@/background/clear-user-data';
import { ReachlogDb } from '@/db/database';
import { getSetting } from '@/db/settings';
import { toLocalDraft } from './convert';
import { pullDrafts } from './pull-drafts';
import { pullHistory } from './pull-history';

let database: ReachlogDb;
beforeEach(() => {
  database = new ReachlogDb(`sync-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await database.delete();
});

const serverDraft = (
  id: string,
  updatedAt: number,
  body: string,
  status: TDraft['status'] = 'draft',
): TDraft => ({
  id,
  recipient: { name: 'Jane', email: null, linkedinUrl: null },
  jobTitle: null,
  companyName: null,
  jobUrl: null,
  emailSubject: null,
  emailBody: body,
  linkedinMessage: null,
  status,
  updatedAt: new Date(updatedAt),
});

describe('pullDrafts', () => {
  it('server newer wins over a synced copy; a dirty copy or a tombstone is kept for the push; gone-elsewhere drafts go', async () => {
    await database.drafts.bulkPut([
      toLocalDraft(serverDraft('synced-older', 100, 'old')),
      toLocalDraft(serverDraft('synced-same', 100, 'same')),
      { ...toLocalDraft(serverDraft('dirty-local', 100, 'typed here')), syncState: 'dirty' },
      { ...toLocalDraft(serverDraft('tombstone-1', 100, 'x')), syncState: 'deleted' },
      toLocalDraft(serverDraft('deleted-elsewhere', 100, 'x')),
    ]);
    const api = {
      listDrafts: async () => [
        serverDraft('synced-older', 200, 'newer on server'),
        serverDraft('synced-same', 100, 'same', 'sent'),
        serverDraft('dirty-local', 300, 'server edit'),
        serverDraft('tombstone-1', 300, 'x'),
        serverDraft('new-remote', 50, 'from another browser'),
      ],
    } as unknown as ReachlogApi;
    expect(await pullDrafts(api, database)).toEqual({ added: 1, updated: 2, removed: 1 });
    const byId = Object.fromEntries((await database.drafts.toArray()).map((d) => [d.id, d]));
    expect(byId['synced-older']).toMatchObject({
      emailBody: 'newer on server',
      updatedAt: 200,
      syncState: 'synced',
    });
    expect(byId['synced-same']).toMatchObject({ status: 'sent' });
    expect(byId['dirty-local']).toMatchObject({ emailBody: 'typed here', syncState: 'dirty' });
    expect(byId['tombstone-1']).toMatchObject({ syncState: 'deleted' });
    expect(byId['new-remote']).toMatchObject({ emailBody: 'from another browser', syncState: 'synced' });
    expect(byId['deleted-elsewhere']).toBeUndefined();
  });
});

const row = (id: number): THistoryRow => ({
  id,
  recipientName: 'Jane',
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
  sentAt: new Date(id * 1000),
  createdAt: new Date(id * 1000),
  draftId: null,
});

/** ids newest first, served in pages of `size` with the index of the next page as cursor */
function pagedApi(ids: number[], size: number, calls: (string | null)[]): ReachlogApi {
  return {
    historyList: async ({ cursor }: { cursor?: string | null }): Promise<THistoryPage> => {
      calls.push(cursor ?? null);
      const start = cursor ? Number(cursor) : 0;
      const items = ids.slice(start, start + size).map(row);
      return { items, nextCursor: start + size < ids.length ? String(start + size) : null };
    },
  } as unknown as ReachlogApi;
}

describe('pullHistory', () => {
  it('reads every page the first time, then stops at the first page with a known row', async () => {
    const calls: (string | null)[] = [];
    expect(await pullHistory(pagedApi([5, 4, 3, 2, 1], 2, calls), database, { pageSize: 2, now: 42 })).toBe(
      5,
    );
    expect(calls).toEqual([null, '2', '4']);
    expect(await getSetting('lastHistoryPullAt', database)).toBe(42);

    calls.length = 0;
    await pullHistory(pagedApi([9, 8, 7, 6, 5, 4, 3, 2, 1], 2, calls), database, { pageSize: 2 });
    // pages [9,8], [7,6], [5,4] — the third holds a known row: stop
    expect(calls).toEqual([null, '2', '4']);
    expect((await database.history.orderBy('id').primaryKeys()).length).toBe(9);
  });

  it('does not switch to incremental pulls until a first pull has completed', async () => {
    await database.history.put({ ...row(5), sentAt: 5000, createdAt: 5000 }); // e.g. a send made here
    const calls: (string | null)[] = [];
    await pullHistory(pagedApi([5, 4, 3, 2, 1], 2, calls), database, { pageSize: 2, maxPages: 2 });
    expect(calls).toEqual([null, '2']);
    expect(await getSetting('lastHistoryPullAt', database)).toBe(0);
    calls.length = 0;
    await pullHistory(pagedApi([5, 4, 3, 2, 1], 2, calls), database, { pageSize: 2, now: 7 });
    // the top page for new rows (all known: stop), then the backfill where the last run stopped
    expect(calls).toEqual([null, '4']);
    expect(await database.history.count()).toBe(5);
    expect(await getSetting('lastHistoryPullAt', database)).toBe(7);
  });
});

describe('sign-out during a sync', () => {
  it('writes nothing a history page or the draft list brings after the data was cleared', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    const api = {
      historyList: async (): Promise<THistoryPage> => {
        asked.push('history');
        await gate;
        return { items: [row(3), row(2)], nextCursor: null };
      },
      listDrafts: async (): Promise<TDraft[]> => {
        asked.push('drafts');
        await gate;
        return [serverDraft('old-user-draft', 100, 'theirs')];
      },
    } as unknown as ReachlogApi;
    const pulls = Promise.all([pullHistory(api, database, { now: 42 }), pullDrafts(api, database)]);
    await vi.waitFor(() => expect(asked.sort()).toEqual(['drafts', 'history']));
    await clearUserData(database); // sign-out
    release();
    await pulls;
    expect(await database.history.count()).toBe(0);
    expect(await database.drafts.count()).toBe(0);
    // the next user's first pull is still a full one
    expect(await getSetting('lastHistoryPullAt', database)).toBe(0);
  });
});
