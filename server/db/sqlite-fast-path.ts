// Hot paths on SQLite as cached better-sqlite3 statements (on Prisma's own connection; sends on
// the send writer's).
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
//   - Reads and the session run on the Database the Prisma adapter opened (captured in
//     client.ts). Recorded sends are written by the send writer (send-writer.worker.mjs), a
//     worker thread with a connection of its own, only while this process's gate is held: a
//     second connection writing while Prisma holds a transaction open would wait on the lock.
//   - The connection's gate (connection-gate.ts) is respected like Prisma respects it: a read
//     runs synchronously in its turn at the gate (at once when it is free), never while a
//     Prisma transaction is open (no dirty reads, no joining it); a group of sends holds the
//     gate until the writer has committed and synced it. Nothing of this process interleaves
//     with either; other processes are kept out by SQLite's own write lock.
//   - Values are read and written exactly as the Prisma adapter does (DateTime as ISO 8601 text
//     with "+00:00"; integers as numbers), so both paths see the same rows.
import path from 'node:path';
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
import {
  startSendWriter,
  type SendSql,
  type SendWriter,
  type WriterJob,
  type WriterOutcome,
  type WriterSettings,
} from './send-writer';

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

// The same +1 as outreach.ts statsUpsert, on the columns the Prisma schema maps the fields to.
const ALL = columnOf('totalAll');
function statsUpsertSql(channel: TChannel): string {
  const col = columnOf(STATS_FIELD[channel]);
  return `INSERT INTO user_stats (user_id, ${ALL}, ${STATS_COLUMNS.join(', ')})
     VALUES (?, 1, ${STATS_COLUMNS.map((c) => (c === col ? 1 : 0)).join(', ')})
     ON CONFLICT (user_id) DO UPDATE SET ${ALL} = ${ALL} + 1, ${col} = ${col} + 1`;
}

/** What the send writer (send-writer.worker.mjs) runs for each send of a group. */
export const SEND_SQL: SendSql = {
  // Columns listed explicitly: columns added later keep their defaults.
  insertSent: `INSERT INTO outreach_history (user_id, send_id, recipient_name, recipient_email, recipient_linkedin_url,
       job_title, company_name, job_url, channel, email_subject, email_body, linkedin_message, draft_id,
       status, sent_at, created_at, follow_up_of, template, template_id, version)
     VALUES (@userId, @sendId, @recipientName, @recipientEmail, @recipientLinkedinUrl, @jobTitle, @companyName,
       @jobUrl, @channel, @emailSubject, @emailBody, @linkedinMessage, @draftId, 'sent', @sentAt, @createdAt,
       @followUpOf, @template, @templateId,
       (SELECT COALESCE(MAX(version), 0) + 1 FROM user_versions WHERE user_id = @userId))
     ON CONFLICT (user_id, send_id) DO NOTHING
     RETURNING ${ROW_COLUMNS}`,
  statsUpsert: {
    email: statsUpsertSql('email'),
    linkedin: statsUpsertSql('linkedin'),
    both: statsUpsertSql('both'),
  } satisfies Record<TChannel, string>,
  liveDraft: `SELECT id FROM drafts WHERE id = ? AND user_id = ? AND deleted_at IS NULL`,
  nextVersion: `INSERT INTO user_versions (user_id, version) VALUES (?, 1)
     ON CONFLICT (user_id) DO UPDATE SET version = version + 1 RETURNING version`,
  markDraftSent: `UPDATE drafts SET status = 'sent', updated_at = ?, version = ? WHERE id = ?`,
};

function prepareAll(db: Sqlite) {
  // The adapter turns safe integers on for the whole connection; these statements read numbers.
  const prep = (sql: string): Statement => db.prepare(sql).safeIntegers(false);
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
  };
  return s;
}

interface SendJob extends WriterJob {
  fields: FastSendFields;
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
  opts: { busyTimeoutMs: number },
) {
  let cached: { db: Sqlite; stmts: ReturnType<typeof prepareAll> } | null = null;
  let writer: { db: Sqlite; writer: SendWriter } | null = null;

  /** The send writer for this connection's file (another if the last one stopped). */
  function writerFor(db: Sqlite): SendWriter {
    if (writer?.db !== db || !writer.writer.alive) {
      void writer?.writer.close();
      // The same synchronous level as the server's connection (tuneSqlite: FULL).
      const synchronous = Number(db.pragma('synchronous', { simple: true }));
      writer = {
        db,
        writer: startSendWriter(path.resolve(db.name), SEND_SQL, {
          busyTimeoutMs: opts.busyTimeoutMs,
          synchronous,
        }),
      };
    }
    return writer.writer;
  }

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
  // waits for its turn at the gate (or for the writer) join the next group.
  let queue: QueuedSend[] = [];
  let flushScheduled = false;

  function flush() {
    // In its turn at the gate: never inside a transaction of Prisma's. The group is taken when
    // the turn comes, so everything that queued meanwhile goes in one commit.
    void gate.hold(async () => {
      flushScheduled = false;
      const jobs = queue;
      queue = [];
      try {
        await commitGroup(jobs);
      } catch (err) {
        for (const j of jobs) j.reject(err);
      }
    });
  }

  /**
   * Records the group on the send writer's thread and answers each send once its commit is
   * synced there. The gate stays held until then: nothing else of this process uses the
   * database meanwhile, so the writer never waits on our own connection's lock, and no request
   * reads a row before it is on disk.
   */
  async function commitGroup(jobs: QueuedSend[]) {
    const db = cached?.db;
    if (!db?.open) {
      for (const j of jobs) j.reject(new Error('The database connection is closed'));
      return;
    }
    // Belt and braces: the gate sees every transaction; the writer must not wait on one it did not see.
    if (db.inTransaction) {
      for (const j of jobs) j.reject(new Error('A transaction the connection gate did not see is open'));
      return;
    }
    let outcomes: WriterOutcome<RawHistoryRow>[];
    try {
      outcomes = await writerFor(db).write<RawHistoryRow>(
        jobs.map(({ userId, sendId, fields, at }) => ({ userId, sendId, fields, at })),
      );
    } catch (err) {
      for (const j of jobs) j.reject(err);
      return;
    }
    jobs.forEach((j, i) => {
      const o = outcomes[i]!;
      if ('row' in o) j.resolve(o.row ? fromSqlite(o.row) : null);
      else j.reject(Object.assign(new Error(o.error.message), { code: o.error.code }));
    });
  }

  return {
    kind: 'sqlite' as const,
    /** Stops the send writer (the database is closing). */
    async close(): Promise<void> {
      await writer?.writer.close();
      writer = null;
    },
    /** The send writer's connection settings (tests: every commit synced, foreign keys on). */
    writerSettings(): Promise<WriterSettings> | undefined {
      const db = prepared() && cached?.db;
      return db ? writerFor(db).settings() : undefined;
    },
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
      // The writer opens the file itself: an in-memory database goes through Prisma.
      if (!prepared() || cached!.db.memory) return undefined;
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
