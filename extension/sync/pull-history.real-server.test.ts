// @vitest-environment node
// History larger than one run's page budget, pulled from the real server over HTTP.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReachlogApi, type ReachlogApi } from '@/api/api';
import { ReachlogDb } from '@/db/database';
import { getSetting } from '@/db/settings';
import { startRealServer, type RealServer } from '@/test-support/real-server';
import { pullHistory } from './pull-history';

vi.setConfig({ testTimeout: 60_000 });

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function record(api: ReachlogApi, n: number, label: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await api.recordLinkedIn({
      sendId: crypto.randomUUID(),
      recipient: { name: `Person ${label}${i}`, linkedinUrl: `https://www.linkedin.com/in/p-${label}${i}/` },
      message: `hello ${label}${i}`,
    });
  }
}

describe('history backfill across runs', () => {
  it('continues where the last run stopped and still picks up new rows from the top', async () => {
    let token: string | null = null;
    const api = createReachlogApi({ serverUrl: server.url, getToken: () => token });
    token = (
      await api.signUp({
        email: `h-${crypto.randomUUID().slice(0, 8)}@example.com`,
        password: 'correct horse battery',
      })
    ).token;
    await record(api, 23, 'old');
    const database = new ReachlogDb(`pull-${crypto.randomUUID()}`);
    const limits = { pageSize: 5, maxPages: 2 }; // 10 rows per run at most

    expect(await pullHistory(api, database, { ...limits, now: 1 })).toBe(10);
    expect(await getSetting('historyBackfillCursor', database)).not.toBeNull();
    expect(await getSetting('lastHistoryPullAt', database)).toBe(0);

    await record(api, 3, 'new'); // arrives between runs, on top
    const counts: number[] = [];
    for (let run = 0; run < 5 && (await getSetting('lastHistoryPullAt', database)) === 0; run++) {
      await pullHistory(api, database, { ...limits, now: 99 });
      counts.push(await database.history.count());
    }
    // each later run: one top page (new rows, stops at a known one) + one backfill page
    expect(counts).toEqual([18, 23, 26]);
    expect(await getSetting('lastHistoryPullAt', database)).toBe(99);
    expect(await getSetting('historyBackfillCursor', database)).toBeNull();

    const all = await api.historyList({ cursor: null, limit: 100 });
    expect(all.items).toHaveLength(26);
    expect((await database.history.orderBy('id').primaryKeys()).sort()).toEqual(
      all.items.map((r) => r.id).sort(),
    );

    // done: a run reads only the top page
    await record(api, 1, 'later');
    await pullHistory(api, database, limits);
    expect(await database.history.count()).toBe(27);
    await database.delete();
  });
});
