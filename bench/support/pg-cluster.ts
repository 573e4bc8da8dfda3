// A throw-away PostgreSQL cluster for benchmarks, started the way test/setup/postgres-cluster.ts
// starts the tests' one (initdb + pg_ctl as the `postgres` user on a loopback port), but with
// PostgreSQL's durable defaults (fsync, synchronous_commit): the figures are a real server's.
// BENCH_PG_URL (a superuser URL) uses a running server instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findPgBin, PG_NOT_INSTALLED } from '../../test/setup/postgres-cluster';

export interface PgCluster {
  adminUrl: string;
  /** A new empty database; its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function asPostgres(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const run = spawnSync(cmd, argv, { encoding: 'utf8', cwd: '/tmp' });
  if (run.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
}

function withDatabases(adminUrl: string, stop: () => void): PgCluster {
  return {
    adminUrl,
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop,
  };
}

export async function startPgCluster(): Promise<PgCluster> {
  if (process.env.BENCH_PG_URL) return withDatabases(process.env.BENCH_PG_URL, () => {});
  const bin = findPgBin();
  if (!bin) throw new Error(PG_NOT_INSTALLED);
  const dir = mkdtempSync(join(tmpdir(), 'reachlog-bench-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C']);
  const options = [
    `-p ${port}`,
    '-h 127.0.0.1',
    '-k /tmp',
    '-c shared_buffers=512MB',
    '-c max_connections=100',
  ];
  asPostgres(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    options.join(' '),
    '-l',
    join(dir, 'pg.log'),
    '-w',
    'start',
  ]);
  return withDatabases(`postgres://postgres@127.0.0.1:${port}/postgres`, () => {
    try {
      asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
