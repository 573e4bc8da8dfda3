// Vitest globalSetup for the `integration-pg` project: a throw-away PostgreSQL cluster on a
// loopback port for the whole run. Each test file then creates its own database on it
// (test/support/database.ts), so files can run in parallel.
//
// Tests run as root and initdb refuses root, so the binaries run as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export const PG_NOT_INSTALLED =
  'PostgreSQL is not installed. Install it with: apt-get update && apt-get install -y postgresql';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster, `postgres://postgres@127.0.0.1:<port>/postgres`. */
    pgAdminUrl: string;
  }
}

/** The newest PostgreSQL installed by Debian's packages, or null. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
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
  if (run.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = findPgBin();
  if (!bin) throw new Error(PG_NOT_INSTALLED);

  const dir = mkdtempSync(join(tmpdir(), 'reachlog-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }

  const port = await freePort();
  asPostgres(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--locale=C',
  ]);
  // Durability is pointless for a throw-away cluster; dropping it makes CREATE DATABASE and
  // migrations several times faster.
  const options = [
    `-p ${port}`,
    '-h 127.0.0.1',
    '-k /tmp',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  asPostgres(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    options,
    '-l',
    join(dir, 'postgres.log'),
    '-w',
    '-t',
    '60',
    'start',
  ]);

  project.provide('pgAdminUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);

  return async () => {
    try {
      asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
