// Recorded sends are written on the send writer's thread (send-writer.worker.mjs). What must hold:
//   - the event loop stays free while a group is written (before, the whole write — and any
//     wait for another process's lock — ran synchronously on it);
//   - nothing of this process uses the database meanwhile: a read waits until the group is in;
//   - the writer's connection syncs every commit and enforces foreign keys, like the server's.
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkedinSendFields } from '../testing/linkedin-send-fields';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
import type { SqliteFastPath } from './sqlite-fast-path';

const onSqlite = !process.env.REACHLOG_TEST_PG_URL;
let t: TempServices;
let fast: SqliteFastPath;
let userId: string;

beforeAll(async () => {
  t = await tempServices();
  userId = (await newUser(t.services)).id;
  if (onSqlite) fast = t.db.fast as SqliteFastPath;
}, 60_000);
afterAll(async () => {
  await t?.close();
}, 60_000);

const fields = (i: number) => linkedinSendFields(i, 'm'.repeat(3000));

it.runIf(onSqlite)(
  'the writer connection syncs every commit (WAL, FULL) and enforces foreign keys',
  async () => {
    expect(await fast.writerSettings()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1 });
  },
);

it.runIf(onSqlite)(
  'the event loop stays free while a group waits to be written; reads wait for it',
  async () => {
    // Another process's write transaction (here: another connection) holds SQLite's write lock.
    const other = new BetterSqlite3(t.db.sqlitePath!);
    other.exec('BEGIN IMMEDIATE');
    try {
      let answered = false;
      const send = fast.insertSent(userId, 'while-locked', fields(1), new Date())!.then((row) => {
        answered = true;
        return row;
      });
      // A timer of this event loop fires on time while the writer waits for the lock.
      const started = performance.now();
      await new Promise((r) => setTimeout(r, 50));
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(answered).toBe(false);
      // A read of this process waits for the group (it holds the connection's gate).
      let read = false;
      const latest = fast.latest(userId, 10)!.then((rows) => ((read = true), rows));
      await new Promise((r) => setTimeout(r, 50));
      expect(read).toBe(false);

      other.exec('COMMIT');
      expect(await send).toMatchObject({ status: 'sent', recipientName: 'P1' });
      expect((await latest).map((r) => r.recipientName)).toContain('P1');
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  },
);

it.runIf(onSqlite)('a writer that stopped is replaced; the sends after it are recorded', async () => {
  await fast.close();
  expect(await fast.insertSent(userId, 'after-restart', fields(2), new Date())).toMatchObject({
    status: 'sent',
  });
});
