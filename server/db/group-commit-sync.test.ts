// A group of recorded sends commits without syncing inside COMMIT (which blocked the event loop
// for the disk's flush) and syncs the WAL on the thread pool instead. What must still hold:
//   - no send is answered before its WAL is synced;
//   - nothing else on the connection runs meanwhile (nobody reads a row a power loss could undo);
//   - the connection is back at synchronous=FULL for everything else (Prisma's writes);
//   - sends that arrive during the sync go in the next group, one commit and one sync for all;
//   - a failed sync fails the sends, and a retry with the same sendId finds the committed row.
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
import { ConnectionGate } from './connection-gate';
import { createSqliteFastPath, syncWalFile } from './sqlite-fast-path';

const onSqlite = !process.env.REACHLOG_TEST_PG_URL;
let t: TempServices;
let raw: BetterSqlite3.Database;
let userId: string;

beforeAll(async () => {
  t = await tempServices();
  userId = (await newUser(t.services)).id;
  if (!onSqlite) return;
  // A connection of its own, set up as tuneSqlite sets the server's (WAL, FULL).
  raw = new BetterSqlite3(t.db.sqlitePath!);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
}, 60_000);
afterAll(async () => {
  raw?.close();
  await t?.close();
}, 60_000);

const fields = (i: number) => ({
  channel: 'linkedin' as const,
  recipientName: `P${i}`,
  recipientEmail: null,
  recipientLinkedinUrl: `https://www.linkedin.com/in/p${i}/`,
  jobTitle: null,
  companyName: null,
  jobUrl: null,
  emailSubject: null,
  emailBody: null,
  linkedinMessage: 'm'.repeat(3000),
  draftId: null,
});

/** A WAL sync the test finishes by hand. */
function heldSync() {
  const waiting: { resolve(): void; reject(err: Error): void }[] = [];
  const sync = vi.fn(() => new Promise<void>((resolve, reject) => void waiting.push({ resolve, reject })));
  return { sync, waiting };
}

it.runIf(onSqlite)(
  'a send is answered only after its WAL sync, and the connection waits for it',
  async () => {
    const { sync, waiting } = heldSync();
    const fast = createSqliteFastPath(() => raw, new ConnectionGate(), sync);
    let answered = false;
    const first = fast.insertSent(userId, 'held-1', fields(1), new Date())!.then((row) => {
      answered = true;
      return row;
    });
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(1));
    // Committed (on disk once synced), not answered; the connection is back at FULL.
    expect(raw.prepare('SELECT count(*) AS n FROM outreach_history WHERE send_id = ?').get('held-1')).toEqual(
      {
        n: 1,
      },
    );
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);

    // A read on this connection waits for the sync; sends arriving now form the next group.
    let read = false;
    const latest = fast.latest(userId, 50)!.then((rows) => ((read = true), rows));
    const next = Array.from({ length: 5 }, (_, i) =>
      fast.insertSent(userId, `held-next-${i}`, fields(i), new Date())!,
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(read).toBe(false);
    expect(sync).toHaveBeenCalledTimes(1);

    waiting[0]!.resolve();
    expect(await first).toMatchObject({ status: 'sent', recipientName: 'P1' });
    // The five commit together, then one sync for them all.
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(2));
    waiting[1]!.resolve();
    expect((await Promise.all(next)).map((r) => r?.status)).toEqual(Array(5).fill('sent'));
    expect((await latest).map((r) => r.recipientName)).toContain('P1');
  },
);

it.runIf(onSqlite)('a failed WAL sync fails the send; the retry finds the row', async () => {
  const { sync, waiting } = heldSync();
  const fast = createSqliteFastPath(() => raw, new ConnectionGate(), sync);
  const send = fast.insertSent(userId, 'sync-fails', fields(9), new Date())!;
  await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(1));
  waiting[0]!.reject(new Error('EIO: i/o error, fdatasync'));
  await expect(send).rejects.toThrow('EIO');
  // Same sendId again: recorded already (null: the caller then reads the row by its sendId).
  const retry = fast.insertSent(userId, 'sync-fails', fields(9), new Date())!;
  await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(1));
  expect(await retry).toBeNull();
});

it.runIf(onSqlite)('the real sync: fdatasync of the WAL file of the connection', async () => {
  await expect(syncWalFile(raw)).resolves.toBeUndefined();
  const fast = createSqliteFastPath(() => raw, new ConnectionGate());
  expect(await fast.insertSent(userId, 'real-sync', fields(3), new Date())).toMatchObject({ status: 'sent' });
});
