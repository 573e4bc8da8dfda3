// Server benchmark: `npm run bench:server` (BENCH_USERS, BENCH_ROWS, BENCH_N, BENCH_SENDS to resize).
//
// 1,000 users and 1,000,000 history rows in a temp SQLite file (migrated by the server's own
// migrate code, then bulk-seeded with raw prepared inserts and consistent stats counters).
// Measures history.latest and stats.get latency
//   (a) in-process: the tRPC caller, the services directly, and a raw better-sqlite3 statement;
//   (b) over HTTP through the real server (own process, keep-alive, sequential and concurrent);
//   (c) baseline: the same JSON from a bare node:http + better-sqlite3 handler (own process),
// plus recorded sends/s (outreach.recordLinkedIn: history row + stats in one transaction)
// in-process and over HTTP. Ends with one line `BENCH server {json}`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import Sqlite from 'better-sqlite3';
import pino from 'pino';
import { contextForUser } from '../server/context';
import { createDatabase, tuneSqlite } from '../server/db/client';
import { migrate } from '../server/db/migrate';
import { appRouter } from '../server/routers/_app';
import { createServices } from '../server/services';
import { seed, type SeededUser } from './support/seed';

const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const N = Number(process.env.BENCH_N ?? 2_000);
const SENDS = Number(process.env.BENCH_SENDS ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
/** Requests in each concurrent run (throughput needs fewer samples than tail latency). */
const CONCURRENT_N = Math.min(N, 1_000);

interface Latency {
  p50: number;
  p99: number;
  mean: number;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function summarize(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

const warmUp = (n: number) => Math.min(300, n);

/** Sequential latency of `fn(i)` (after a warm-up). */
async function sequential(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<Latency> {
  for (let i = 0; i < warmUp(n); i++) await fn(i + n);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

/** `total` calls with `concurrency` in flight; per-call latency and calls/s. */
async function concurrent(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
): Promise<Latency & { perSecond: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        samples.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...summarize(samples), perSecond: Math.round(total / seconds) };
}

async function throughput(total: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < total; i++) await fn(i);
  return Math.round(total / ((performance.now() - started) / 1000));
}

/**
 * CPU time (ms) a process has used, from /proc: wall-clock latencies on a shared 2-core machine
 * swing with other people's load, CPU time per request much less.
 */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 (1-based) of the whole line, in clock ticks (100/s).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Runs `fn` and returns the CPU ms per call spent by process `pid` meanwhile. */
async function cpuPerCall<T>(
  pid: number,
  calls: number,
  fn: () => Promise<T>,
): Promise<{ result: T; cpuMsPerCall: number }> {
  const before = cpuMsOf(pid);
  const result = await fn();
  return { result, cpuMsPerCall: round((cpuMsOf(pid) - before) / calls) };
}

// ---- HTTP ----

function httpCall(
  agent: Agent,
  base: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200)
            reject(new Error(`${method} ${path} → ${res.statusCode}: ${text.slice(0, 300)}`));
          else resolve(text);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const LATEST_PATH = `/trpc/history.latest?input=${encodeURIComponent(JSON.stringify({ json: { limit: 20 } }))}`;
const STATS_PATH = '/trpc/stats.get';

function startChild(
  mode: 'real' | 'baseline',
  target: string,
): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./support/child-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode, target], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code}) before it was ready`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const linkedinInput = (i: number) => ({
  sendId: randomUUID(),
  recipient: {
    name: `Bench Recipient ${i}`,
    linkedinUrl: `https://www.linkedin.com/in/bench-recipient-${i % 1000}/`,
  },
  jobTitle: 'Senior Software Engineer',
  companyName: `Company ${i % 300}`,
  jobUrl: `https://www.linkedin.com/jobs/view/${4_100_000_000 + i}/`,
  message: 'Hi! I saw the role and would love to connect and talk about it.',
});

// ---- main ----

const dir = mkdtempSync(join(tmpdir(), 'reachlog-bench-'));
const file = join(dir, 'bench.db');
const url = `file:${file}`;
const children: ChildProcess[] = [];

try {
  console.log(
    `server bench: ${USERS} users, ${ROWS.toLocaleString('en')} rows, ${N} samples per figure, ${cpus().length} CPUs, SQLite ${file}`,
  );
  await migrate(url);
  const seeded = seed(file, { users: USERS, rows: ROWS });
  console.log(
    `seeded in ${(seeded.ms / 1000).toFixed(1)} s (${Math.round(ROWS / (seeded.ms / 1000)).toLocaleString('en')} rows/s)`,
  );
  const users = seeded.users;
  const userAt = (i: number): SeededUser => users[(i * 7919) % users.length]!;

  // (a) in-process
  const db = createDatabase(url);
  await tuneSqlite(db);
  const services = createServices({
    db,
    secret: 'bench-secret-0123456789abcdef0123456789abcdef',
    log: pino({ level: 'silent' }),
  });
  const callers = users.map((u) =>
    appRouter.createCaller(contextForUser(services, { id: u.id, email: u.email, name: u.name })),
  );
  const callerAt = (i: number) => callers[(i * 7919) % callers.length]!;

  const raw = new Sqlite(file, { readonly: true });
  const rawLatest =
    raw.prepare(`SELECT id, recipient_name, recipient_email, recipient_linkedin_url, job_title, company_name, job_url,
      channel, email_subject, email_body, linkedin_message, status, error, sent_at, created_at, draft_id
    FROM outreach_history WHERE user_id = ? AND status IN ('sent', 'failed') ORDER BY sent_at DESC, id DESC LIMIT 20`);

  const inProcess = {
    latestRawSql: await sequential(N, (i) => rawLatest.all(userAt(i).id)),
    latestService: await sequential(N, (i) => services.history.latest(userAt(i).id, 20)),
    latestCaller: await sequential(N, (i) => callerAt(i).history.latest({ limit: 20 })),
    statsCaller: await sequential(N, (i) => callerAt(i).stats.get()),
    // What every authenticated HTTP request pays before its procedure runs.
    sessionCheck: await sequential(N, (i) => services.auth.userForToken(userAt(i).token)),
  };
  const sample = await callerAt(1).history.latest({ limit: 20 });
  if (sample.length !== Math.min(20, Math.floor(ROWS / USERS)))
    throw new Error(`history.latest returned ${sample.length} rows`);

  const cpuBefore = process.cpuUsage();
  const sendsInProcess = await throughput(SENDS, (i) =>
    callerAt(i).outreach.recordLinkedIn(linkedinInput(i)),
  );
  const cpuUsed = process.cpuUsage(cpuBefore);
  const sendCpuMsInProcess = round((cpuUsed.user + cpuUsed.system) / 1000 / SENDS);
  const sendsInProcessConcurrent = await concurrent(SENDS, CONCURRENCY, (i) =>
    callerAt(i + SENDS).outreach.recordLinkedIn(linkedinInput(i + SENDS)),
  );
  raw.close();
  services.close();
  await db.close();

  // (b) the real server and (c) the bare baseline, each in its own process.
  const real = await startChild('real', url);
  children.push(real.child);
  const base = await startChild('baseline', file);
  children.push(base.child);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  // Same JSON from both (parsed; key order aside).
  for (const path of [LATEST_PATH, STATS_PATH]) {
    const [a, b] = await Promise.all([
      httpCall(agent, real.url, 'GET', path, users[3]!.token),
      httpCall(agent, base.url, 'GET', path, users[3]!.token),
    ]);
    if (!isDeepStrictEqual(JSON.parse(a), JSON.parse(b)))
      throw new Error(`baseline and server disagree on ${path}:\n${a.slice(0, 400)}\n${b.slice(0, 400)}`);
  }

  const get = (target: string, path: string) => (i: number) =>
    httpCall(agent, target, 'GET', path, userAt(i).token);
  const realPid = real.child.pid!;
  const basePid = base.child.pid!;
  const httpLatest = await cpuPerCall(realPid, N + warmUp(N), () =>
    sequential(N, get(real.url, LATEST_PATH)),
  );
  const httpStats = await cpuPerCall(realPid, N + warmUp(N), () => sequential(N, get(real.url, STATS_PATH)));
  const baseLatest = await cpuPerCall(basePid, N + warmUp(N), () =>
    sequential(N, get(base.url, LATEST_PATH)),
  );
  const baseStats = await cpuPerCall(basePid, N + warmUp(N), () => sequential(N, get(base.url, STATS_PATH)));
  const http = {
    latest: httpLatest.result,
    stats: httpStats.result,
    latestConcurrent: await concurrent(CONCURRENT_N, CONCURRENCY, get(real.url, LATEST_PATH)),
  };
  const baseline = {
    latest: baseLatest.result,
    stats: baseStats.result,
    latestConcurrent: await concurrent(CONCURRENT_N, CONCURRENCY, get(base.url, LATEST_PATH)),
  };
  const serverCpuMsPerRequest = {
    latest: httpLatest.cpuMsPerCall,
    stats: httpStats.cpuMsPerCall,
    baselineLatest: baseLatest.cpuMsPerCall,
    baselineStats: baseStats.cpuMsPerCall,
  };
  const post = (i: number) =>
    httpCall(
      agent,
      real.url,
      'POST',
      '/trpc/outreach.recordLinkedIn',
      userAt(i).token,
      JSON.stringify({ json: linkedinInput(i) }),
    );
  const sendsHttpRun = await cpuPerCall(realPid, SENDS, () => throughput(SENDS, (i) => post(i + 2 * SENDS)));
  const sendsHttp = sendsHttpRun.result;
  const sendsHttpConcurrent = await concurrent(SENDS, CONCURRENCY, (i) => post(i + 3 * SENDS));
  agent.destroy();

  const ratio = (a: number, b: number) => round(a / b, 2);
  const results = {
    users: USERS,
    rows: ROWS,
    samples: N,
    cpus: cpus().length,
    seedRowsPerSecond: Math.round(ROWS / (seeded.ms / 1000)),
    inProcess,
    http,
    baseline,
    ratios: {
      latestP50HttpVsBaseline: ratio(http.latest.p50, baseline.latest.p50),
      latestP99HttpVsBaseline: ratio(http.latest.p99, baseline.latest.p99),
      statsP50HttpVsBaseline: ratio(http.stats.p50, baseline.stats.p50),
      latestConcurrentThroughputBaselineVsHttp: ratio(
        baseline.latestConcurrent.perSecond,
        http.latestConcurrent.perSecond,
      ),
      latestCallerVsRawSqlP50: ratio(inProcess.latestCaller.p50, inProcess.latestRawSql.p50),
    },
    serverCpuMsPerRequest,
    sendCpuMs: { inProcess: sendCpuMsInProcess, httpServer: sendsHttpRun.cpuMsPerCall },
    sendsPerSecond: {
      inProcess: sendsInProcess,
      inProcessConcurrent: sendsInProcessConcurrent.perSecond,
      http: sendsHttp,
      httpConcurrent: sendsHttpConcurrent.perSecond,
    },
    targets: {
      latestP50InProcessMs: 1,
      latestP99InProcessMs: 5,
      httpVsBaselineMax: 2,
      sendsPerSecondMin: 2000,
    },
  };

  const row = (name: string, l: Latency & { perSecond?: number }) =>
    `${name.padEnd(44)} ${l.p50.toFixed(3).padStart(8)} ${l.p99.toFixed(3).padStart(8)} ${l.mean.toFixed(3).padStart(8)} ${(l.perSecond ? String(l.perSecond) : '').padStart(8)}`;
  console.log(
    `\n${'latency (ms)'.padEnd(44)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'mean'.padStart(8)} ${'req/s'.padStart(8)}`,
  );
  console.log(row('in-process raw SQL history.latest', inProcess.latestRawSql));
  console.log(row('in-process service history.latest', inProcess.latestService));
  console.log(row('in-process tRPC caller history.latest', inProcess.latestCaller));
  console.log(row('in-process tRPC caller stats.get', inProcess.statsCaller));
  console.log(row('in-process session check (auth.userForToken)', inProcess.sessionCheck));
  console.log(row('HTTP server history.latest', http.latest));
  console.log(row('HTTP baseline history.latest', baseline.latest));
  console.log(row('HTTP server stats.get', http.stats));
  console.log(row('HTTP baseline stats.get', baseline.stats));
  console.log(row(`HTTP server history.latest ×${CONCURRENCY}`, http.latestConcurrent));
  console.log(row(`HTTP baseline history.latest ×${CONCURRENCY}`, baseline.latestConcurrent));
  console.log('\nrecorded sends/s (outreach.recordLinkedIn)');
  console.log(
    `  in-process sequential ${sendsInProcess}, in-process ×${CONCURRENCY} ${sendsInProcessConcurrent.perSecond}`,
  );
  console.log(`  HTTP sequential ${sendsHttp}, HTTP ×${CONCURRENCY} ${sendsHttpConcurrent.perSecond}`);
  console.log(
    `  CPU per send: in-process ${sendCpuMsInProcess} ms, server process over HTTP ${sendsHttpRun.cpuMsPerCall} ms`,
  );
  console.log(
    `\nserver CPU per request (ms): history.latest ${serverCpuMsPerRequest.latest} (baseline ${serverCpuMsPerRequest.baselineLatest}), ` +
      `stats.get ${serverCpuMsPerRequest.stats} (baseline ${serverCpuMsPerRequest.baselineStats})`,
  );
  console.log(
    `\nratios: history.latest HTTP/baseline p50 ${results.ratios.latestP50HttpVsBaseline}×, p99 ${results.ratios.latestP99HttpVsBaseline}×; ` +
      `stats.get p50 ${results.ratios.statsP50HttpVsBaseline}×; caller/raw SQL p50 ${results.ratios.latestCallerVsRawSqlP50}×`,
  );
  console.log(`BENCH server ${JSON.stringify(results)}`);
} finally {
  await Promise.all(children.map(stopChild));
  rmSync(dir, { recursive: true, force: true });
}
