// The send writer: a worker thread that records groups of sends on its own connection to the
// server's SQLite file (sqlite-fast-path.ts runs it; the statements come from there).
//
// Why a thread: writing a group — the rows, their eight indexes, stats and versions, and the
// WAL sync of COMMIT — took about a third of the event loop's time under a stream of sends, and
// better-sqlite3 is synchronous: every other request waited for it. Here it runs on another core.
// The main thread holds the connection gate until the group is written, so nothing of the
// server's own connection runs meanwhile (no lock waits, no reads of uncommitted rows).
//
// Plain JavaScript on purpose: a worker is loaded by Node itself, without the TypeScript loader
// the server runs under (tsx, vitest).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, sql, busyTimeoutMs, synchronous } = workerData;
const db = new Database(file, { timeout: busyTimeoutMs });
// As tuneSqlite sets the server's connection: every commit synced (FULL: a send the client was
// told about survives a power loss), foreign keys enforced. The level is the server
// connection's, so bench:server's NORMAL diagnosis applies to sends too.
db.pragma('journal_mode = WAL');
db.pragma(
  `synchronous = ${Number.isInteger(synchronous) && synchronous >= 0 && synchronous <= 3 ? synchronous : 2}`,
);
db.pragma('foreign_keys = ON');

const s = {
  insertSent: db.prepare(sql.insertSent),
  nextVersion: db.prepare(sql.nextVersion),
  liveDraft: db.prepare(sql.liveDraft),
  markDraftSent: db.prepare(sql.markDraftSent),
  statsUpsert: Object.fromEntries(Object.entries(sql.statsUpsert).map(([k, q]) => [k, db.prepare(q)])),
};

/** One send: its row (null when the sendId is recorded already: nothing written). */
function recordOne({ userId, sendId, fields, at }) {
  // The row takes the user's next change version (sync pulls by it); counted only when the
  // row is new, so a retry changes nothing.
  const row = s.insertSent.get({
    ...fields,
    followUpOf: fields.followUpOf ?? null,
    template: fields.template ?? null,
    templateId: fields.templateId ?? null,
    userId,
    sendId,
    sentAt: at,
    createdAt: at,
  });
  if (!row) return null;
  s.nextVersion.run(userId);
  s.statsUpsert[fields.channel].run(userId);
  if (fields.draftId && s.liveDraft.get(fields.draftId, userId)) {
    const { version } = s.nextVersion.get(userId);
    s.markDraftSent.run(at, version, fields.draftId);
  }
  return row;
}

const recordSingle = db.transaction(recordOne);
const recordMany = db.transaction((jobs) => jobs.map(recordOne));

/** Each send's outcome: one transaction for all; if one fails, each on its own so only it fails. */
function recordGroup(jobs) {
  if (jobs.length > 1) {
    try {
      return recordMany(jobs).map((row) => ({ row }));
    } catch {
      // rolled back: below, one by one
    }
  }
  return jobs.map((job) => {
    try {
      return { row: recordSingle(job) };
    } catch (err) {
      return { error: { message: String(err?.message ?? err), code: err?.code } };
    }
  });
}

parentPort.on('message', (msg) => {
  if (msg.type === 'settings') {
    parentPort.postMessage({
      id: msg.id,
      settings: {
        journalMode: db.pragma('journal_mode', { simple: true }),
        synchronous: db.pragma('synchronous', { simple: true }),
        foreignKeys: db.pragma('foreign_keys', { simple: true }),
      },
    });
    return;
  }
  parentPort.postMessage({ id: msg.id, outcomes: recordGroup(msg.jobs) });
});
