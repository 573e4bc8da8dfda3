// A fresh, empty database for one test file (or one benchmark run): a SQLite file in a temp
// folder, or — when TEST_DB=postgres — a new database on the cluster that
// test/setup/postgres-cluster.ts started for the run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type DbKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  kind: DbKind;
  url: string;
  drop(): Promise<void>;
}

export function testDbKind(): DbKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

export function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'reachlog-test-'));
  return {
    kind: 'sqlite',
    url: `file:${join(dir, 'test.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function createPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `reachlog_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** For code running inside Vitest (the cluster URL comes from its globalSetup). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDbKind() === 'sqlite') return createSqliteDatabase();
  const { inject } = await import('vitest');
  const adminUrl = inject('pgAdminUrl');
  if (!adminUrl) {
    throw new Error(
      'TEST_DB=postgres but no cluster: run through `npx vitest run --project integration-pg`.',
    );
  }
  return createPostgresDatabase(adminUrl);
}
