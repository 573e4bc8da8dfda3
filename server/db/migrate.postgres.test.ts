import { describe, expect, it } from 'vitest';
import { migrate, migrationsDir, readMigrations } from './migrate';

// Runs in the `server-pg` project, whose global setup starts a PostgreSQL cluster and whose setup
// file names it in REACHLOG_TEST_PG_URL; a fresh database each time.
const pgAdmin = process.env.REACHLOG_TEST_PG_URL;
if (!pgAdmin) throw new Error('REACHLOG_TEST_PG_URL is not set: run this file in the server-pg project');

describe('migrate (PostgreSQL)', () => {
  it('two processes starting at once apply each migration exactly once (advisory lock)', async () => {
    const { default: pg } = await import('pg');
    const name = `reachlog_migrate_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgAdmin });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(pgAdmin ?? '');
    u.pathname = `/${name}`;
    try {
      const results = await Promise.all([
        migrate(u.toString()),
        migrate(u.toString()),
        migrate(u.toString()),
      ]);
      const committed = readMigrations(migrationsDir('postgres')).map((m) => m.name);
      expect(results.flatMap((r) => r.applied).sort()).toEqual(committed.sort());
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      const { rows } = await c.query('SELECT migration_name, finished_at, checksum FROM _prisma_migrations');
      const { rows: idx } = await c.query(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'outreach_history'",
      );
      await c.end();
      expect(rows).toHaveLength(committed.length);
      expect(rows.every((r: { finished_at: Date | null }) => r.finished_at instanceof Date)).toBe(true);
      expect(idx.map((r: { indexname: string }) => r.indexname)).toEqual(
        expect.arrayContaining([
          'outreach_history_user_id_idx',
          'outreach_history_sent_at_idx',
          'outreach_history_user_id_sent_at_idx',
          'outreach_history_user_id_send_id_key',
        ]),
      );
      expect((await migrate(u.toString())).applied).toEqual([]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
