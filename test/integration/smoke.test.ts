// Smoke test of the real server over HTTP: temp SQLite file, real SMTP server on loopback,
// the tRPC client exactly as the extension configures it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { MAX_BATCH_SIZE } from '../../shared/api-limits';
import { CHROME_EXTENSION_ORIGIN } from '../../shared/extension-identity';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import type { AppRouter } from '../../server/routers/_app';
import { startSmtpSink, type SmtpSink } from '../../server/testing/smtp-sink';

let dir: string;
let sink: SmtpSink;
let server: RunningServer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reachlog-smoke-'));
  sink = await startSmtpSink();
  server = await startServer({
    databaseUrl: `file:${path.join(dir, 'smoke.db')}`,
    port: 0,
    smtpUrl: sink.url,
    smtpFrom: 'reachlog@relay.example.com',
    secret: 'smoke-test-secret-0123456789abcdef',
  });
});

afterAll(async () => {
  await server?.close();
  await sink?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const client = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${server.url}/trpc`,
        transformer: superjson,
        maxItems: MAX_BATCH_SIZE,
        headers: () => (token ? { Authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });

describe('server smoke', () => {
  it('answers /health once migrated', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
  });

  it('signUp → sendEmail → history.latest over HTTP', async () => {
    const { token, user } = await client().auth.signUp.mutate({
      email: 'Smoke@Example.com',
      password: 'smoke-password',
    });
    expect(user.email).toBe('smoke@example.com');
    const api = client(token);
    // Confirm the address with the code the relay delivered, as a user does in the dashboard.
    const confirmation = sink.messages.find((m) => m.to.includes('smoke@example.com'));
    const code = /code is (\d{6})/.exec(confirmation?.raw ?? '')?.[1] ?? 'no code mailed';
    expect((await api.auth.verifyEmail.mutate({ code })).emailVerified).toBe(true);
    sink.messages.length = 0;
    const row = await api.outreach.sendEmail.mutate({
      sendId: 'smoke-send-0001',
      recipient: { name: 'Rita Recruiter', email: 'rita@corp.example' },
      companyName: 'Corp',
      subject: 'Hello',
      body: 'Hi Rita',
    });
    expect(row).toMatchObject({ status: 'sent', channel: 'email', companyName: 'Corp', jobTitle: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.to).toEqual(['rita@corp.example']);
    const [latest, me] = await Promise.all([api.history.latest.query(), api.auth.me.query()]);
    expect(latest).toEqual([row]);
    expect(me).toEqual({ ...user, emailVerified: true });
  });

  it('refuses bodies over 1 MB with 413 and grants CORS to extension origins only', async () => {
    const big = await fetch(`${server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: 'a@b.co', password: 'x'.repeat(1_100_000) } }),
    });
    expect(big.status).toBe(413);
    const pre = await fetch(`${server.url}/trpc/auth.me`, {
      method: 'OPTIONS',
      headers: {
        origin: CHROME_EXTENSION_ORIGIN,
        'access-control-request-headers': 'authorization',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(CHROME_EXTENSION_ORIGIN);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const web = await fetch(`${server.url}/health`, { headers: { origin: 'https://evil.example' } });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('npm run server (server/main.ts)', () => {
  it('generates a secret on first run, prints the listening line, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = path.join(dir, 'main-data');
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: `file:${dataDir}/reachlog.db`,
        PORT: '0',
        HOST: '127.0.0.1',
        REACHLOG_SECRET: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in:\n${out}`)), 50_000);
        child.stdout.on('data', () => {
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      expect((await fetch(`${url}/health`)).status).toBe(200);
      const secretFile = path.join(dataDir, 'reachlog-secret');
      expect(fs.readFileSync(secretFile, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
      expect(fs.statSync(secretFile).mode & 0o077).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
