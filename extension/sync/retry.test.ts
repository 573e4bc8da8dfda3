// A sync that could not reach the server goes again by itself with backoff (not at the next
// periodic sync, a minute later); one that got through stops the retries. Stand-in API whose
// answers the test controls, timers the test fires.
import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TPullResult } from '@@/shared/schemas/sync';
import type { ReachlogApi } from '@/api/api';
import { ReachlogDb } from '@/db/database';
import { setSetting } from '@/db/settings';
import { backoffMs } from '@/outbox/backoff';
import { SyncEngine } from './sync-engine';

const networkError = () =>
  new TRPCClientError('Failed to fetch', { cause: new TypeError('Failed to fetch') });
const busy = () =>
  new TRPCClientError('busy', {
    result: { error: { message: 'busy', code: -32000, data: { code: 'TOO_MANY_REQUESTS' } } },
  });
const refused = () =>
  new TRPCClientError('bad', {
    result: { error: { message: 'bad', code: -32000, data: { code: 'BAD_REQUEST' } } },
  });
const empty: TPullResult = {
  cookie: '1',
  more: false,
  reset: false,
  lastMutationId: 0,
  drafts: [],
  items: [],
  history: [],
};

let database: ReachlogDb;
let timers: { ms: number; fn: () => void }[];
let failures: (() => Error)[];
let pulls: number;
let engine: SyncEngine;

const api = {
  syncPush: async () => ({ lastMutationId: 0, rejected: [] }),
  syncPull: async () => {
    pulls++;
    const fail = failures.shift();
    if (fail) throw fail();
    return empty;
  },
} as unknown as ReachlogApi;

beforeEach(async () => {
  database = new ReachlogDb(`sync-retry-${crypto.randomUUID()}`);
  await setSetting('session', { token: 't', user: { id: 'u1', email: 'a@b.test', name: null } }, database);
  timers = [];
  failures = [];
  pulls = 0;
  engine = new SyncEngine({
    database,
    getApi: async () => api,
    onUnauthorized: async () => undefined,
    random: () => 1,
    setTimer: (fn, ms) => timers.push({ ms, fn }),
    clearTimer: () => {
      timers = [];
    },
  });
});
afterEach(async () => {
  await database.delete();
});

/** Fires the one pending retry and waits for its run. */
async function fire() {
  expect(timers).toHaveLength(1);
  const [t] = timers.splice(0, 1);
  t!.fn();
  await engine.idle();
}

it('retries a sync lost to the network with backoff until it gets through, then stops', async () => {
  failures = [networkError, networkError, networkError];
  expect((await engine.run()).state).toBe('offline');
  expect(timers.map((t) => t.ms)).toEqual([backoffMs(1, () => 1)]);
  await fire();
  expect(timers.map((t) => t.ms)).toEqual([backoffMs(2, () => 1)]);
  await fire();
  expect(timers.map((t) => t.ms)).toEqual([backoffMs(3, () => 1)]);
  await fire();
  expect(pulls).toBeGreaterThanOrEqual(4);
  expect(timers).toEqual([]); // synced: no retry left
  // the next failure starts from the first step again
  failures = [networkError];
  await engine.run();
  expect(timers.map((t) => t.ms)).toEqual([backoffMs(1, () => 1)]);
});

it('retries a busy server, never a refusal', async () => {
  failures = [busy];
  expect((await engine.run()).state).toBe('error');
  expect(timers).toHaveLength(1);
  await fire();
  expect(timers).toEqual([]);
  failures = [refused];
  expect((await engine.run()).state).toBe('error');
  expect(timers).toEqual([]);
});

it('waits at most a minute, as the periodic sync does', async () => {
  failures = Array.from({ length: 12 }, () => networkError);
  await engine.run();
  for (let i = 0; i < 10; i++) await fire();
  expect(timers[0]!.ms).toBe(60_000);
  engine.stop();
  expect(timers).toEqual([]);
});

it('goes at once, without waiting out its backoff, when another call reached the server', async () => {
  failures = [networkError];
  await engine.run();
  expect(timers).toHaveLength(1);
  const before = pulls;
  await engine.serverReachable();
  expect(pulls).toBe(before + 1);
  expect(timers).toEqual([]);
  // nothing waiting: nothing to do
  await engine.serverReachable();
  expect(pulls).toBe(before + 1);
});
