// Services on a fresh, migrated database for unit tests: a SQLite file in a temp folder, or,
// when REACHLOG_TEST_PG_URL names a PostgreSQL server (admin URL), a fresh database on it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { createDatabase, tuneSqlite, type Database } from '../db/client';
import { migrate } from '../db/migrate';
import { createServices, type Services } from '../services';
import type { SendLimits } from '../services/send-limits';
import { createHostResolver } from '../services/smtp-target';

export interface TempServices {
  services: Services;
  db: Database;
  url: string;
  close(): Promise<void>;
}

async function adminQuery(adminUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.REACHLOG_TEST_PG_URL;
  if (adminUrl) {
    const name = `reachlog_unit_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reachlog-unit-'));
  return {
    url: `file:${path.join(dir, 'test.db')}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** `shareWith`: open the other instance's database, like a second server process would. */
/** The relay's sender (SMTP_FROM) in unit tests, unless a test passes its own. */
export const TEST_RELAY_FROM = 'reachlog@relay.example';

export async function tempServices(
  opts: {
    smtpUrl?: string;
    /** SMTP_FROM; default TEST_RELAY_FROM, '' = unset. */
    smtpFrom?: string;
    shareWith?: TempServices;
    sendLimits?: SendLimits;
    /** Default true: the tests' mail servers are on loopback. */
    allowPrivateSmtp?: boolean;
    /** Default: silent. */
    log?: Logger;
    /** DNS servers (`127.0.0.1:port`) for users' mail server names; default: the system's. */
    dnsServers?: string[];
    /**
     * EMAIL_VERIFICATION; default 'off' here, so services tests send through the relay with
     * plain new users (confirmation has its own tests over HTTP, test/integration/accounts.test.ts).
     */
    emailVerification?: 'required' | 'off';
    /** A CA (PEM) trusted for users' mail servers besides the system's: the tests' self-signed one. */
    smtpTlsCa?: string;
    /** SMTP_TIMEOUT_MS (default the server's). */
    smtpTimeoutMs?: number;
  } = {},
): Promise<TempServices> {
  const fresh = opts.shareWith ? null : await freshDatabase();
  const url = opts.shareWith?.url ?? fresh?.url ?? '';
  await migrate(url);
  const db = createDatabase(url);
  await tuneSqlite(db);
  const services = createServices({
    db,
    secret: 'unit-test-secret-0123456789abcdef',
    smtpUrl: opts.smtpUrl,
    smtpFrom: opts.smtpFrom ?? TEST_RELAY_FROM,
    sendLimits: opts.sendLimits,
    allowPrivateSmtp: opts.allowPrivateSmtp ?? true,
    emailVerification: opts.emailVerification ?? 'off',
    ...(opts.smtpTlsCa ? { smtpTlsCa: opts.smtpTlsCa } : {}),
    ...(opts.dnsServers ? { smtpResolver: createHostResolver({ servers: opts.dnsServers }) } : {}),
    smtpTimeoutMs: opts.smtpTimeoutMs,
    log: opts.log ?? pino({ level: 'silent' }),
  });
  return {
    services,
    db,
    url,
    async close() {
      services.close();
      await db.close();
      await fresh?.drop();
    },
  };
}

let n = 0;
export async function newUser(services: Services, name = 'Tester') {
  n += 1;
  const email = `user${n}-${Date.now()}@example.com`;
  const r = await services.auth.signUp({ email, password: 'correct horse battery', name });
  return r.user;
}
