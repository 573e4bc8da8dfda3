// Durability benchmark: `npm run bench:durability` (BENCH_SENDS, BENCH_ROUNDS to resize).
//
// What SQLite's `synchronous = FULL` (every commit syncs the WAL: what the server uses) costs
// against NORMAL (syncs only at checkpoints; can lose the last commits on power loss), measured
// as a client sees it: the real server in its own process, a fresh database file per run, sends
// over HTTP (one request per call, keep-alive), e-mail to a loopback SMTP server. Per mode:
// LinkedIn records and e-mails, one at a time and 8 in flight. The modes alternate, so drifting
// load on a shared machine hits both. Ends with one line `BENCH durability {json}`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '../server/app';
import { startSmtpRecorder } from '../test/support/smtp-recorder';

const SENDS = Number(process.env.BENCH_SENDS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONCURRENCY = 8;
const MODES = ['NORMAL', 'FULL'] as const;
type Mode = (typeof MODES)[number];

type Client = ReturnType<typeof createTRPCClient<AppRouter>>;
const client = (url: string, token?: string): Client =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });

function startChild(
  databaseUrl: string,
  smtpUrl: string,
  mode: Mode,
): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./support/durability-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, databaseUrl, smtpUrl, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!.replace(/\/+$/, ''), child });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** `total` calls, `concurrency` in flight; calls per second. */
async function rate(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await fn(next++);
    }),
  );
  return Math.round(total / ((performance.now() - started) / 1000));
}

const linkedin = (i: number) => ({
  sendId: randomUUID(),
  recipient: { name: `Bench ${i}`, linkedinUrl: `https://www.linkedin.com/in/bench-${i}/` },
  jobTitle: 'Senior Software Engineer',
  companyName: `Company ${i % 300}`,
  message: 'Hi! I saw the role and would love to connect and talk about it.',
});
const email = (i: number) => ({
  sendId: randomUUID(),
  recipient: { name: `Bench ${i}`, email: `bench-${i}@corp.example` },
  subject: 'The Senior Software Engineer role',
  body: 'Hello,\n\nI saw the role and would love to talk about it.\n\nBest regards',
});

interface Figures {
  linkedinSequential: number;
  linkedinConcurrent: number;
  emailSequential: number;
  emailConcurrent: number;
}

async function measure(mode: Mode, smtpUrl: string): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'reachlog-bench-durability-'));
  const { url, child } = await startChild(`file:${join(dir, 'bench.db')}`, smtpUrl, mode);
  try {
    const { token } = await client(url).auth.signUp.mutate({
      email: `bench-${randomUUID()}@example.com`,
      password: `pw-${randomUUID()}`,
      name: 'Bench',
    });
    const api = client(url, token);
    // warm-up: JIT, statement caches, the relay connection pool
    await rate(50, 4, (i) => api.outreach.recordLinkedIn.mutate(linkedin(i)));
    await rate(20, 4, (i) => api.outreach.sendEmail.mutate(email(i)));
    return {
      linkedinSequential: await rate(SENDS, 1, (i) => api.outreach.recordLinkedIn.mutate(linkedin(i))),
      linkedinConcurrent: await rate(2 * SENDS, CONCURRENCY, (i) =>
        api.outreach.recordLinkedIn.mutate(linkedin(i)),
      ),
      emailSequential: await rate(SENDS / 2, 1, (i) => api.outreach.sendEmail.mutate(email(i))),
      emailConcurrent: await rate(SENDS, CONCURRENCY, (i) => api.outreach.sendEmail.mutate(email(i))),
    };
  } finally {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);

const smtp = await startSmtpRecorder();
try {
  const load = loadavg()[0]!.toFixed(2);
  console.log(
    `durability bench: ${SENDS} sends per figure, ${ROUNDS} rounds per mode, ${cpus().length} CPUs, load ${load}`,
  );
  const runs: Record<Mode, Figures[]> = { NORMAL: [], FULL: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const mode of MODES) {
      const f = await measure(mode, smtp.url);
      runs[mode].push(f);
      console.log(`round ${r + 1} ${mode.padEnd(6)} ${JSON.stringify(f)}`);
      smtp.clear();
    }
  }
  const keys = Object.keys(runs.FULL[0]!) as (keyof Figures)[];
  const result = Object.fromEntries(
    MODES.map((m) => [m, Object.fromEntries(keys.map((k) => [k, mean(runs[m].map((f) => f[k]))]))]),
  ) as unknown as Record<Mode, Figures>;
  console.log('\nsends/s (mean of rounds)        NORMAL    FULL   FULL/NORMAL');
  for (const k of keys) {
    const ratio = (result.FULL[k] / result.NORMAL[k]).toFixed(2);
    console.log(
      `${k.padEnd(30)} ${String(result.NORMAL[k]).padStart(7)} ${String(result.FULL[k]).padStart(7)}   ${ratio}`,
    );
  }
  console.log(
    `load average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `BENCH durability ${JSON.stringify({ sends: SENDS, rounds: ROUNDS, loadStart: Number(load), ...result })}`,
  );
} finally {
  await smtp.close();
}
