// Runs one HTTP server in its own process for bench/server.bench.ts, so the server and the
// load generator do not share an event loop:
//   real     <databaseUrl>  the Reachlog server (startServer)
//   baseline <sqlitePath>   a bare node:http + better-sqlite3 handler answering history.latest and
//                           stats.get with the same JSON (same session check, same queries)
// Prints `READY <url>` once listening.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Sqlite from 'better-sqlite3';
import superjson from 'superjson';
import { HISTORY_ROW_FIELDS, type THistoryRow } from '../../shared/schemas/history';
import { columnOf } from '../../shared/schemas/outreach-content';

const [mode, target] = process.argv.slice(2);
if (!target || (mode !== 'real' && mode !== 'baseline')) {
  console.error('usage: child-server.ts real <databaseUrl> | baseline <sqlitePath>');
  process.exit(2);
}

const DAY = 24 * 60 * 60 * 1000;

/** A history row as SQLite returns it under ZHistoryRow's field names (times as stored text). */
type RawRow = Omit<THistoryRow, 'sentAt' | 'createdAt'> & { sentAt: string; createdAt: string };
const ROW_COLUMNS = HISTORY_ROW_FIELDS.map((f) => `${columnOf(f)} AS "${f}"`).join(', ');

const toRow = (r: RawRow) => ({ ...r, sentAt: new Date(r.sentAt), createdAt: new Date(r.createdAt) });

function startBaseline(file: string) {
  const db = new Sqlite(file, { readonly: false });
  db.pragma('journal_mode = WAL');
  const session = db.prepare('SELECT user_id, expires_at FROM session WHERE token = ?');
  const latest = db.prepare(`SELECT ${ROW_COLUMNS}
    FROM outreach_history WHERE user_id = ? AND status IN ('sent', 'failed') ORDER BY sent_at DESC, id DESC LIMIT ?`);
  const counters = db.prepare(
    'SELECT total_all, total_email, total_linkedin, total_both FROM user_stats WHERE user_id = ?',
  );
  const last7 = db.prepare(
    `SELECT count(*) AS n FROM outreach_history WHERE user_id = ? AND status = 'sent' AND sent_at >= ?`,
  );

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers.authorization ?? '';
    const s = auth.startsWith('Bearer ')
      ? (session.get(auth.slice(7)) as { user_id: string; expires_at: string } | undefined)
      : undefined;
    if (!s || new Date(s.expires_at).getTime() < Date.now()) return send(res, 401, { error: 'UNAUTHORIZED' });
    if (url.pathname === '/trpc/history.latest') {
      const input = url.searchParams.get('input');
      const limit = input ? ((JSON.parse(input) as { json?: { limit?: number } }).json?.limit ?? 20) : 20;
      const rows = (latest.all(s.user_id, limit) as RawRow[]).map(toRow);
      return send(res, 200, { result: { data: superjson.serialize(rows) } });
    }
    if (url.pathname === '/trpc/stats.get') {
      const c = counters.get(s.user_id) as
        { total_all: number; total_email: number; total_linkedin: number; total_both: number } | undefined;
      const since = new Date(Date.now() - 7 * DAY).toISOString().replace('Z', '+00:00');
      const stats = {
        totals: {
          all: c?.total_all ?? 0,
          email: c?.total_email ?? 0,
          linkedin: c?.total_linkedin ?? 0,
          both: c?.total_both ?? 0,
        },
        last7Days: (last7.get(s.user_id, since) as { n: number }).n,
        latest: (latest.all(s.user_id, 20) as RawRow[]).map(toRow),
      };
      return send(res, 200, { result: { data: superjson.serialize(stats) } });
    }
    send(res, 404, { error: 'NOT_FOUND' });
  });
}

// Exit normally on SIGTERM, so `node --cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));

if (mode === 'baseline') {
  const server = startBaseline(target);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
} else {
  const { startServer } = await import('../../server/app');
  const running = await startServer({
    databaseUrl: target,
    host: '127.0.0.1',
    port: 0,
    secret: 'bench-secret-0123456789abcdef0123456789abcdef',
  });
  console.log(`READY ${running.url.replace(/\/+$/, '').replace(/\/trpc$/, '')}`);
}
