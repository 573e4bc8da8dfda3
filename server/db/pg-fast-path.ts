// Hot paths on PostgreSQL as named prepared statements on a `pg` pool of their own.
//
// Why: through Prisma (its runtime, its query compiler, an interactive transaction per write)
// the reads clients make all the time cost 3–12× the CPU of the same query sent with `pg`
// (docs/benchmarks.md: sync.pull 21 ms vs 1.8 ms per call at 100k rows). These are the same
// paths SQLite serves from cached statements (sqlite-fast-path.ts): the session check,
// history.forRecipient, history.latest, stats.get, recording a send without mail, and
// sync.pull (sync-pull-pg.ts). Everything else keeps Prisma.
//
// The statements are built from the shared row fields and the Prisma schema's column names
// (checked by fast-path.test.ts, which reads the schema), every row goes through the one
// row mapper (services/history-row.ts), and the fast-path tests compare each with the Prisma path
// on PostgreSQL too. Values are read and written as Prisma's pg adapter does: DateTime columns are
// `timestamp(3)` holding UTC, so a Date goes in as UTC text without a zone and comes back as UTC.
//
// PostgreSQL isolates transactions itself (MVCC, row locks), so unlike SQLite no gate is needed:
// a read here never sees another transaction's uncommitted rows, and a write is one transaction
// that takes the user's version row first, like every other writer (services/versions.ts).
import pg from 'pg';
import type { TChannel, THistoryRow } from '../../shared/schemas/history';
import { HISTORY_ROW_FIELDS } from '../../shared/schemas/history';
import { columnOf } from '../../shared/schemas/outreach-content';
import { STATS_FIELD, toHistoryRow, VISIBLE_STATUSES_SQL, type HistoryRecord } from '../services/history-row';
import type { FastSendFields, SessionRecord, StatsCounters } from './sqlite-fast-path';
import type { SqlRun } from './sql-run';

const TIMESTAMP = 1114; // timestamp without time zone
const INT8 = 20; // count(*)

/** Prisma's pg adapter stores DateTime as UTC in `timestamp(3)`: read it back as UTC. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP) return (s: string) => new Date(`${s.replace(' ', 'T')}Z`);
    if (oid === INT8) return (s: string) => Number(s);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A Date as a `timestamp(3)` parameter: UTC text without a zone (the session's zone is ignored). */
export function pgTimestamp(d: Date): string {
  return d.toISOString().slice(0, -1);
}

/** The columns of a HistoryRow (ZHistoryRow), read under the row's own field names. */
export const PG_ROW_COLUMNS = HISTORY_ROW_FIELDS.map((f) => `${columnOf(f)} AS "${f}"`).join(', ');
const VISIBLE = `status IN (${VISIBLE_STATUSES_SQL})`;
const STATS_COLUMNS = Object.values(STATS_FIELD).map(columnOf);
const ALL = columnOf('totalAll');

const statsUpsert = (channel: TChannel) => {
  const col = columnOf(STATS_FIELD[channel]);
  return `INSERT INTO user_stats (user_id, ${ALL}, ${STATS_COLUMNS.join(', ')})
    VALUES ($1, 1, ${STATS_COLUMNS.map((c) => (c === col ? 1 : 0)).join(', ')})
    ON CONFLICT (user_id) DO UPDATE SET ${ALL} = user_stats.${ALL} + 1, ${col} = user_stats.${col} + 1`;
};

/** Every statement, by name: `pg` prepares each once per connection. */
export const PG_SQL = {
  latest: `SELECT ${PG_ROW_COLUMNS} FROM outreach_history
    WHERE user_id = $1 AND ${VISIBLE} ORDER BY sent_at DESC, id DESC LIMIT $2`,
  // An absent key is NULL, which equals nothing.
  forRecipient: `SELECT ${PG_ROW_COLUMNS} FROM outreach_history
    WHERE user_id = $1 AND ${VISIBLE}
      AND (recipient_linkedin_url = $2 OR recipient_email = $3 OR job_url = $4)
    ORDER BY sent_at DESC, id DESC LIMIT $5`,
  counters: `SELECT total_all AS "totalAll", total_email AS "totalEmail", total_linkedin AS "totalLinkedin",
    total_both AS "totalBoth" FROM user_stats WHERE user_id = $1`,
  sentSince: `SELECT count(*) AS n FROM outreach_history WHERE user_id = $1 AND status = 'sent' AND sent_at >= $2`,
  session: `SELECT s.id AS id, s.expires_at AS "expiresAt", u.id AS "userId", u.email AS email, u.name AS name
    FROM session s JOIN "user" u ON u.id = s.user_id WHERE s.token = $1`,
  nextVersion: `INSERT INTO user_versions (user_id, version) VALUES ($1, 1)
    ON CONFLICT (user_id) DO UPDATE SET version = user_versions.version + 1 RETURNING version`,
  // Columns listed explicitly: columns added later keep their defaults.
  insertSent: `INSERT INTO outreach_history (user_id, send_id, recipient_name, recipient_email,
      recipient_linkedin_url, job_title, company_name, job_url, channel, email_subject, email_body,
      linkedin_message, draft_id, status, sent_at, created_at, follow_up_of, template, template_id, version)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'sent', $14, $14, $15, $16, $17, $18)
    ON CONFLICT (user_id, send_id) DO NOTHING
    RETURNING ${PG_ROW_COLUMNS}`,
  statsEmail: statsUpsert('email'),
  statsLinkedin: statsUpsert('linkedin'),
  statsBoth: statsUpsert('both'),
  liveDraft: `SELECT id FROM drafts WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL`,
  markDraftSent: `UPDATE drafts SET status = 'sent', updated_at = $1, version = $2 WHERE id = $3`,
} as const;
type Name = keyof typeof PG_SQL;

const STATS_STATEMENT: Record<TChannel, Name> = {
  email: 'statsEmail',
  linkedin: 'statsLinkedin',
  both: 'statsBoth',
};

/** Runs a named statement (prepared once per connection) on a pool or a checked-out client. */
export type PgRun = <R = Record<string, unknown>>(
  name: string,
  text: string,
  values: unknown[],
) => Promise<R[]>;

function runner(on: pg.Pool | pg.PoolClient): PgRun {
  return async <R>(name: string, text: string, values: unknown[]) =>
    (await on.query<R & pg.QueryResultRow>({ name: `reachlog_${name}`, text, values })).rows as R[];
}

export type PgFastPath = ReturnType<typeof createPgFastPath>;

export function createPgFastPath(url: string, max = 10) {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle client's error (the server restarted it) must not crash the process; the pool drops it.
  pool.on('error', () => {});
  const q = runner(pool);
  const run = <R = Record<string, unknown>>(name: Name, values: unknown[]) =>
    q<R>(name, PG_SQL[name], values);

  /** `work` in one transaction on one connection; rolled back if it throws. */
  async function transaction<T>(work: (run: PgRun) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query(begin);
      try {
        const out = await work(runner(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      }
    } finally {
      client.release(broken);
    }
  }

  /** `?` placeholders → `$n`, and a statement name per text (prepared once per connection). */
  const numbered = new Map<string, { name: string; text: string }>();
  const sqlRun =
    (tx: PgRun): SqlRun =>
    <R>(sql: string, params: unknown[]) => {
      let s = numbered.get(sql);
      if (!s) {
        let i = 0;
        s = { name: `q${numbered.size}`, text: sql.replace(/\?/g, () => `$${++i}`) };
        numbered.set(sql, s);
      }
      return tx<R>(s.name, s.text, params);
    };

  return {
    kind: 'postgres' as const,
    /** A Date as a DateTime parameter. */
    time: pgTimestamp,
    /** One statement on the pool (each statement reads one snapshot). */
    run: q,
    /** `work` in one transaction; rolled back if it throws. */
    transaction<T>(work: (run: SqlRun) => Promise<T>): Promise<T> {
      return transaction((tx) => work(sqlRun(tx)));
    },
    /** Read-only work in one snapshot (sync.pull: its head and its ranges agree). */
    snapshot<T>(work: (run: PgRun) => Promise<T>): Promise<T> {
      return transaction(work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },

    async latest(userId: string, limit: number): Promise<THistoryRow[]> {
      return (await run<HistoryRecord>('latest', [userId, limit])).map(toHistoryRow);
    },

    /** history.forRecipient: the user's visible rows to this person or about this job, newest first. */
    async forRecipient(
      userId: string,
      keys: { linkedinUrl?: string | undefined; email?: string | undefined; jobUrl?: string | undefined },
      limit: number,
    ): Promise<THistoryRow[]> {
      const rows = await run<HistoryRecord>('forRecipient', [
        userId,
        keys.linkedinUrl ?? null,
        keys.email ?? null,
        keys.jobUrl ?? null,
        limit,
      ]);
      return rows.map(toHistoryRow);
    },

    /** The user's counters (null: none yet) and the count of sent rows since `since`. */
    async stats(userId: string, since: Date): Promise<{ counters: StatsCounters | null; sentSince: number }> {
      const [counters, sent] = await Promise.all([
        run<StatsCounters>('counters', [userId]),
        run<{ n: number }>('sentSince', [userId, pgTimestamp(since)]),
      ]);
      return { counters: counters[0] ?? null, sentSince: sent[0]!.n };
    },

    /** The session with this token and its user; null when there is none. */
    async session(token: string): Promise<SessionRecord | null> {
      const [r] = await run<{ id: string; expiresAt: Date; userId: string; email: string; name: string }>(
        'session',
        [token],
      );
      if (!r) return null;
      return { id: r.id, expiresAt: r.expiresAt, user: { id: r.userId, email: r.email, name: r.name } };
    },

    /**
     * A new sent row with its stats (and the draft marked sent, with the user's next version) in
     * one transaction, the version row locked first. Null when the sendId is recorded already
     * (rolled back: nothing written, no version taken).
     */
    insertSent(userId: string, sendId: string, f: FastSendFields, now: Date): Promise<THistoryRow | null> {
      const at = pgTimestamp(now);
      return transaction(async (tx) => {
        const version = (await tx<{ version: number }>('nextVersion', PG_SQL.nextVersion, [userId]))[0]!
          .version;
        const [row] = await tx<HistoryRecord>('insertSent', PG_SQL.insertSent, [
          userId,
          sendId,
          f.recipientName,
          f.recipientEmail,
          f.recipientLinkedinUrl,
          f.jobTitle,
          f.companyName,
          f.jobUrl,
          f.channel,
          f.emailSubject,
          f.emailBody,
          f.linkedinMessage,
          f.draftId,
          at,
          f.followUpOf ?? null,
          f.template ?? null,
          f.templateId ?? null,
          version,
        ]);
        if (!row) throw new AlreadyRecorded();
        const stats = STATS_STATEMENT[f.channel];
        await tx(stats, PG_SQL[stats], [userId]);
        if (f.draftId && (await tx('liveDraft', PG_SQL.liveDraft, [f.draftId, userId])).length > 0) {
          const v = (await tx<{ version: number }>('nextVersion', PG_SQL.nextVersion, [userId]))[0]!.version;
          await tx('markDraftSent', PG_SQL.markDraftSent, [at, v, f.draftId]);
        }
        return toHistoryRow(row);
      }).catch((err: unknown) => {
        if (err instanceof AlreadyRecorded) return null;
        throw err;
      });
    },

    close: () => pool.end(),
  };
}

/** The sendId has a row already: roll back the version taken for it. */
class AlreadyRecorded extends Error {}
