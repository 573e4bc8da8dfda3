// Opens the database named by a URL: SQLite for `file:` URLs, PostgreSQL for postgres(ql):// URLs.
//
// Both generated clients (server/db/generated/{sqlite,postgres}) come from schema files with the
// same models (schema-parity.test.ts), so their model APIs are the same. Services are typed
// against the SQLite client and the PostgreSQL client is cast to that type: one type for all
// service code, and the only provider differences (e.g. `mode: 'insensitive'`, which the SQLite
// types lack) are handled explicitly where they matter (see `containsInsensitive`).
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type BetterSqlite3 from 'better-sqlite3';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import type { Prisma } from './generated/sqlite/client';
import { PrismaClient as PostgresClient } from './generated/postgres/client';
import { createPgFastPath, type PgFastPath } from './pg-fast-path';
import { createSqliteFastPath, type SqliteFastPath } from './sqlite-fast-path';
import { ConnectionGate, gatedAdapter } from './connection-gate';

export type Db = SqliteClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;
export type DbKind = 'sqlite' | 'postgres';

export interface Database {
  prisma: Db;
  kind: DbKind;
  /** The URL as given (SQLite: `file:` + absolute path). */
  url: string;
  /** SQLite: absolute file path; PostgreSQL: null. */
  sqlitePath: string | null;
  /**
   * The hot paths without Prisma, the same methods on both: SQLite: cached statements on
   * Prisma's own connection (sqlite-fast-path.ts); PostgreSQL: named prepared statements on a
   * `pg` pool (pg-fast-path.ts). Null: everything through Prisma (tests comparing the paths).
   */
  fast: SqliteFastPath | PgFastPath | null;
  close(): Promise<void>;
}

export function databaseKind(url: string): DbKind {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL), got "${url.split(':')[0]}:…"`,
  );
}

/** `file:./data/x.db` → absolute path, relative to the working directory; creates the folder. */
export function sqlitePathFromUrl(url: string): string {
  let p = url.slice('file:'.length);
  if (p.startsWith('//')) p = p.slice(2); // file:///abs/path
  p = p.split('?')[0] ?? p;
  const abs = path.resolve(process.cwd(), p);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  return abs;
}

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * How long a transaction may wait to start, and then run (Prisma's defaults are 2 s and 5 s).
 * Transactions queue for SQLite's one connection (connection-gate.ts) or PostgreSQL's pool, and
 * on PostgreSQL they wait for each other's row locks (a user's change counter): a burst of sends
 * (the crash test fires 1,000 at once, 200 per user, from two processes) must take its turn
 * rather than fail with an internal error. None of them waits on anything but the database.
 */
const TRANSACTION_OPTIONS = { maxWait: 20_000, timeout: 20_000 };

export function createDatabase(url: string): Database {
  const kind = databaseKind(url);
  if (kind === 'sqlite') {
    const file = sqlitePathFromUrl(url);
    // `timeout` is better-sqlite3's busy_timeout: wait for another process's write lock instead of failing.
    const inner = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
    // Keep hold of the better-sqlite3 Database the adapter opens (on `.client`), so the fast
    // path shares Prisma's one connection instead of opening a second one. Prisma gets the
    // connection only through the gate: no statement runs inside another request's transaction.
    let connection: BetterSqlite3.Database | null = null;
    const gate = new ConnectionGate();
    const adapter: typeof inner = {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => {
        const opened = await inner.connect();
        connection = (opened as unknown as { client: BetterSqlite3.Database }).client;
        return gatedAdapter(opened, gate);
      },
      connectToShadowDb: () => inner.connectToShadowDb(),
    } as typeof inner;
    const prisma = new SqliteClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
    const fast = createSqliteFastPath(() => connection, gate, { busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS });
    return {
      prisma,
      kind,
      url: `file:${file}`,
      sqlitePath: file,
      fast,
      close: async () => {
        await Promise.all([prisma.$disconnect(), fast.close()]);
      },
    };
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  const prisma = new PostgresClient({
    adapter,
    transactionOptions: TRANSACTION_OPTIONS,
  }) as unknown as Db;
  const fast = createPgFastPath(url);
  return {
    prisma,
    kind,
    url,
    sqlitePath: null,
    fast,
    close: async () => {
      await Promise.all([prisma.$disconnect(), fast.close()]);
    },
  };
}

/**
 * `synchronous` for the server's SQLite connection. FULL: with WAL, each commit syncs the WAL
 * before it returns, so a send the client was told about, and the `mailed_at` that keeps an
 * e-mail from going out twice, survive a power loss. NORMAL syncs only at checkpoints and can
 * lose the last commits; it exists here only so `npm run bench:durability` can measure the cost.
 */
export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** Per-connection SQLite settings; WAL is persistent in the file, the rest is per connection. */
export async function tuneSqlite(db: Database, synchronous: SqliteSynchronous = 'FULL'): Promise<void> {
  if (db.kind !== 'sqlite') return;
  await db.prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.prisma.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  await db.prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  await db.prisma.$executeRawUnsafe(`PRAGMA synchronous = ${synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
}

/**
 * A case-insensitive `contains` filter. SQLite's LIKE (what Prisma uses) ignores case for ASCII;
 * PostgreSQL needs `mode: 'insensitive'` (ILIKE), which the SQLite client's types do not know.
 */
export function containsInsensitive(kind: DbKind, value: string): { contains: string } {
  return kind === 'postgres'
    ? ({ contains: value, mode: 'insensitive' } as { contains: string })
    : { contains: value };
}
