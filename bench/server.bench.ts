// npm run bench:server [-- --quick] — the server as clients see it: autocannon over HTTP with
// many connections, the procedures the extension really calls (sync.pull, sync.push,
// history.forRecipient, recorded sends) and the API users' reads (history.latest, stats.get),
// with 1–5 kB message bodies, on SQLite and on PostgreSQL, at 10k / 100k / 1M history rows.
// Every read (and the recorded send) is measured beside a bare baseline in the same run: a
// node:http + better-sqlite3 / node:http + pg handler answering the same query from the same
// database with the same JSON (bench/support/child-server.ts). Server and baseline each run in
// their own process; CPU per request is that process's process.cpuUsage() over the requests it
// answered (and, beside it, this process's: autocannon's own CPU, on the same cores); RSS is its
// resident memory at the end of the scenario; the CPU ceiling is what both processes' CPU per
// request would allow on this machine's cores if nothing ever waited.
//
// Options (environment): BENCH_SIZES=10000,100000,1000000  BENCH_DBS=sqlite,postgres
//   BENCH_SECONDS (60; --quick: 5)  BENCH_CONNECTIONS=10,50 (the mix runs at each)
//   BENCH_USERS (1000)  BENCH_ONLY=<scenario names, comma-separated>
//   BENCH_CPU_PROF=<dir>: the real server runs with --cpu-prof and writes its profile there.
//   BENCH_PG_URL: a running PostgreSQL superuser URL instead of a throw-away cluster.
//   BENCH_SQLITE_SYNCHRONOUS=NORMAL: diagnosis only — both SQLite servers skip the WAL sync at
//   each commit (what the disk costs a send); the server's own setting is FULL.
// Ends with one line: BENCH server {json}.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { migrate } from '../server/db/migrate';
import { startPgCluster, type PgCluster } from './support/pg-cluster';
import {
  EMAIL_BODIES,
  jobUrl,
  recipientUrl,
  refreshVersions,
  seedPostgres,
  seedSqlite,
  type BenchUser,
  type SeedResult,
} from './support/server-seed';

const QUICK = process.argv.includes('--quick');
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 5 : 60));
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const DBS = (process.env.BENCH_DBS ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const MIX_CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const USERS = Number(process.env.BENCH_USERS ?? 1000);
const ONLY = process.env.BENCH_ONLY?.split(',');
const CPU_PROF = process.env.BENCH_CPU_PROF;
const CONNECTIONS = 10;
/** Recorded sends are also measured with many clients at once (what group commit is for). */
const SEND_CONNECTIONS = Number(process.env.BENCH_SEND_CONNECTIONS ?? 100);

const load = () => os.loadavg().map((n) => Math.round(n * 100) / 100);
const r1 = (n: number) => Math.round(n * 10) / 10;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

// ---------------------------------------------------------------- server processes

interface Usage {
  cpu: NodeJS.CpuUsage;
  rss: number;
}

class Child {
  private constructor(
    private readonly proc: ChildProcess,
    readonly url: string,
  ) {}

  static start(mode: 'real' | 'baseline' | 'baseline-group', dbUrl: string): Promise<Child> {
    const execArgv = ['--import', 'tsx'];
    if (CPU_PROF && mode === 'real') execArgv.push('--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`);
    const proc = fork(path.join(import.meta.dirname, 'support/child-server.ts'), [mode, dbUrl], {
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${mode} server did not start in 120 s`)), 120_000);
      proc.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
      proc.on('message', (m: { ready?: string }) => {
        if (m.ready) {
          clearTimeout(timer);
          resolve(new Child(proc, m.ready));
        }
      });
    });
  }

  usage(): Promise<Usage> {
    return new Promise((resolve) => {
      const on = (m: Partial<Usage>) => {
        if (!m.cpu) return;
        this.proc.off('message', on);
        resolve(m as Usage);
      };
      this.proc.on('message', on);
      this.proc.send('usage');
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.proc.removeAllListeners('exit');
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGTERM');
    });
  }
}

// ---------------------------------------------------------------- requests

type Req = autocannon.Request;
interface Ctx {
  n?: number;
  clientId?: string;
  mutation?: number;
}

// As the extension sends them (httpBatchLink): a batch, here of one call.
const enc = (input: unknown) => encodeURIComponent(JSON.stringify({ 0: { json: input } }));
const auth = (u: BenchUser) => ({ authorization: `Bearer ${u.token}` });
const post = (u: BenchUser, input: unknown) => ({
  method: 'POST' as const,
  headers: { ...auth(u), 'content-type': 'application/json' },
  body: JSON.stringify({ 0: { json: input } }),
});

/** Spreads requests over the users: connection c's i-th request goes to user (c·7919 + i) mod n. */
function pick(users: BenchUser[], ctx: Ctx): BenchUser {
  ctx.n ??= Math.floor(Math.random() * users.length);
  ctx.n = (ctx.n + 1) % users.length;
  return users[ctx.n]!;
}

/** Each procedure as one autocannon request that picks its user (and input) per call. */
function procedures(users: BenchUser[]) {
  const get = (procedure: string, input: (u: BenchUser) => unknown): Req => ({
    method: 'GET',
    setupRequest: (req, context) => {
      const u = pick(users, context as Ctx);
      return { ...req, path: `/trpc/${procedure}?batch=1&input=${enc(input(u))}`, headers: auth(u) };
    },
  });
  return {
    /** A client catching up after a poke: one change since its cookie. */
    'sync.pull': get('sync.pull', (u) => ({
      clientId: `bench-client-${u.id.slice(-5)}`,
      cookie: String(Math.max(0, u.version - 1)),
      limit: 500,
    })),
    /** The side panel opening on a profile: earlier sends to this person or about this job. */
    'history.forRecipient': get('history.forRecipient', (u) => {
      const r = Math.floor(Math.random() * Math.max(1, Math.floor(u.rows / 2)));
      const uIndex = Number(u.id.slice(-5));
      return { linkedinUrl: recipientUrl(uIndex, r), jobUrl: jobUrl(uIndex, r) };
    }),
    'history.latest': get('history.latest', () => ({ limit: 20 })),
    'stats.get': get('stats.get', () => undefined),
    /** A recorded send (history row + stats + version in one transaction), 1–5 kB message. */
    'outreach.recordLinkedIn': {
      method: 'POST',
      setupRequest: (req, context) => {
        const u = pick(users, context as Ctx);
        const id = randomBytes(12).toString('base64url');
        return {
          ...req,
          path: '/trpc/outreach.recordLinkedIn?batch=1',
          ...post(u, {
            sendId: `send-${id}`,
            recipient: { name: `Recruiter ${id}`, linkedinUrl: `https://www.linkedin.com/in/r-${id}/` },
            jobTitle: 'Senior Software Engineer',
            companyName: 'Example GmbH',
            jobUrl: 'https://www.linkedin.com/jobs/view/4012345678/',
            message: EMAIL_BODIES[id.charCodeAt(0) % EMAIL_BODIES.length],
          }),
        };
      },
    },
    /** A browser pushing a saved draft (1–5 kB body): each connection is one client. */
    'sync.push': {
      method: 'POST',
      setupRequest: (req, context) => {
        const ctx = context as Ctx & { user?: BenchUser };
        ctx.user ??= pick(users, ctx);
        ctx.clientId ??= `bench-push-${randomBytes(8).toString('hex')}`;
        ctx.mutation = (ctx.mutation ?? 0) + 1;
        return {
          ...req,
          path: '/trpc/sync.push?batch=1',
          ...post(ctx.user, {
            clientId: ctx.clientId,
            mutations: [
              {
                id: ctx.mutation,
                name: 'draft.put',
                args: {
                  id: `${ctx.clientId}-${ctx.mutation}`,
                  baseVersion: 0,
                  fields: {
                    recipientName: 'Marisol Quintero',
                    recipientEmail: 'marisol@example.com',
                    emailSubject: 'About the Senior Software Engineer role',
                    emailBody: EMAIL_BODIES[ctx.mutation % EMAIL_BODIES.length],
                  },
                },
              },
            ],
          }),
        };
      },
    },
  } satisfies Record<string, Req>;
}

type Procedure = keyof ReturnType<typeof procedures>;

/** The extension's traffic, with API users' reads on the side (weights per 40 requests). */
const MIX: [Procedure, number][] = [
  ['sync.pull', 20],
  ['history.forRecipient', 10],
  ['outreach.recordLinkedIn', 4],
  ['sync.push', 4],
  ['history.latest', 1],
  ['stats.get', 1],
];

// ---------------------------------------------------------------- scenarios

interface Figure {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerReq: number;
  /** The load generator's CPU per request (autocannon runs in this process, on the same cores). */
  loadGenCpuMsPerReq: number;
  rssMb: number;
  errors: number;
  load: number[];
  /**
   * The most requests per second this machine's cores could answer at this CPU per request,
   * server and load generator together (cores × 1000 / their ms): the ceiling before any waiting.
   */
  cpuCeilingPerSec: number;
}

async function measure(server: Child, requests: Req[], connections: number, title: string): Promise<Figure> {
  const before = await server.usage();
  const genBefore = process.cpuUsage();
  const result = await autocannon({
    url: server.url,
    connections,
    duration: SECONDS,
    requests,
    title,
  });
  const gen = process.cpuUsage(genBefore);
  const after = await server.usage();
  const answered = result['2xx'] + result.non2xx;
  const cpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0)
    console.warn(
      `  ! ${title}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  return {
    reqPerSec: Math.round(result['2xx'] / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerReq: r3(cpuMs / Math.max(1, answered)),
    loadGenCpuMsPerReq: r3((gen.user + gen.system) / 1000 / Math.max(1, answered)),
    rssMb: r1(after.rss / 2 ** 20),
    errors: bad,
    load: load(),
    cpuCeilingPerSec: Math.round(
      (os.cpus().length * 1000 * Math.max(1, answered)) /
        Math.max(1e-9, cpuMs + (gen.user + gen.system) / 1000),
    ),
  };
}

/** A short warm-up so JIT and caches are in the same state for server and baseline. */
async function warm(server: Child, requests: Req[]) {
  await autocannon({ url: server.url, connections: 4, duration: Math.min(2, SECONDS), requests });
}

const show = (f: Figure) =>
  `${String(f.reqPerSec).padStart(6)} req/s  p50 ${String(f.p50Ms).padStart(4)} ms  p99 ${String(f.p99Ms).padStart(4)} ms  ` +
  `${f.cpuMsPerReq.toFixed(3)} ms CPU/req (autocannon ${f.loadGenCpuMsPerReq.toFixed(3)}; CPU ceiling ${f.cpuCeilingPerSec}/s)  RSS ${f.rssMb} MB  load ${f.load.join(' ')}`;

const wanted = (name: string) => !ONLY || ONLY.includes(name);

async function runSize(db: 'sqlite' | 'postgres', rows: number, cluster: PgCluster | null) {
  let url: string;
  let seed: SeedResult;
  let cleanup = () => {};
  if (db === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'reachlog-server-bench-'));
    url = `file:${path.join(dir, 'bench.db')}`;
    await migrate(url);
    seed = seedSqlite(url.slice(5), { users: USERS, rows });
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  } else {
    url = await cluster!.createDatabase(`reachlog_bench_${rows}`);
    await migrate(url);
    seed = await seedPostgres(url, { users: USERS, rows });
  }
  console.log(
    `\n${db} · ${rows.toLocaleString()} rows · ${USERS} users (seeded in ${Math.round(seed.ms)} ms)`,
  );
  const real = await Child.start('real', url);
  const bare = await Child.start('baseline', url);
  // SQLite sends also beside a bare handler with group commit (what 2,000 sends/s allows)
  const bareGroup = db === 'sqlite' ? await Child.start('baseline-group', url) : null;
  const p = procedures(seed.users);
  // every scenario pulls from the users' versions as they are when it starts (refreshVersions)
  const fresh = async (child: Child, requests: Req[], connections: number, title: string) => {
    await refreshVersions(url, seed.users);
    return measure(child, requests, connections, title);
  };
  const out: Record<
    string,
    {
      server: Figure;
      baseline?: Figure;
      ratioCpu?: number;
      ratioReqPerSec?: number;
      groupBaseline?: Figure;
      groupRatioReqPerSec?: number;
    }
  > = {};
  /** Sends: the same again against the bare group-commit handler (SQLite). */
  const besideGroup = async (name: string, send: Req[], connections: number) => {
    if (!bareGroup) return;
    const g = await fresh(bareGroup, send, connections, `${db} ${rows} ${name} group baseline`);
    out[name]!.groupBaseline = g;
    out[name]!.groupRatioReqPerSec = r1(g.reqPerSec / Math.max(1, out[name]!.server.reqPerSec));
    console.log(`  ${''.padEnd(24)} bare+group ${show(g)}   → ${out[name]!.groupRatioReqPerSec}× req/s`);
  };
  try {
    const compared: Procedure[] = [
      'sync.pull',
      'history.forRecipient',
      'history.latest',
      'stats.get',
      'outreach.recordLinkedIn',
    ];
    for (const name of compared) {
      if (!wanted(name)) continue;
      await warm(real, [p[name]]);
      const server = await fresh(real, [p[name]], CONNECTIONS, `${db} ${rows} ${name}`);
      await warm(bare, [p[name]]);
      const baseline = await fresh(bare, [p[name]], CONNECTIONS, `${db} ${rows} ${name} baseline`);
      out[name] = {
        server,
        baseline,
        ratioCpu: r1(server.cpuMsPerReq / baseline.cpuMsPerReq),
        ratioReqPerSec: r1(baseline.reqPerSec / Math.max(1, server.reqPerSec)),
      };
      console.log(`  ${name.padEnd(24)} server   ${show(server)}`);
      console.log(`  ${''.padEnd(24)} baseline ${show(baseline)}   → ${out[name].ratioCpu}× CPU/req`);
      if (name === 'outreach.recordLinkedIn') await besideGroup(name, [p[name]], CONNECTIONS);
    }
    const sendsWide = `outreach.recordLinkedIn@${SEND_CONNECTIONS}`;
    if (wanted(sendsWide)) {
      const send = [p['outreach.recordLinkedIn']];
      const server = await fresh(real, send, SEND_CONNECTIONS, `${db} ${rows} ${sendsWide}`);
      const baseline = await fresh(bare, send, SEND_CONNECTIONS, `${db} ${rows} ${sendsWide} baseline`);
      out[sendsWide] = {
        server,
        baseline,
        ratioCpu: r1(server.cpuMsPerReq / baseline.cpuMsPerReq),
        ratioReqPerSec: r1(baseline.reqPerSec / Math.max(1, server.reqPerSec)),
      };
      console.log(`  ${sendsWide.padEnd(24)} server   ${show(server)}`);
      console.log(`  ${''.padEnd(24)} baseline ${show(baseline)}   → ${out[sendsWide].ratioCpu}× CPU/req`);
      await besideGroup(sendsWide, send, SEND_CONNECTIONS);
    }
    if (wanted('sync.push')) {
      const server = await fresh(real, [p['sync.push']], CONNECTIONS, `${db} ${rows} sync.push`);
      out['sync.push'] = { server };
      console.log(`  ${'sync.push'.padEnd(24)} server   ${show(server)}`);
    }
    if (wanted('mix')) {
      const mix = MIX.flatMap(([name, weight]) => Array.from({ length: weight }, () => p[name]));
      // spread out (7919 is prime: a permutation), so every connection cycles through the mix
      const shuffled = mix
        .map((r, i) => ({ r, k: (i * 7919) % mix.length }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.r);
      for (const c of MIX_CONNECTIONS) {
        const server = await fresh(real, shuffled, c, `${db} ${rows} mix@${c}`);
        out[`mix@${c}`] = { server };
        console.log(`  ${`mix @${c} connections`.padEnd(24)} server   ${show(server)}`);
      }
    }
  } finally {
    await real.stop();
    await bare.stop();
    await bareGroup?.stop();
    cleanup();
  }
  return out;
}

const results: Record<string, Record<string, Awaited<ReturnType<typeof runSize>>>> = {};
const cluster = DBS.includes('postgres') ? await startPgCluster() : null;
try {
  console.log(
    `bench:server ${QUICK ? '(quick) ' : ''}${SECONDS} s per scenario, ${CONNECTIONS} connections (mix: ${MIX_CONNECTIONS.join(', ')}); ` +
      `${os.cpus().length} cores, load ${load().join(' ')}`,
  );
  for (const db of DBS) {
    results[db] = {};
    for (const rows of SIZES) results[db][rows] = await runSize(db, rows, cluster);
  }
} finally {
  cluster?.stop();
}

console.log(
  `BENCH server ${JSON.stringify({ quick: QUICK, seconds: SECONDS, connections: CONNECTIONS, users: USERS, cores: os.cpus().length, load: load(), results })}`,
);
