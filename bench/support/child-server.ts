// One HTTP server in its own process for bench/server.bench.ts, so the server and the load
// generator do not share an event loop:
//   real     <databaseUrl>  the Reachlog server (startServer: tRPC, Prisma, the whole stack)
//   baseline <databaseUrl>  a bare node:http handler on better-sqlite3 (file:) or pg (postgres://)
//                           answering the same procedures with the same queries and the same
//                           superjson answer: the session check, the read, the serialisation —
//                           and for sends, the same writes in one transaction per request.
//   baseline-group <file:>  the same bare SQLite handler, but the sends that arrive in one turn
//                           of the event loop share one transaction (group commit, as the
//                           server does): what the hardware gives a minimal handler that
//                           commits the way the 2,000 sends/s target allows.
// Talks to the parent over IPC: sends { ready: url }; answers 'usage' with its CPU time and RSS
// (process.cpuUsage / memoryUsage of this process: the server's own cost, nothing else).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import superjson from 'superjson';
import { HISTORY_ROW_FIELDS, type THistoryRow } from '../../shared/schemas/history';
import { columnOf } from '../../shared/schemas/outreach-content';

const [mode, target] = process.argv.slice(2);
if (!target || (mode !== 'real' && mode !== 'baseline' && mode !== 'baseline-group')) {
  console.error('usage: child-server.ts real|baseline|baseline-group <databaseUrl>');
  process.exit(2);
}

/**
 * BENCH_SQLITE_SYNCHRONOUS=NORMAL (diagnosis only: what the WAL sync on every commit costs, for
 * both server and baseline); the server's own setting is FULL.
 */
const SYNCHRONOUS = process.env.BENCH_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL';

const DAY = 24 * 60 * 60 * 1000;
const ROW_COLUMNS = HISTORY_ROW_FIELDS.map((f) => `${columnOf(f)} AS "${f}"`).join(', ');

/** The same statements on either database: `?` placeholders, rows as objects. */
interface Bare {
  all(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** The statements run in one transaction. */
  tx(
    work: (run: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<void>,
  ): Promise<void>;
  time(ms: number): unknown;
}

function bareSqlite(file: string, group: boolean): Bare {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${SYNCHRONOUS}`);
  db.pragma('busy_timeout = 10000');
  const cache = new Map<string, Sqlite.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const run = (sql: string, params: unknown[]) => {
    const s = stmt(sql);
    return (s.reader ? s.all(...params) : (s.run(...params), [])) as Record<string, unknown>[];
  };
  // Group commit: the work of one event-loop turn in one transaction, each in its own savepoint
  // (a failing send rolls back alone). The works' awaits resolve at once (better-sqlite3 is
  // synchronous), so no other request's statements run inside the group.
  type Work = Parameters<Bare['tx']>[0];
  let pending: { work: Work; resolve(): void; reject(err: unknown): void }[] = [];
  const commitGroup = async () => {
    const jobs = pending;
    pending = [];
    db.exec('BEGIN IMMEDIATE');
    const outcomes: unknown[] = [];
    for (const job of jobs) {
      db.exec('SAVEPOINT one');
      try {
        await job.work(async (sql, params) => run(sql, params));
        db.exec('RELEASE one');
        outcomes.push(null);
      } catch (err) {
        db.exec('ROLLBACK TO one');
        db.exec('RELEASE one');
        outcomes.push(err ?? new Error('failed'));
      }
    }
    try {
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      for (const job of jobs) job.reject(err);
      return;
    }
    jobs.forEach((job, i) => (outcomes[i] ? job.reject(outcomes[i]) : job.resolve()));
  };
  const grouped = (work: Work) =>
    new Promise<void>((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void commitGroup());
      pending.push({ work, resolve, reject });
    });
  return {
    all: async (sql, params) => run(sql, params),
    async tx(work) {
      if (group) return grouped(work);
      // better-sqlite3 is synchronous: the work's awaits resolve at once, nothing interleaves.
      db.exec('BEGIN IMMEDIATE');
      try {
        await work(async (sql, params) => run(sql, params));
        db.exec('COMMIT');
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    time: (ms) => new Date(ms).toISOString().replace('Z', '+00:00'),
  };
}

function barePg(url: string): Bare {
  // timestamp(3) holds UTC (as Prisma writes it)
  pg.types.setTypeParser(1114, (s) => new Date(`${s.replace(' ', 'T')}Z`));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const numbered = new Map<string, string>();
  const toPg = (sql: string) => {
    let s = numbered.get(sql);
    if (!s) {
      let i = 0;
      numbered.set(sql, (s = sql.replace(/\?/g, () => `$${++i}`)));
    }
    return s;
  };
  return {
    all: async (sql, params) => (await pool.query(toPg(sql), params)).rows,
    async tx(work) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await work(async (sql, params) => (await c.query(toPg(sql), params)).rows);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    time: (ms) => new Date(ms).toISOString().replace('Z', ''),
  };
}

const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string));
const toRow = (r: Record<string, unknown>) =>
  ({ ...r, sentAt: date(r.sentAt), createdAt: date(r.createdAt) }) as unknown as THistoryRow;

function startBaseline(url: string, group: boolean) {
  if (group && !url.startsWith('file:')) throw new Error('baseline-group is for SQLite');
  const db = url.startsWith('file:') ? bareSqlite(url.slice(5), group) : barePg(url);
  const VISIBLE = "status IN ('sent', 'failed')";
  const SQL = {
    session: `SELECT s.id AS id, s.expires_at AS "expiresAt", u.id AS "userId", u.email AS email, u.name AS name
      FROM session s JOIN "user" u ON u.id = s.user_id WHERE s.token = ?`,
    latest: `SELECT ${ROW_COLUMNS} FROM outreach_history WHERE user_id = ? AND ${VISIBLE} ORDER BY sent_at DESC, id DESC LIMIT ?`,
    counters: 'SELECT total_all, total_email, total_linkedin, total_both FROM user_stats WHERE user_id = ?',
    last7: `SELECT count(*) AS n FROM outreach_history WHERE user_id = ? AND status = 'sent' AND sent_at >= ?`,
    forRecipient: `SELECT ${ROW_COLUMNS} FROM outreach_history WHERE user_id = ? AND ${VISIBLE}
      AND (recipient_linkedin_url = ? OR job_url = ?) ORDER BY sent_at DESC, id DESC LIMIT 50`,
    head: 'SELECT version, compacted_through AS "compactedThrough" FROM user_versions WHERE user_id = ?',
    client: 'SELECT user_id AS "userId", last_mutation_id AS "lastMutationId" FROM sync_clients WHERE id = ?',
    pullDrafts:
      'SELECT * FROM drafts WHERE user_id = ? AND version > ? AND version <= ? ORDER BY version LIMIT ?',
    pullItems:
      'SELECT * FROM sync_items WHERE user_id = ? AND version > ? AND version <= ? ORDER BY version LIMIT ?',
    pullHistory: `SELECT ${ROW_COLUMNS}, version FROM outreach_history
      WHERE user_id = ? AND version > ? AND version <= ? AND ${VISIBLE} ORDER BY version LIMIT ?`,
    nextVersion: `INSERT INTO user_versions (user_id, version) VALUES (?, 1)
      ON CONFLICT (user_id) DO UPDATE SET version = user_versions.version + 1 RETURNING version`,
    insertSent: `INSERT INTO outreach_history (user_id, send_id, recipient_name, recipient_linkedin_url, job_title,
      company_name, job_url, channel, linkedin_message, status, sent_at, created_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'linkedin', ?, 'sent', ?, ?, ?) ON CONFLICT (user_id, send_id) DO NOTHING
      RETURNING ${ROW_COLUMNS}`,
    stats: `INSERT INTO user_stats (user_id, total_all, total_linkedin) VALUES (?, 1, 1)
      ON CONFLICT (user_id) DO UPDATE SET total_all = user_stats.total_all + 1, total_linkedin = user_stats.total_linkedin + 1`,
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  // Batches of one call, as the extension's httpBatchLink sends them.
  const ok = (res: ServerResponse, data: unknown) =>
    send(res, 200, [{ result: { data: superjson.serialize(data) } }]);
  const firstCall = (text: string | null): Record<string, unknown> => {
    const call = text
      ? (JSON.parse(text) as Record<string, Parameters<typeof superjson.deserialize>[0]>)[0]
      : undefined;
    return call ? (superjson.deserialize(call) ?? {}) : {};
  };
  const inputOf = (url: URL) => firstCall(url.searchParams.get('input'));
  const bodyOf = (req: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(firstCall(Buffer.concat(chunks).toString('utf8'))));
      req.on('error', reject);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers.authorization ?? '';
    const [s] = auth.startsWith('Bearer ') ? await db.all(SQL.session, [auth.slice(7)]) : [];
    if (!s || date(s.expiresAt).getTime() < Date.now()) return send(res, 401, { error: 'UNAUTHORIZED' });
    const user = s.userId as string;
    switch (url.pathname) {
      case '/trpc/history.latest': {
        const limit = Number(inputOf(url).limit ?? 20);
        return ok(res, (await db.all(SQL.latest, [user, limit])).map(toRow));
      }
      case '/trpc/stats.get': {
        const [[c], [n], latest] = await Promise.all([
          db.all(SQL.counters, [user]),
          db.all(SQL.last7, [user, db.time(Date.now() - 7 * DAY)]),
          db.all(SQL.latest, [user, 20]),
        ]);
        return ok(res, {
          totals: {
            all: Number(c?.total_all ?? 0),
            email: Number(c?.total_email ?? 0),
            linkedin: Number(c?.total_linkedin ?? 0),
            both: Number(c?.total_both ?? 0),
          },
          last7Days: Number(n?.n ?? 0),
          latest: latest.map(toRow),
        });
      }
      case '/trpc/history.forRecipient': {
        const input = inputOf(url);
        return ok(res, (await db.all(SQL.forRecipient, [user, input.linkedinUrl, input.jobUrl])).map(toRow));
      }
      case '/trpc/sync.pull': {
        const input = inputOf(url);
        const since = Number(input.cookie);
        const limit = Number(input.limit ?? 500);
        const [[head], [client]] = await Promise.all([
          db.all(SQL.head, [user]),
          db.all(SQL.client, [input.clientId]),
        ]);
        const current = Number(head?.version ?? 0);
        const range = [user, since, current, limit + 1];
        const [drafts, items, history] = await Promise.all([
          db.all(SQL.pullDrafts, range),
          db.all(SQL.pullItems, range),
          db.all(SQL.pullHistory, range),
        ]);
        return ok(res, {
          cookie: String(current),
          more: false,
          reset: false,
          lastMutationId: client?.userId === user ? Number(client.lastMutationId) : 0,
          drafts,
          items,
          history: history.map(({ version: _v, ...r }) => toRow(r)),
        });
      }
      case '/trpc/outreach.recordLinkedIn': {
        const { json } = { json: await bodyOf(req) };
        const input = json as {
          sendId: string;
          recipient: { name: string; linkedinUrl: string };
          jobTitle?: string;
          companyName?: string;
          jobUrl?: string;
          message: string;
        };
        let row: THistoryRow | null = null;
        await db.tx(async (run) => {
          const [v] = await run(SQL.nextVersion, [user]);
          const at = db.time(Date.now());
          const [r] = await run(SQL.insertSent, [
            user,
            input.sendId,
            input.recipient.name,
            input.recipient.linkedinUrl,
            input.jobTitle ?? null,
            input.companyName ?? null,
            input.jobUrl ?? null,
            input.message,
            at,
            at,
            v!.version,
          ]);
          if (r) await run(SQL.stats, [user]);
          row = r ? toRow(r) : null;
        });
        return ok(res, row);
      }
    }
    send(res, 404, { error: 'NOT_FOUND' });
  };

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) send(res, 500, { error: String(err) });
    });
  });
}

// Exit normally on SIGTERM, so `node --cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
process.on('message', (msg) => {
  if (msg === 'usage') process.send?.({ cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
});

if (mode !== 'real') {
  const server = startBaseline(target, mode === 'baseline-group');
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ ready: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
} else {
  const { startServer } = await import('../../server/app');
  const { pino } = await import('pino');
  const running = await startServer({
    databaseUrl: target,
    host: '127.0.0.1',
    port: 0,
    secret: 'bench-secret-0123456789abcdef0123456789abcdef',
    logger: pino({ level: 'warn' }),
    sqliteSynchronous: SYNCHRONOUS,
  });
  process.send?.({ ready: running.url });
}
