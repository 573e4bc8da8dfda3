// Applies the committed Prisma migrations (prisma/<kind>/migrations/*/migration.sql) at startup,
// bookkeeping in Prisma's own `_prisma_migrations` table exactly as `prisma migrate deploy` does,
// so a database migrated here looks up to date to the Prisma CLI and vice versa. Needed because
// the CLI's native schema engine cannot be downloaded on every machine (docs/server.md).
//
// Rules: each migration once, in name order; checksum = sha256 hex of the file; a failed
// migration is recorded with its logs and blocks startup until resolved by hand; on PostgreSQL an
// advisory lock keeps two processes from migrating at once (SQLite: BEGIN IMMEDIATE does that).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { databaseKind, sqlitePathFromUrl, type DbKind } from './client';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
}

/** prisma/<kind>/migrations, found from this file so it works from any working directory. */
export function migrationsDir(kind: DbKind): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../prisma', kind, 'migrations');
}

export function readMigrations(dir: string): Migration[] {
  if (!fs.existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: string | null;
}

/** Which migrations still need to run; throws if a recorded migration failed and was not rolled back. */
function pending(all: Migration[], rows: AppliedRow[], log: (msg: string) => void): Migration[] {
  const failed = rows.find((r) => r.finished_at == null && r.rolled_back_at == null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and blocks startup. Fix the database, then mark it ` +
        `rolled back (prisma migrate resolve --rolled-back ${failed.migration_name}, or set rolled_back_at in ` +
        `_prisma_migrations) and restart. Recorded error: ${(failed.logs ?? '').slice(0, 500)}`,
    );
  }
  const done = new Map(rows.filter((r) => r.finished_at != null).map((r) => [r.migration_name, r]));
  for (const m of all) {
    const row = done.get(m.name);
    if (row && row.checksum !== m.checksum) {
      log(`migration ${m.name} was modified after it was applied (checksum differs); not re-applied`);
    }
  }
  return all.filter((m) => !done.has(m.name));
}

// Prisma's SQLite engine stores these timestamps as RFC 3339 text with an explicit offset.
const sqliteNow = () => new Date().toISOString().replace('Z', '+00:00');

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL,
  "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

/** An arbitrary constant shared by every Reachlog process: "reachlog" as a 63-bit number. */
const PG_LOCK_KEY = '8243113428543385958';

function migrateSqlite(file: string, migrations: Migration[], log: (msg: string) => void): MigrateResult {
  const db = new Sqlite(file, { timeout: 30_000 });
  const applied: string[] = [];
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SQLITE_TABLE);
    for (;;) {
      // Prisma's redefine-table migrations (CREATE new_x, copy, DROP x, rename) rely on foreign
      // keys being off; the pragma is a no-op inside a transaction, so it is set before BEGIN.
      // Otherwise DROP TABLE "user" would cascade into every child table.
      db.pragma('foreign_keys = OFF');
      // BEGIN IMMEDIATE takes the write lock: another process migrating the same file waits here.
      db.exec('BEGIN IMMEDIATE');
      let next: Migration | undefined;
      try {
        const rows = db
          .prepare(
            'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations',
          )
          .all() as AppliedRow[];
        next = pending(migrations, rows, log)[0];
        if (!next) {
          db.exec('COMMIT');
          return { applied };
        }
        const started = sqliteNow();
        db.exec(next.sql);
        // What foreign keys would have refused is checked once, before anything is committed.
        const violations = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (violations.length > 0) {
          const first = violations[0];
          throw new Error(
            `${violations.length} foreign key violation(s) after the migration (first: ${first?.table} → ${first?.parent})`,
          );
        }
        db.prepare(
          'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
        ).run(crypto.randomUUID(), next.checksum, sqliteNow(), next.name, started);
        db.exec('COMMIT');
        applied.push(next.name);
        log(`applied migration ${next.name}`);
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        if (!next || err instanceof MigrationError) throw err;
        db.prepare(
          'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, NULL, ?, ?, NULL, ?, 0)',
        ).run(
          crypto.randomUUID(),
          next.checksum,
          next.name,
          String((err as Error)?.message ?? err),
          sqliteNow(),
        );
        throw new MigrationError(`Migration ${next.name} failed: ${(err as Error)?.message ?? String(err)}`, {
          cause: err,
        });
      }
    }
  } finally {
    try {
      if (!db.inTransaction) db.pragma('foreign_keys = ON');
    } finally {
      db.close();
    }
  }
}

async function migratePostgres(
  url: string,
  migrations: Migration[],
  log: (msg: string) => void,
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [PG_LOCK_KEY]);
    try {
      await client.query(PG_TABLE);
      const { rows } = await client.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations',
      );
      for (const m of pending(migrations, rows, log)) {
        const id = crypto.randomUUID();
        await client.query(
          'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, m.checksum, m.name],
        );
        try {
          await client.query('BEGIN');
          await client.query(m.sql); // simple query protocol: several statements in one go
          await client.query(
            'UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
            [id],
          );
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          await client.query('UPDATE _prisma_migrations SET logs = $2 WHERE id = $1', [
            id,
            String((err as Error)?.message ?? err),
          ]);
          throw new MigrationError(`Migration ${m.name} failed: ${(err as Error)?.message ?? String(err)}`, {
            cause: err,
          });
        }
        applied.push(m.name);
        log(`applied migration ${m.name}`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [PG_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
  return { applied };
}

/** Applies pending migrations to the database at `url`. `dir` overrides the migrations folder (tests). */
export async function migrate(
  url: string,
  opts: { dir?: string; log?: (msg: string) => void } = {},
): Promise<MigrateResult> {
  const kind = databaseKind(url);
  const log = opts.log ?? (() => {});
  const migrations = readMigrations(opts.dir ?? migrationsDir(kind));
  return kind === 'sqlite'
    ? migrateSqlite(sqlitePathFromUrl(url), migrations, log)
    : migratePostgres(url, migrations, log);
}
