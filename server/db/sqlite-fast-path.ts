// Hot paths on SQLite as cached better-sqlite3 statements on Prisma's own connection.
//
// Why: Prisma's runtime and its better-sqlite3 adapter (which prepares every statement anew)
// cost 5–10× the query itself on the requests clients make all the time: the session check,
// history.forRecipient (the side panel), recording a send (and sync.pull, sync-pull-sqlite.ts);
// history.latest and stats.get serve API users. PostgreSQL has the same paths on `pg` (pg-fast-path.ts).
// The statements are built from the shared row fields and the Prisma schema's column names
// (checked by fast-path.test.ts), and every row goes through the one row mapper
// (services/history-row.ts) the Prisma path uses.
//
// Safety:
//   - One connection: the statements run on the Database the Prisma adapter opened (captured in
//     client.ts), never a second one. A second connection writing while Prisma holds a
//     transaction open across awaits would wait on the lock synchronously and hang the process.
//   - The connection's gate (connection-gate.ts) is respected like Prisma respects it: a read
//     or a write runs synchronously in its turn at the gate (at once when it is free), never
//     while a Prisma transaction is open (no dirty reads, no joining it); a write is one
//     synchronous better-sqlite3 transaction. Synchronous code
//     cannot interleave with anything else on the event loop, so each is atomic for every
//     other request of this process; other processes are kept out by SQLite's own write lock.
//   - Values are read and written exactly as the Prisma adapter does (DateTime as ISO 8601 text
//     with "+00:00"; integers as numbers), so both paths see the same rows.
import { open } from 'node:fs/promises';
import type BetterSqlite3 from 'better-sqlite3';
import {
  HISTORY_ROW_FIELDS,
  type TChannel,
  type THistoryRow,
  type TSendFields,
} from '../../shared/schemas/history';
import { columnOf } from '../../shared/schemas/outreach-content';
import { STATS_FIELD, toHistoryRow, VISIBLE_STATUSES_SQL, type HistoryRecord } from '../services/history-row';
import type { ConnectionGate } from './connection-gate';
import type { SqlRun } from './sql-run';

type Sqlite = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

/** The columns of a HistoryRow (ZHistoryRow), read under the row's own field names. */
const ROW_COLUMNS = HISTORY_ROW_FIELDS.map((f) => `${columnOf(f)} AS "${f}"`).join(', ');

/** A row as SQLite returns it: DateTime columns are text (or epoch ms). */
type RawHistoryRow = Omit<HistoryRecord, 'sentAt' | 'createdAt' | 'repliedAt'> & {
  sentAt: string | number;
  createdAt: string | number;
  repliedAt: string | number | null;
};

/** The Prisma adapter's DateTime format (iso8601): what it writes and compares against. */
export function sqliteDateTime(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/** DateTime as the adapter reads it: ISO text, or (unixepoch-ms) a number. */
function readDateTime(v: string | number): Date {
  return typeof v === 'string' ? new Date(v) : new Date(Number(v));
}

/** Dates as the Prisma adapter reads them, then the one row mapper the Prisma path uses too. */
function fromSqlite(r: RawHistoryRow): THistoryRow {
  return toHistoryRow({
    ...r,
    sentAt: readDateTime(r.sentAt),
    createdAt: readDateTime(r.createdAt),
    repliedAt: r.repliedAt === null ? null : readDateTime(r.repliedAt),
  });
}

/** What a new sent row records (outreach.ts SendFields). */
export type FastSendFields = TSendFields;

export interface SessionRecord {
  id: string;
  expiresAt: Date;
  user: { id: string; email: string; name: string };
}

export interface StatsCounters {
  totalAll: number;
  totalEmail: number;
  totalLinkedin: number;
  totalBoth: number;
}

const STATS_COLUMNS = Object.values(STATS_FIELD).map(columnOf);

function prepareAll(db: Sqlite) {
  // The adapter turns safe integers on for the whole connection; these statements read numbers.
  const prep = (sql: string): Statement => db.prepare(sql).safeIntegers(false);
  // The same +1 as outreach.ts statsUpsert, on the columns the Prisma schema maps the fields to.
  const all = columnOf('totalAll');
  const statsUpsert = (channel: TChannel) => {
    const col = columnOf(STATS_FIELD[channel]);
    return prep(
      `INSERT INTO user_stats (user_id, ${all}, ${STATS_COLUMNS.join(', ')})
       VALUES (?, 1, ${STATS_COLUMNS.map((c) => (c === col ? 1 : 0)).join(', ')})
       ON CONFLICT (user_id) DO UPDATE SET ${all} = ${all} + 1, ${col} = ${col} + 1`,
    );
  };
  const s = {
    latest: prep(
      `SELECT ${ROW_COLUMNS} FROM outreach_history
       WHERE user_id = ? AND status IN (${VISIBLE_STATUSES_SQL}) ORDER BY sent_at DESC, id DESC LIMIT ?`,
    ),
    // history.forRecipient (the side panel, on every profile it opens); an absent key is NULL,
    // which equals nothing.
    forRecipient: prep(
      `SELECT ${ROW_COLUMNS} FROM outreach_history
       WHERE user_id = ? AND status IN (${VISIBLE_STATUSES_SQL})
         AND (recipient_linkedin_url = ? OR recipient_email = ? OR job_url = ?)
       ORDER BY sent_at DESC, id DESC LIMIT ?`,
    ),
    counters: prep(
      `SELECT total_all AS totalAll, total_email AS totalEmail, total_linkedin AS totalLinkedin,
         total_both AS totalBoth FROM user_stats WHERE user_id = ?`,
    ),
    sentSince: prep(
      `SELECT count(*) AS n FROM outreach_history WHERE user_id = ? AND status = 'sent' AND sent_at >= ?`,
    ),
    session: prep(
      `SELECT s.id AS id, s.expires_at AS expiresAt, u.id AS userId, u.email AS email, u.name AS name
       FROM session s JOIN user u ON u.id = s.user_id WHERE s.token = ?`,
    ),
    // Columns listed explicitly: columns added later keep their defaults.
    insertSent: prep(
      `INSERT INTO outreach_history (user_id, send_id, recipient_name, recipient_email, recipient_linkedin_url,
         job_title, company_name, job_url, channel, email_subject, email_body, linkedin_message, draft_id,
         status, sent_at, created_at, follow_up_of, template, template_id, version)
       VALUES (@userId, @sendId, @recipientName, @recipientEmail, @recipientLinkedinUrl, @jobTitle, @companyName,
         @jobUrl, @channel, @emailSubject, @emailBody, @linkedinMessage, @draftId, 'sent', @sentAt, @createdAt,
         @followUpOf, @template, @templateId,
         (SELECT COALESCE(MAX(version), 0) + 1 FROM user_versions WHERE user_id = @userId))
       ON CONFLICT (user_id, send_id) DO NOTHING
       RETURNING ${ROW_COLUMNS}`,
    ),
    statsUpsert: {
      email: statsUpsert('email'),
      linkedin: statsUpsert('linkedin'),
      both: statsUpsert('both'),
    } satisfies Record<TChannel, Statement>,
    liveDraft: prep(`SELECT id FROM drafts WHERE id = ? AND user_id = ? AND deleted_at IS NULL`),
    nextVersion: prep(
      `INSERT INTO user_versions (user_id, version) VALUES (?, 1)
       ON CONFLICT (user_id) DO UPDATE SET version = version + 1 RETURNING version`,
    ),
    markDraftSent: prep(`UPDATE drafts SET status = 'sent', updated_at = ?, version = ? WHERE id = ?`),
    synchronousLevel: prep('PRAGMA synchronous').pluck(),
    synchronousNormal: db.prepare('PRAGMA synchronous = NORMAL'),
    // The WAL file to sync exists only in WAL mode (tuneSqlite; persistent in the database file).
    journalMode: prep('PRAGMA journal_mode').pluck(),
  };
  const recordOne = (job: SendJob): THistoryRow | null => {
    const { userId, sendId, fields, at } = job;
    // The row takes the user's next change version (sync pulls by it); counted only when the
    // row is new, so a retry changes nothing (one synchronous transaction: nobody interleaves).
    const row = s.insertSent.get({
      ...fields,
      followUpOf: fields.followUpOf ?? null,
      template: fields.template ?? null,
      templateId: fields.templateId ?? null,
      userId,
      sendId,
      sentAt: at,
      createdAt: at,
    }) as RawHistoryRow | undefined;
    if (!row) return null;
    s.nextVersion.run(userId);
    s.statsUpsert[fields.channel].run(userId);
    if (fields.draftId && s.liveDraft.get(fields.draftId, userId)) {
      const { version } = s.nextVersion.get(userId) as { version: number };
      s.markDraftSent.run(at, version, fields.draftId);
    }
    return fromSqlite(row);
  };
  return {
    ...s,
    recordOne: db.transaction(recordOne),
    recordMany: db.transaction((jobs: SendJob[]) => jobs.map(recordOne)),
  };
}

interface SendJob {
  userId: string;
  sendId: string;
  fields: FastSendFields;
  /** sent_at and created_at, in the adapter's format. */
  at: string;
}

type Outcome = { row: THistoryRow | null } | { error: unknown };

/** PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
const SYNCHRONOUS_FULL = 2;

/**
 * Makes every commit so far durable: fdatasync of the WAL file, on libuv's thread pool. What
 * COMMIT does itself under synchronous=FULL (SQLite syncs the WAL, never the database file, at a
 * commit), without holding the event loop. SQLite keeps no locks on the WAL file itself, so
 * opening and closing it here cannot drop one (its locks live in the -shm file).
 */
export async function syncWalFile(db: Sqlite): Promise<void> {
  const fh = await open(`${db.name}-wal`, 'r');
  try {
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

interface QueuedSend extends SendJob {
  resolve(row: THistoryRow | null): void;
  reject(err: unknown): void;
}

export type SqliteFastPath = ReturnType<typeof createSqliteFastPath>;

const statementCaches = new WeakMap<Sqlite, Map<string, Statement>>();
function statementCache(db: Sqlite): Map<string, Statement> {
  let m = statementCaches.get(db);
  if (!m) statementCaches.set(db, (m = new Map()));
  return m;
}
type Statements = ReturnType<typeof prepareAll>;

/**
 * `connection()` returns Prisma's better-sqlite3 Database once Prisma has connected (null before);
 * `gate` is the one Prisma's adapter goes through (client.ts).
 * Every method returns `undefined` when it cannot serve the call; the caller then uses Prisma.
 */
export function createSqliteFastPath(
  connection: () => Sqlite | null,
  gate: ConnectionGate,
  syncWal: (db: Sqlite) => Promise<void> = syncWalFile,
) {
  let cached: { db: Sqlite; stmts: ReturnType<typeof prepareAll> } | null = null;

  /** The statements, whatever the gate says: only for work run in its turn at the gate. */
  function prepared() {
    const db = connection();
    if (!db || !db.open) return undefined;
    if (cached?.db !== db) cached = { db, stmts: prepareAll(db) };
    return cached.stmts;
  }

  /**
   * Runs a read in its turn at the gate: now if nobody holds the connection, else right after
   * whoever does (a Prisma transaction, whose uncommitted rows it must not see). Waiting costs
   * no more than the Prisma path, which waits for the gate too, and under a mix of writes the
   * reads stay on these statements instead of falling back to Prisma. Undefined only when the
   * connection is not open yet (the caller's Prisma path opens it). Never call it from inside a
   * Prisma transaction's callback: it would wait for that transaction to end.
   */
  function inTurn<T>(work: (s: Statements, db: Sqlite) => T): Promise<T> | undefined {
    if (!prepared()) return undefined;
    return gate.run(() => {
      const s = prepared();
      const db = cached?.db;
      if (!s || !db) throw new Error('The database connection is closed');
      // Belt and braces: the gate sees every transaction; one it did not see must not be joined.
      if (db.inTransaction) throw new Error('A transaction the connection gate did not see is open');
      return work(s, db);
    });
  }

  // Sends recorded in the same turn of the event loop share one transaction (one WAL commit,
  // most of a send's cost); each still gets its own row or error. Sends that arrive while a group
  // waits for its turn at the gate (or for the disk) join the next group.
  let queue: QueuedSend[] = [];
  let flushScheduled = false;

  function flush() {
    // In its turn at the gate: never inside a transaction of Prisma's. The group is taken when
    // the turn comes, so everything that queued meanwhile goes in one commit.
    gate
      .hold(async () => {
        flushScheduled = false;
        const jobs = queue;
        queue = [];
        await commitGroup(jobs);
      })
      .catch((err: unknown) => {
        for (const j of queue.splice(0)) j.reject(err);
      });
  }

  /**
   * Records the group and answers each send only once its row is on disk. The WAL sync runs on
   * libuv's thread pool (`syncWal`) instead of inside COMMIT on the event loop, where it blocked
   * every request for the length of the disk's flush; the gate stays held until it is done, so
   * no request of this process reads or writes anything a power loss could still undo.
   */
  async function commitGroup(jobs: QueuedSend[]) {
    const s = prepared();
    const db = cached?.db;
    if (!s || !db) {
      for (const j of jobs) j.reject(new Error('The database connection is closed'));
      return;
    }
    // FULL (or EXTRA) as the connection is set; the commit itself skips the sync only when the
    // WAL file is synced here instead.
    const level = s.synchronousLevel.get() as number;
    const syncHere = level >= SYNCHRONOUS_FULL && String(s.journalMode.get()).toLowerCase() === 'wal';
    let outcomes: Outcome[];
    if (syncHere) s.synchronousNormal.run();
    try {
      outcomes = recordGroup(s, jobs);
    } finally {
      if (syncHere) db.pragma(`synchronous = ${level}`);
    }
    if (syncHere && outcomes.some((o) => 'row' in o && o.row)) {
      try {
        await syncWal(db);
      } catch (err) {
        // Committed but perhaps not durable: the client is told it failed and retries with the
        // same sendId, which finds the row.
        for (const j of jobs) j.reject(err);
        return;
      }
    }
    jobs.forEach((j, i) => {
      const o = outcomes[i]!;
      if ('row' in o) j.resolve(o.row);
      else j.reject(o.error);
    });
  }

  function recordGroup(s: Statements, jobs: QueuedSend[]): Outcome[] {
    if (jobs.length > 1) {
      try {
        return s.recordMany(jobs).map((row) => ({ row }));
      } catch {
        // One of them failed and rolled the group back: each on its own, so only it fails.
      }
    }
    return jobs.map((j) => {
      try {
        return { row: s.recordOne(j) };
      } catch (error) {
        return { error };
      }
    });
  }

  return {
    kind: 'sqlite' as const,
    /** A Date as a DateTime parameter (the Prisma adapter's text). */
    time: sqliteDateTime,

    /**
     * `work` in one transaction (BEGIN IMMEDIATE), holding the connection gate throughout: no
     * other statement of this process can run inside it, and SQLite's lock keeps other processes
     * out. `work` must use only `run` (Prisma would wait for the gate: a deadlock). Undefined when
     * the connection is not open yet (the caller's Prisma path opens it).
     */
    transaction<T>(work: (run: SqlRun) => Promise<T>): Promise<T> | undefined {
      if (!prepared()) return undefined;
      return gate.hold(async () => {
        const db = cached?.db;
        if (!db?.open) throw new Error('The database connection is closed');
        if (db.inTransaction) throw new Error('A transaction the connection gate did not see is open');
        const statements = statementCache(db);
        const run: SqlRun = async <R>(sql: string, params: unknown[]) => {
          let st = statements.get(sql);
          if (!st) statements.set(sql, (st = db.prepare(sql).safeIntegers(false)));
          return (st.reader ? st.all(...params) : (st.run(...params), [])) as R[];
        };
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await work(run);
          db.exec('COMMIT');
          return out;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      });
    },
    /**
     * Runs `read` synchronously on the shared connection in its turn at the gate (so it sees
     * committed rows only, and nothing can interleave); undefined when the connection is not open.
     */
    readCommitted<T>(read: (db: Sqlite) => T): Promise<T> | undefined {
      return inTurn((_, db) => read(db));
    },

    latest(userId: string, limit: number): Promise<THistoryRow[]> | undefined {
      return inTurn((s) => (s.latest.all(userId, limit) as RawHistoryRow[]).map(fromSqlite));
    },

    /** history.forRecipient: the user's visible rows to this person or about this job, newest first. */
    forRecipient(
      userId: string,
      keys: { linkedinUrl?: string | undefined; email?: string | undefined; jobUrl?: string | undefined },
      limit: number,
    ): Promise<THistoryRow[]> | undefined {
      return inTurn((s) =>
        (
          s.forRecipient.all(
            userId,
            keys.linkedinUrl ?? null,
            keys.email ?? null,
            keys.jobUrl ?? null,
            limit,
          ) as RawHistoryRow[]
        ).map(fromSqlite),
      );
    },

    /** The user's counters (null: none yet) and the count of sent rows since `since`. */
    stats(
      userId: string,
      since: Date,
    ): Promise<{ counters: StatsCounters | null; sentSince: number }> | undefined {
      return inTurn((s) => {
        const counters = (s.counters.get(userId) as StatsCounters | undefined) ?? null;
        const { n } = s.sentSince.get(userId, sqliteDateTime(since)) as { n: number };
        return { counters, sentSince: n };
      });
    },

    /** The session with this token and its user; null when there is none. */
    session(token: string): Promise<SessionRecord | null> | undefined {
      return inTurn((s) => {
        const r = s.session.get(token) as
          { id: string; expiresAt: string | number; userId: string; email: string; name: string } | undefined;
        if (!r) return null;
        return {
          id: r.id,
          expiresAt: readDateTime(r.expiresAt),
          user: { id: r.userId, email: r.email, name: r.name },
        };
      });
    },

    /**
     * A new sent row with its stats (and the draft marked sent, with the user's next version)
     * in one transaction (shared with the other sends of this event-loop turn). Resolves to null
     * when the sendId is recorded already (nothing written).
     */
    insertSent(
      userId: string,
      sendId: string,
      fields: FastSendFields,
      now: Date,
    ): Promise<THistoryRow | null> | undefined {
      if (!prepared()) return undefined;
      return new Promise((resolve, reject) => {
        queue.push({ userId, sendId, fields, at: sqliteDateTime(now), resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
