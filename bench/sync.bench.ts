// npm run bench:sync — the sync protocol as clients see it:
//  1. incremental pull of 1 change for a user with 10k, 100k and 1M rows: the server's time for
//     sync.pull (in-process) and the HTTP round trip, next to the same queries as bare prepared
//     statements (baseline) and the history query without its (user_id, version) index (what the
//     index saves), with SQLite's query plan;
//  2. first sync of 10,000 drafts and 100,000 history rows into an empty Chromium profile (the
//     built extension signing in): when history is usable (first rows in IndexedDB), when all
//     drafts are there, when the whole history is;
//  3. change-to-other-browser latency over 100 changes: typed in browser A's side panel →
//     shown in browser B's open draft (two Chromium profiles, one server process), measured from
//     A's stored change and from the keystroke.
// BENCH_SYNC_SIZES (default 10000,100000,1000000), BENCH_SYNC_DRAFTS, BENCH_SYNC_HISTORY,
// BENCH_SYNC_CHANGES, BENCH_SYNC_PULLS resize it. Ends with one line: BENCH sync {json}.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { pino } from 'pino';
import { createDatabase, createServices, migrate, startServer, tuneSqlite } from '../server/app';
import { makeClient } from '../test/support/server';
import { startServerProcess } from '../test/support/server-process';
import { launchExtension, repoRoot, serveLinkedInFixtures, type ExtensionBrowser } from '../test/e2e/harness';
import { DashboardPage } from '../test/e2e/pages/dashboard-page';
import { SidePanelPage } from '../test/e2e/pages/sidepanel-page';
import { seedUserData } from './support/sync-seed';

const SIZES = (process.env.BENCH_SYNC_SIZES ?? '10000,100000,1000000').split(',').filter(Boolean).map(Number);
const FIRST_DRAFTS = Number(process.env.BENCH_SYNC_DRAFTS ?? 10_000);
const FIRST_HISTORY = Number(process.env.BENCH_SYNC_HISTORY ?? 100_000);
const CHANGES = Number(process.env.BENCH_SYNC_CHANGES ?? 100);
const PULLS = Number(process.env.BENCH_SYNC_PULLS ?? 200);
const TARGETS = { incrementalPullMs: 10, firstSyncDraftsMs: 3000, changeP95Ms: 1000 };
const SECRET = randomBytes(32).toString('hex');
const PASSWORD = 'correct horse battery';
const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
const RECRUITER = 'Marisol Quintero';

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const r2 = (n: number) => Math.round(n * 100) / 100;
const stats = (values: number[]) => ({
  p50: r2(pct(values, 50)),
  p95: r2(pct(values, 95)),
  p99: r2(pct(values, 99)),
});
const load = () => os.loadavg().map((n) => Math.round(n * 10) / 10);

function tempDb(): { dir: string; url: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reachlog-sync-bench-'));
  const file = path.join(dir, 'bench.db');
  return { dir, url: `file:${file}`, file };
}

/** A migrated database with one signed-up user; returns the user's id. */
async function newAccount(url: string, email: string): Promise<string> {
  await migrate(url);
  const db = createDatabase(url);
  await tuneSqlite(db);
  const services = createServices({ db, secret: SECRET, log: pino({ level: 'silent' }) });
  const { user } = await services.auth.signUp({ email, password: PASSWORD });
  services.close();
  await db.close();
  return user.id;
}

// ---------------------------------------------------------------- 1. incremental pull

async function incrementalPull(rows: number) {
  const { dir, url, file } = tempDb();
  const email = `pull-${rows}@example.com`;
  const userId = await newAccount(url, email);
  const seeded = seedUserData(file, userId, { drafts: 1_000, history: rows });
  console.log(`  seeded ${rows.toLocaleString()} history rows + 1,000 drafts in ${Math.round(seeded.ms)} ms`);

  // server time: the service the procedure calls, in-process
  const db = createDatabase(url);
  await tuneSqlite(db);
  const services = createServices({ db, secret: SECRET, log: pino({ level: 'silent' }) });
  const clientId = `bench-client-${rows}`;
  let cookie = String(seeded.lastVersion);
  let mutationId = 0;
  const serverMs: number[] = [];
  for (let i = 0; i < PULLS; i++) {
    await services.sync.push(userId, {
      clientId,
      mutations: [
        {
          id: ++mutationId,
          name: 'draft.put',
          args: { id: 'bench-draft-0000000', baseVersion: 0, fields: { emailBody: `edit ${i}` } },
        },
      ],
    });
    const t = performance.now();
    const page = await services.sync.pull(userId, { clientId, cookie, limit: 500 });
    serverMs.push(performance.now() - t);
    if (page.drafts.length !== 1 || page.history.length !== 0 || page.more)
      throw new Error('expected exactly 1 change');
    cookie = page.cookie;
  }
  services.close();
  await db.close();

  // baseline: the pull's queries as bare prepared statements; and the history query without its index
  const raw = new Sqlite(file, { readonly: true });
  const q = {
    counter: raw.prepare('SELECT version, compacted_through FROM user_versions WHERE user_id = ?'),
    client: raw.prepare('SELECT user_id, last_mutation_id FROM sync_clients WHERE id = ?'),
    drafts: raw.prepare(
      'SELECT * FROM drafts WHERE user_id = ? AND version > ? AND version <= ? ORDER BY version LIMIT 501',
    ),
    items: raw.prepare(
      'SELECT * FROM sync_items WHERE user_id = ? AND version > ? AND version <= ? ORDER BY version LIMIT 501',
    ),
    history: raw.prepare(
      "SELECT * FROM outreach_history WHERE user_id = ? AND version > ? AND version <= ? AND status IN ('sent', 'failed') ORDER BY version LIMIT 501",
    ),
    historyNoIndex: raw.prepare(
      "SELECT * FROM outreach_history NOT INDEXED WHERE user_id = ? AND version > ? AND version <= ? AND status IN ('sent', 'failed') ORDER BY version LIMIT 501",
    ),
  };
  const current = (q.counter.get(userId) as { version: number }).version;
  const since = current - 1;
  const baselineMs: number[] = [];
  for (let i = 0; i < PULLS; i++) {
    const t = performance.now();
    q.counter.get(userId);
    q.client.get(clientId);
    q.drafts.all(userId, since, current);
    q.items.all(userId, since, current);
    q.history.all(userId, since, current);
    baselineMs.push(performance.now() - t);
  }
  const noIndexMs: number[] = [];
  for (let i = 0; i < Math.min(20, PULLS); i++) {
    const t = performance.now();
    q.historyNoIndex.all(userId, since, current);
    noIndexMs.push(performance.now() - t);
  }
  const plan = (
    raw.prepare(`EXPLAIN QUERY PLAN ${q.history.source}`).all(userId, since, current) as { detail: string }[]
  )
    .map((p) => p.detail)
    .join('; ');
  raw.close();

  // over HTTP: the real server, a keep-alive client, push then pull
  const server = await startServer({
    databaseUrl: url,
    port: 0,
    secret: SECRET,
    logger: pino({ level: 'silent' }),
  });
  const anon = makeClient(`${server.url}/trpc`, undefined, { batch: false });
  const { token } = await anon.auth.signIn.mutate({ email, password: PASSWORD });
  const client = makeClient(`${server.url}/trpc`, token, { batch: false });
  const httpMs: number[] = [];
  for (let i = 0; i < Math.min(PULLS, 100); i++) {
    await client.sync.push.mutate({
      clientId,
      mutations: [
        {
          id: ++mutationId,
          name: 'draft.put',
          args: { id: 'bench-draft-0000001', baseVersion: 0, fields: { emailBody: `http ${i}` } },
        },
      ],
    });
    const t = performance.now();
    const page = await client.sync.pull.query({ clientId, cookie, limit: 500 });
    httpMs.push(performance.now() - t);
    if (page.drafts.length !== 1) throw new Error('expected exactly 1 change over HTTP');
    cookie = page.cookie;
  }
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    rows,
    server: stats(serverMs),
    http: stats(httpMs),
    baselineRawSql: stats(baselineMs),
    historyWithoutIndex: stats(noIndexMs),
    plan,
  };
}

// ---------------------------------------------------------------- browsers

async function countStore(browser: ExtensionBrowser, store: string): Promise<number> {
  return browser.serviceWorker.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('reachlog');
        open.onsuccess = () => {
          const db = open.result;
          try {
            const req = db.transaction(name).objectStore(name).count();
            req.onsuccess = () => {
              resolve(req.result);
              db.close();
            };
            req.onerror = () => resolve(-1);
          } catch {
            db.close();
            resolve(-1);
          }
        };
        open.onerror = () => resolve(-1);
      }),
    store,
  );
}

/**
 * The floor under a first sync's drafts: the same number of draft-shaped rows written with bare
 * IndexedDB puts, 1,000 per transaction, into a scratch database with the drafts store's
 * indexes, in the same service worker (no network, no Dexie, no sync engine).
 */
async function bareDraftWrites(browser: ExtensionBrowser, n: number): Promise<number> {
  return browser.serviceWorker.evaluate(async (count) => {
    const name = 'bench-bare-drafts';
    await new Promise((r) => {
      const d = indexedDB.deleteDatabase(name);
      d.onsuccess = d.onerror = r;
    });
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => {
        const st = r.result.createObjectStore('drafts', { keyPath: 'id' });
        st.createIndex('[status+deleted]', ['status', 'deleted']);
        st.createIndex('recipientLinkedinUrl', 'recipientLinkedinUrl');
        st.createIndex('recipientEmail', 'recipientEmail');
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const t0 = performance.now();
    for (let p = 0; p < count; p += 1000) {
      await new Promise<void>((resolve, reject) => {
        const tx = idb.transaction('drafts', 'readwrite');
        const st = tx.objectStore('drafts');
        for (let i = p; i < Math.min(count, p + 1000); i++)
          st.put({
            id: `bench-draft-${String(i).padStart(7, '0')}`,
            recipientName: `Recruiter ${i}`,
            recipientEmail: `recruiter${i}@example.com`,
            recipientLinkedinUrl: `https://www.linkedin.com/in/recruiter-${i}/`,
            jobTitle: 'Staff Engineer',
            companyName: 'Acme',
            jobUrl: null,
            emailSubject: `About the role ${i}`,
            emailBody: `Hi Recruiter ${i},\n\nI would love to talk about the Staff Engineer role at Acme.\n\nBest,\nSam`,
            linkedinMessage: `Hi Recruiter ${i}, would love to connect about the Staff Engineer role.`,
            status: 'draft',
            createdAt: Date.now(),
            updatedAt: Date.now(),
            version: i + 1,
            deleted: 0,
            conflicts: [],
            syncError: null,
          });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    const ms = performance.now() - t0;
    idb.close();
    indexedDB.deleteDatabase(name);
    return Math.round(ms);
  }, n);
}

async function firstSync() {
  const { dir, url, file } = tempDb();
  const email = `first-${Date.now()}@example.com`;
  const userId = await newAccount(url, email);
  const seeded = seedUserData(file, userId, { drafts: FIRST_DRAFTS, history: FIRST_HISTORY });
  console.log(
    `  seeded ${FIRST_DRAFTS.toLocaleString()} drafts + ${FIRST_HISTORY.toLocaleString()} history rows in ${Math.round(seeded.ms)} ms`,
  );
  const server = await startServerProcess({ DATABASE_URL: url, REACHLOG_SECRET: SECRET });
  const browser = await launchExtension();
  try {
    const dash = new DashboardPage(await browser.openExtensionPage('/dashboard.html'));
    const t0 = Date.now();
    await dash.signIn({ serverUrl: server.url, email, password: PASSWORD });
    // the sign-in itself (form, password hashing) is not sync: times below also from here
    const signedIn = Date.now() - t0;
    await dash.go('overview'); // what a user sees next: Latest attempts
    const marks: {
      signedIn: number;
      historyUsable?: number;
      latestAttemptsShown?: number;
      drafts?: number;
      history?: number;
    } = {
      signedIn,
    };
    while (marks.history === undefined && Date.now() - t0 < 600_000) {
      const [drafts, history] = [await countStore(browser, 'drafts'), await countStore(browser, 'history')];
      const at = Date.now() - t0;
      if (marks.historyUsable === undefined && history >= 20) marks.historyUsable = at;
      // what the user sees: the open dashboard's Latest attempts filled
      if (
        marks.latestAttemptsShown === undefined &&
        (await dash.page.getByTestId('attempt-row').count()) >= 20
      )
        marks.latestAttemptsShown = Date.now() - t0;
      if (marks.drafts === undefined && drafts >= FIRST_DRAFTS) marks.drafts = at;
      if (marks.history === undefined && history >= FIRST_HISTORY) marks.history = at;
      await new Promise((r) => setTimeout(r, 50));
    }
    const baseline = await bareDraftWrites(browser, FIRST_DRAFTS);
    return {
      drafts: FIRST_DRAFTS,
      history: FIRST_HISTORY,
      ms: marks,
      afterSignIn: {
        historyUsable: marks.historyUsable === undefined ? null : marks.historyUsable - signedIn,
        latestAttemptsShown:
          marks.latestAttemptsShown === undefined ? null : marks.latestAttemptsShown - signedIn,
        drafts: marks.drafts === undefined ? null : marks.drafts - signedIn,
        history: marks.history === undefined ? null : marks.history - signedIn,
      },
      baselineBareDraftWritesMs: baseline,
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function changeLatency() {
  const { dir, url } = tempDb();
  const email = `live-${Date.now()}@example.com`;
  await newAccount(url, email);
  const server = await startServerProcess({ DATABASE_URL: url, REACHLOG_SECRET: SECRET });
  const a = await launchExtension();
  const b = await launchExtension();
  try {
    await serveLinkedInFixtures(a.context, { [JOB_URL]: 'job_view_hiring_team' });
    await new DashboardPage(await a.openExtensionPage('/dashboard.html')).signIn({
      serverUrl: server.url,
      email,
      password: PASSWORD,
    });
    const dashB = new DashboardPage(await b.openExtensionPage('/dashboard.html'));
    await dashB.signIn({ serverUrl: server.url, email, password: PASSWORD });
    const job = await a.context.newPage();
    await job.goto(JOB_URL);
    const panelPage = await a.openExtensionPage('/sidepanel.html');
    const panel = new SidePanelPage(panelPage);
    await panel.waitForPerson(RECRUITER);
    await panel.subject().fill('change -1');
    await dashB.go('drafts');
    await dashB.draftRows().filter({ hasText: RECRUITER }).first().waitFor({ timeout: 30_000 });
    const form = await dashB.openDraft(RECRUITER);
    await form.getByTestId('form-subject').waitFor();
    const pageB = dashB.page;
    const fromStored: number[] = [];
    const fromKeystroke: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const value = `change ${i}`;
      const shown = pageB.waitForFunction(
        (v) =>
          (document.querySelector('[data-testid="form-subject"]') as HTMLInputElement | null)?.value === v,
        value,
        { polling: 5, timeout: 30_000 },
      );
      const typed = Date.now();
      await panel.subject().fill(value);
      await panelPage.waitForFunction(
        () => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved',
        undefined,
        { polling: 5 },
      );
      const stored = Date.now();
      await shown;
      const at = Date.now();
      fromStored.push(at - stored);
      fromKeystroke.push(at - typed);
    }
    return {
      changes: CHANGES,
      storedInAToShownInB: stats(fromStored),
      typedInAToShownInB: stats(fromKeystroke),
    };
  } finally {
    await a.close();
    await b.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- run

async function main() {
  const loadStart = load();
  console.log(`sync benchmark — load average ${loadStart.join(' ')}`);
  console.log('building the extension (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: 'ignore' });

  console.log('\n1. incremental pull of 1 change (ms)');
  const pulls = [];
  for (const rows of SIZES) pulls.push(await incrementalPull(rows));
  console.log(
    '| user rows | server p50 | p95 | p99 | HTTP p50 | p95 | raw SQL p50 | history without index p50 |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const p of pulls)
    console.log(
      `| ${p.rows.toLocaleString()} | ${p.server.p50} | ${p.server.p95} | ${p.server.p99} | ${p.http.p50} | ${p.http.p95} | ${p.baselineRawSql.p50} | ${p.historyWithoutIndex.p50} |`,
    );
  if (pulls[0]) console.log(`query plan (history): ${pulls[0].plan}`);

  console.log(
    `\n2. first sync of ${FIRST_DRAFTS.toLocaleString()} drafts + ${FIRST_HISTORY.toLocaleString()} history rows into an empty profile`,
  );
  const first = await firstSync();
  console.log(
    `   from the sign-in click: history usable (first rows): ${first.ms.historyUsable} ms; all drafts: ${first.ms.drafts} ms; all history: ${first.ms.history} ms`,
  );
  console.log(
    `   from signed in (${first.ms.signedIn} ms): history usable ${first.afterSignIn.historyUsable} ms (Latest attempts shown ${first.afterSignIn.latestAttemptsShown} ms); all drafts ${first.afterSignIn.drafts} ms; all history ${first.afterSignIn.history} ms`,
  );
  console.log(
    `   baseline: the same ${FIRST_DRAFTS.toLocaleString()} drafts as bare IndexedDB puts in the same worker: ${first.baselineBareDraftWritesMs} ms`,
  );

  console.log(`\n3. change → other browser over ${CHANGES} changes`);
  const live =
    CHANGES > 0
      ? await changeLatency()
      : { changes: 0, storedInAToShownInB: stats([]), typedInAToShownInB: stats([]) };
  console.log(
    `   stored in A → shown in B: p50 ${live.storedInAToShownInB.p50} ms, p95 ${live.storedInAToShownInB.p95} ms`,
  );
  console.log(
    `   typed in A → shown in B (incl. the 400 ms typing pause): p50 ${live.typedInAToShownInB.p50} ms, p95 ${live.typedInAToShownInB.p95} ms`,
  );

  const at100k = pulls.find((p) => p.rows === 100_000) ?? pulls[0] ?? { server: { p50: NaN } };
  const result = {
    load: { start: loadStart, end: load() },
    incrementalPull: pulls,
    firstSync: first,
    change: live,
    targets: {
      incrementalPullMs: {
        target: TARGETS.incrementalPullMs,
        p50At100k: at100k.server.p50,
        met: at100k.server.p50 <= TARGETS.incrementalPullMs,
      },
      firstSyncDraftsMs: {
        target: TARGETS.firstSyncDraftsMs,
        value: first.afterSignIn.drafts,
        met: (first.afterSignIn.drafts ?? Infinity) <= TARGETS.firstSyncDraftsMs,
        bareIndexedDbFloor: first.baselineBareDraftWritesMs,
      },
      changeP95Ms: {
        target: TARGETS.changeP95Ms,
        value: live.storedInAToShownInB.p95,
        met: live.storedInAToShownInB.p95 <= TARGETS.changeP95Ms,
      },
    },
  };
  console.log(`BENCH sync ${JSON.stringify(result)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
