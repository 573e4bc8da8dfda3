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

it.runIf(onSqlite)(
  'the next group goes to the writer while one is being written; a waiting read ends the turn',
  async () => {
    const other = new BetterSqlite3(t.db.sqlitePath!);
    other.exec('BEGIN IMMEDIATE'); // the writer waits on this lock with its first group
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
      expect(ok()).toBe(true);
    };
    try {
      const first = fast.insertSent(userId, 'turn-0', fields(10), new Date())!;
      await until(() => fast.groupsAtWriter() === 1);
      // Enough sends for an early group: handed over before the first group is answered.
      const second = Array.from({ length: 16 }, (_, i) =>
        fast.insertSent(userId, `turn-1-${i}`, fields(11 + i), new Date())!,
      );
      await until(() => fast.groupsAtWriter() === 2);

      // A read now waits at the gate: no further group goes out until the turn's groups are in.
      let read = false;
      const latest = fast.latest(userId, 100)!.then((rows) => ((read = true), rows));
      const third = Array.from({ length: 16 }, (_, i) =>
        fast.insertSent(userId, `turn-2-${i}`, fields(30 + i), new Date())!,
      );
      await new Promise((r) => setTimeout(r, 50));
      expect(fast.groupsAtWriter()).toBe(2);
      expect(read).toBe(false);

      other.exec('COMMIT');
      expect(await first).toMatchObject({ status: 'sent', recipientName: 'P10' });
      const rows = await Promise.all(second);
      expect(rows.map((r) => r?.recipientName)).toEqual(rows.map((_, i) => `P${11 + i}`));
      // The read saw both groups of the turn and none of the sends queued behind it.
      const seen = new Set((await latest).map((r) => r.recipientName));
      expect(seen.has('P10') && seen.has('P26')).toBe(true);
      expect(seen.has('P30')).toBe(false);
      expect((await Promise.all(third)).every((r) => r?.status === 'sent')).toBe(true);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  },
);
