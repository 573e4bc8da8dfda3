// @vitest-environment node
// Issue 8, whole system 3: sends against mail server faults, end to end — the extension's outbox
// (the client that retries) → the real server over HTTP → a real SMTP server on loopback that
// refuses connections, refuses the login, answers 4xx or 5xx, or stalls in the middle of DATA.
// Each case: a clear status and message; temporary faults retried with jittered backoff until
// they pass, then sent exactly once; permanent ones failed and not retried; a stall timed out.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@@/server/app';
import { startFaultySmtp, type FaultySmtp, type SmtpFault } from '@@/server/testing/faulty-smtp';
import { createReachlogApi, type ReachlogApi } from '@/api/api';
import { ReachlogDb } from '@/db/database';
import { describeSend } from '@/ui/lib/send-status';
import { BACKOFF_BASE_MS } from './backoff';
import { enqueueSend } from './enqueue';
import { OutboxProcessor } from './processor';

/** Short, so the stall case is quick; long enough for a normal send on a loaded machine. */
const SMTP_TIMEOUT_MS = 5_000;

let smtp: FaultySmtp;
let server: RunningServer;
let dir: string;
let api: ReachlogApi;
beforeAll(async () => {
  smtp = await startFaultySmtp();
  dir = mkdtempSync(path.join(tmpdir(), 'reachlog-smtp-faults-'));
  server = await startServer({
    databaseUrl: `file:${path.join(dir, 'test.db')}`,
    host: '127.0.0.1',
    port: 0,
    secret: randomBytes(32).toString('hex'),
    smtpUrl: smtp.url,
    smtpFrom: 'relay@reachlog.test',
    smtpTimeoutMs: SMTP_TIMEOUT_MS,
    // Mail faults, not accounts: the relay sends for new accounts at once.
    emailVerification: 'off',
    sendLimits: { perMinute: 10_000, perHour: 10_000 },
    logger: pino({ level: 'silent' }),
  });
  const serverUrl = server.url.replace(/\/+$/, '');
  const { token } = await createReachlogApi({ serverUrl, getToken: () => null }).signUp({
    email: `faults-${crypto.randomUUID().slice(0, 8)}@example.com`,
    password: 'correct horse battery',
    name: 'Sam Seeker',
  });
  api = createReachlogApi({ serverUrl, getToken: () => token });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await smtp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let database: ReachlogDb;
let clock: number;
let timers: number[];
let processor: OutboxProcessor;
let randoms: number[];
beforeEach(async () => {
  database = new ReachlogDb(`faults-${crypto.randomUUID()}`);
  clock = Date.now();
  timers = [];
  randoms = [];
  processor = new OutboxProcessor({
    database,
    getApi: async () => api,
    now: () => clock,
    // jitter: a different draw each time, recorded to check each wait against its own
    random: () => {
      const r = Math.random();
      randoms.push(r);
      return r;
    },
    setTimer: (_fn, ms) => timers.push(clock + ms),
    clearTimer: () => {},
  });
  await smtp.setFault('accept');
  smtp.accepted.length = 0;
});

async function queueEmail(to: string) {
  return enqueueSend(
    {
      kind: 'email',
      input: { recipient: { name: 'Rita', email: to }, subject: 'The role', body: 'Hello Rita' },
    },
    database,
    clock,
  );
}

/** One due try of the queue (the clock moved on to the row's next attempt). */
async function tryAgain(id: string) {
  const row = (await database.outbox.get(id))!;
  clock = Math.max(clock, row.nextAttemptAt);
  await processor.kick();
  return (await database.outbox.get(id))!;
}

const TEMPORARY: [string, SmtpFault, RegExp][] = [
  ['refused connection', 'refuse-connection', /^Could not reach the mail server/],
  ['4xx reply', 'temporary', /^The mail server asked to try again later: 451 4\.3\.2 Too busy/],
  ['stall mid-DATA', 'stall-mid-data', /^The mail server stopped answering/],
];

const PERMANENT: [string, SmtpFault, RegExp][] = [
  ['auth failure', 'auth-fail', /^Mail server refused: 535 5\.7\.8 Authentication credentials invalid/],
  ['5xx reply', 'permanent', /^Mail server refused: 550 5\.1\.1 Mailbox does not exist/],
];

describe('mail server faults, from the outbox to the mail server', { timeout: 60_000 }, () => {
  it.each(TEMPORARY)(
    '%s: waits for the mail server, retried with jittered backoff, sent exactly once when it passes',
    async (_label, fault, message) => {
      const to = `temp-${fault}@corp.example`;
      await smtp.setFault(fault);
      const { id } = await queueEmail(to);
      const started = Date.now();
      await processor.kick();
      // a stall is given up at the deadline, not after minutes
      expect(Date.now() - started).toBeLessThan(SMTP_TIMEOUT_MS + 3_000);

      let row = (await database.outbox.get(id))!;
      expect(row).toMatchObject({ state: 'waiting', waitingFor: 'mail-server', attempts: 1 });
      expect(row.error).toMatch(message);
      const status = describeSend(row);
      expect(status).toMatchObject({ label: 'Waiting for the mail server', tone: 'warn' });
      expect(status.detail).toMatch(message);
      expect(status.detail).toMatch(/Reachlog tries again at/);
      // the server keeps one failed row with the same words
      const [failed] = await api.historyForRecipient({ email: to });
      expect(failed).toMatchObject({ status: 'failed' });
      expect(failed!.error).toMatch(message);

      // not before it is due…
      const connections = smtp.connections;
      await processor.kick();
      expect(smtp.connections).toBe(connections);

      // …then again, each wait a random half to all of a doubling step
      const waits = [row.nextAttemptAt - row.updatedAt];
      row = await tryAgain(id);
      expect(row).toMatchObject({ state: 'waiting', waitingFor: 'mail-server', attempts: 2 });
      waits.push(row.nextAttemptAt - row.updatedAt);
      waits.forEach((wait, n) => {
        const step = BACKOFF_BASE_MS * 2 ** n;
        expect(wait).toBe(Math.round(step / 2 + (step / 2) * randoms[n]!));
      });
      expect(timers.at(-1)).toBe(row.nextAttemptAt);

      await smtp.setFault('accept');
      row = await tryAgain(id);
      expect(row).toMatchObject({ state: 'sent', waitingFor: null, error: null, attempts: 3 });
      expect(smtp.accepted.filter((m) => m.includes(to))).toHaveLength(1);
      const rows = await api.historyForRecipient({ email: to });
      expect(rows.map((r) => [r.id, r.status])).toEqual([[failed!.id, 'sent']]);
    },
  );

  it.each(PERMANENT)(
    '%s: failed with the mail server’s reason, never retried on its own',
    async (_label, fault, message) => {
      const to = `perm-${fault}@corp.example`;
      // the relay pool's open connections logged in earlier: start from new ones
      await smtp.setFault('refuse-connection');
      await smtp.setFault(fault);
      const { id } = await queueEmail(to);
      await processor.kick();
      const row = (await database.outbox.get(id))!;
      expect(row).toMatchObject({ state: 'failed', waitingFor: null, attempts: 1 });
      expect(row.error).toMatch(message);
      expect(describeSend(row)).toMatchObject({ label: 'Failed', tone: 'danger', canRetry: true });
      expect(describeSend(row).detail).toMatch(message);
      expect(timers).toEqual([]);

      // an hour later, nothing has been tried again
      const connections = smtp.connections;
      clock += 3_600_000;
      await processor.kick();
      expect(smtp.connections).toBe(connections);
      const [failed] = await api.historyForRecipient({ email: to });
      expect(failed).toMatchObject({ status: 'failed' });
      expect(failed!.error).toMatch(message);

      // the user fixes it and presses Retry: the same send id, sent once
      await smtp.setFault('accept');
      expect(await processor.retry(id)).toMatchObject({ state: 'sent', attempts: 2 });
      expect(smtp.accepted.filter((m) => m.includes(to))).toHaveLength(1);
    },
  );
});
