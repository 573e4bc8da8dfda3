// Issue 8, finding 7: with WAL, `synchronous = NORMAL` does not sync the WAL at each commit, so a
// power loss can undo the last commits — a recorded send, or the `mailed_at` that keeps an
// e-mail from going out twice. Every commit on the server's SQLite connection must be synced.
// (PostgreSQL syncs every commit unless its administrator turns synchronous_commit off; the
// server never does.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempServices, type TempServices } from '../testing/temp-services';

const onSqlite = !process.env.REACHLOG_TEST_PG_URL;
let t: TempServices;
beforeAll(async () => {
  t = await tempServices();
}, 60_000);
afterAll(async () => {
  await t?.close();
}, 60_000);

it.runIf(onSqlite)('SQLite: WAL with synchronous = FULL on the connection every write uses', async () => {
  const [mode] = await t.db.prisma.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
  expect(mode?.journal_mode).toBe('wal');
  // 2 = FULL (0 OFF, 1 NORMAL, 3 EXTRA)
  const [sync] = await t.db.prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>('PRAGMA synchronous');
  expect(Number(sync?.synchronous)).toBe(2);
});
