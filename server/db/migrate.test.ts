import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrationsDir, MigrationError, readMigrations } from './migrate';

const dirs: string[] = [];
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reachlog-migrate-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function rows(file: string) {
  const db = new Sqlite(file, { readonly: true });
  try {
    return db
      .prepare(
        'SELECT migration_name, checksum, finished_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY started_at',
      )
      .all() as {
      migration_name: string;
      checksum: string;
      finished_at: string | null;
      logs: string | null;
      applied_steps_count: number;
    }[];
  } finally {
    db.close();
  }
}

describe('migrate (SQLite)', () => {
  it('applies the committed migrations once, recording them like Prisma does', async () => {
    const file = path.join(tempDir(), 'sub', 'db.sqlite');
    const committed = readMigrations(migrationsDir('sqlite'));
    expect(committed.length).toBeGreaterThan(0);

    const first = await migrate(`file:${file}`);
    expect(first.applied).toEqual(committed.map((m) => m.name));
    const recorded = rows(file);
    expect(recorded.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
    for (const [i, r] of recorded.entries()) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.checksum).toBe(committed[i]?.checksum);
      expect(r.finished_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(r.applied_steps_count).toBe(1);
    }
    const db = new Sqlite(file, { readonly: true });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    const indexes = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outreach_history'")
        .all() as { name: string }[]
    ).map((t) => t.name);
    db.close();
    expect(tables).toEqual(
      expect.arrayContaining([
        'outreach_history',
        'user',
        'session',
        'drafts',
        'user_stats',
        'smtp_settings',
      ]),
    );
    expect(indexes).toEqual(
      expect.arrayContaining([
        'outreach_history_user_id_idx',
        'outreach_history_sent_at_idx',
        'outreach_history_user_id_sent_at_idx',
        'outreach_history_user_id_send_id_key',
      ]),
    );

    const second = await migrate(`file:${file}`);
    expect(second.applied).toEqual([]);
    expect(rows(file)).toHaveLength(committed.length);
  });

  it('applies only new migrations, in name order', async () => {
    const dir = tempDir();
    const migs = path.join(dir, 'migrations');
    const add = (name: string, sql: string) => {
      fs.mkdirSync(path.join(migs, name), { recursive: true });
      fs.writeFileSync(path.join(migs, name, 'migration.sql'), sql);
    };
    add('20260101000000_b', 'CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));');
    add('20250101000000_a', 'CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO a (id) VALUES (1);');
    const url = `file:${path.join(dir, 'x.db')}`;
    expect((await migrate(url, { dir: migs })).applied).toEqual(['20250101000000_a', '20260101000000_b']);
    add('20270101000000_c', 'ALTER TABLE a ADD COLUMN note TEXT;');
    expect((await migrate(url, { dir: migs })).applied).toEqual(['20270101000000_c']);
    expect((await migrate(url, { dir: migs })).applied).toEqual([]);
  });

  it('records a failed migration, rolls its changes back and refuses to start past it', async () => {
    const dir = tempDir();
    const migs = path.join(dir, 'migrations');
    fs.mkdirSync(path.join(migs, '1_ok'), { recursive: true });
    fs.writeFileSync(path.join(migs, '1_ok', 'migration.sql'), 'CREATE TABLE ok (id INTEGER PRIMARY KEY);');
    fs.mkdirSync(path.join(migs, '2_bad'), { recursive: true });
    fs.writeFileSync(
      path.join(migs, '2_bad', 'migration.sql'),
      'CREATE TABLE half (id INTEGER);\nTHIS IS NOT SQL;',
    );
    const file = path.join(dir, 'x.db');
    const url = `file:${file}`;

    await expect(migrate(url, { dir: migs })).rejects.toThrow(MigrationError);
    const recorded = rows(file);
    expect(recorded.map((r) => [r.migration_name, r.finished_at === null])).toEqual([
      ['1_ok', false],
      ['2_bad', true],
    ]);
    expect(recorded[1]?.logs).toMatch(/syntax error/);
    const db = new Sqlite(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();

    // Even with the migration fixed, startup is refused until someone resolves the failure.
    fs.writeFileSync(path.join(migs, '2_bad', 'migration.sql'), 'CREATE TABLE half (id INTEGER);');
    await expect(migrate(url, { dir: migs })).rejects.toThrow(/2_bad failed earlier/);

    // Marked rolled back (what `prisma migrate resolve --rolled-back` does), it runs again.
    const rw = new Sqlite(file);
    rw.prepare("UPDATE _prisma_migrations SET rolled_back_at = ? WHERE migration_name = '2_bad'").run(
      new Date().toISOString(),
    );
    rw.close();
    expect((await migrate(url, { dir: migs })).applied).toEqual(['2_bad']);
  });
});

describe('migrate (SQLite): redefine-table migrations', () => {
  function folder() {
    const dir = tempDir();
    const migs = path.join(dir, 'migrations');
    const add = (name: string, sql: string) => {
      fs.mkdirSync(path.join(migs, name), { recursive: true });
      fs.writeFileSync(path.join(migs, name, 'migration.sql'), sql);
    };
    add(
      '1_init',
      `CREATE TABLE "user" ("id" TEXT NOT NULL PRIMARY KEY, "email" TEXT NOT NULL);
CREATE TABLE "session" ("id" TEXT NOT NULL PRIMARY KEY, "user_id" TEXT NOT NULL,
  CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
CREATE TABLE "drafts" ("id" TEXT NOT NULL PRIMARY KEY, "user_id" TEXT NOT NULL,
  CONSTRAINT "drafts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE);`,
    );
    return { dir, migs, add, url: `file:${path.join(dir, 'x.db')}`, file: path.join(dir, 'x.db') };
  }

  // What `prisma migrate dev` writes for a column change SQLite cannot ALTER.
  const REDEFINE_USER = `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_user" ("id" TEXT NOT NULL PRIMARY KEY, "email" TEXT NOT NULL, "name" TEXT NOT NULL DEFAULT '');
INSERT INTO "new_user" ("id", "email") SELECT "id", "email" FROM "user";
DROP TABLE "user";
ALTER TABLE "new_user" RENAME TO "user";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`;

  it('keeps the child rows of a redefined parent table (no cascade on DROP TABLE)', async () => {
    const f = folder();
    await migrate(f.url, { dir: f.migs });
    const rw = new Sqlite(f.file);
    rw.exec(`INSERT INTO "user" VALUES ('u1', 'a@example.com'), ('u2', 'b@example.com');
      INSERT INTO "session" VALUES ('s1', 'u1'), ('s2', 'u2');
      INSERT INTO "drafts" VALUES ('d1', 'u1');`);
    rw.close();

    f.add('2_redefine_user', REDEFINE_USER);
    expect((await migrate(f.url, { dir: f.migs })).applied).toEqual(['2_redefine_user']);

    const db = new Sqlite(f.file, { readonly: true });
    expect(db.prepare('SELECT id FROM "session" ORDER BY id').all()).toEqual([{ id: 's1' }, { id: 's2' }]);
    expect(db.prepare('SELECT id FROM "drafts"').all()).toEqual([{ id: 'd1' }]);
    expect(db.prepare('SELECT id, name FROM "user" ORDER BY id').all()).toEqual([
      { id: 'u1', name: '' },
      { id: 'u2', name: '' },
    ]);
    db.close();
  });

  it('fails (and rolls back) a migration that leaves rows pointing nowhere', async () => {
    const f = folder();
    await migrate(f.url, { dir: f.migs });
    const rw = new Sqlite(f.file);
    rw.exec(`INSERT INTO "user" VALUES ('u1', 'a@example.com'); INSERT INTO "session" VALUES ('s1', 'u1');`);
    rw.close();

    // Drops a user while foreign keys are off: the session would be orphaned.
    f.add(
      '2_orphan',
      REDEFINE_USER.replace(
        'SELECT "id", "email" FROM "user"',
        `SELECT "id", "email" FROM "user" WHERE "id" <> 'u1'`,
      ),
    );
    await expect(migrate(f.url, { dir: f.migs })).rejects.toThrow(/foreign key violation/);
    const db = new Sqlite(f.file, { readonly: true });
    expect(db.prepare('SELECT id FROM "user"').all()).toEqual([{ id: 'u1' }]);
    expect(db.prepare('SELECT id FROM "session"').all()).toEqual([{ id: 's1' }]);
    db.close();
  });
});
