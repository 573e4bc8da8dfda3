import crypto from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPostgresChangeFeed, type ChangeFeed } from './change-feed';

// Runs in the `server-pg` project (its setup names the cluster in REACHLOG_TEST_PG_URL).
const pgAdmin = process.env.REACHLOG_TEST_PG_URL;
if (!pgAdmin) throw new Error('REACHLOG_TEST_PG_URL is not set: run this file in the server-pg project');

const name = `reachlog_feed_${crypto.randomBytes(6).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(pgAdmin);
  u.pathname = `/${name}`;
  return u.toString();
})();

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: pgAdmin });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('change feed across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  const log = pino({ level: 'silent' });
  let a: ChangeFeed;
  let b: ChangeFeed;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    a = createPostgresChangeFeed(dbUrl, log);
    b = createPostgresChangeFeed(dbUrl, log);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  // Before: one pg_notify query per user, all at once on the one LISTEN client — pg queued them
  // but warned "Calling client.query() when the client is already executing a query is
  // deprecated" (it goes away in pg 9) on every busy server (seen in bench:server's send runs).
  it('pokes the other process for every user changed in many quick turns, one NOTIFY query at a time', async () => {
    const users = Array.from({ length: 60 }, (_, i) => `user-${i}`);
    const poked = new Map<string, number>();
    for (const u of users) b.subscribe(u, () => poked.set(u, (poked.get(u) ?? 0) + 1));
    // Both LISTEN connections up: a probe from A reaches B.
    b.subscribe('probe', () => poked.set('probe', 1));
    await until(() => {
      a.notify('probe');
      return poked.has('probe');
    });

    // What pg checks before it warns: a query issued while others wait in the client's queue.
    const query = pg.Client.prototype.query;
    let overlapping = 0;
    let queries = 0;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (
      this: pg.Client & { _queryQueue?: unknown[]; _activeQuery?: unknown },
      ...args: unknown[]
    ) {
      // pg's internals this assertion relies on: fail loudly if they change.
      expect(Array.isArray(this._queryQueue)).toBe(true);
      queries++;
      if (this._queryQueue!.length > 0 || this._activeQuery) overlapping++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query);
    try {
      // 6 turns of 10 users each, the next turn starting before the last NOTIFY can have ended.
      for (let t = 0; t < 6; t++) {
        for (const u of users.slice(t * 10, t * 10 + 10)) a.notify(u);
        await turn();
      }
      await until(() => users.every((u) => poked.has(u)));
    } finally {
      spy.mockRestore();
    }
    expect(users.filter((u) => !poked.has(u))).toEqual([]);
    expect(overlapping).toBe(0);
    expect(queries).toBeGreaterThan(0);
    expect(queries).toBeLessThan(users.length); // batched per turn, not one query per user
  });
});
