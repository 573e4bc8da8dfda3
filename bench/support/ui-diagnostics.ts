// BENCH_UI_DIAG=<rows> (bench/ui.bench.ts): where the dashboard's first render spends its time,
// for one load each at that history size — the navigation timing and each script's resource
// timing, a Chromium trace (the page's main-thread tasks from the navigation to the rows) and a
// CPU profile (self time by chunk and by function). Printed, not part of the BENCH line: a
// trace or a profile slows the load it watches.
import type { CDPSession, Page } from 'playwright-core';

type NavigateAndWait = () => Promise<{ ready: number; scriptsDone: number }>;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}

const ms = (us: number) => Math.round(us / 100) / 10;

/** Navigation timing and resource timing of the page just loaded (relative to its navigation start). */
async function timings(page: Page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const r = (n: number) => Math.round(n * 10) / 10;
    const fields = [
      'unloadEventStart',
      'unloadEventEnd',
      'redirectEnd',
      'fetchStart',
      'requestStart',
      'responseStart',
      'responseEnd',
      'domInteractive',
      'domContentLoadedEventStart',
      'domContentLoadedEventEnd',
      'domComplete',
      'loadEventEnd',
    ] as const;
    const navigation = Object.fromEntries(fields.map((f) => [f, r(nav[f])]));
    const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.startTime < 2_000)
      .map((e) => ({
        name: e.name.replace(/^.*\/\/[^/]+/, ''),
        type: e.initiatorType,
        start: r(e.startTime),
        responseEnd: r(e.responseEnd),
        bytes: e.decodedBodySize,
      }));
    const paints = performance.getEntriesByType('paint').map((p) => ({ name: p.name, at: r(p.startTime) }));
    return { navigation, resources, paints };
  });
}

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  let out = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle, size: 1 << 20 });
    out += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return out;
}

/** One load traced: the page's main-thread tasks between its navigation start and the rows. */
async function trace(page: Page, load: NavigateAndWait) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'v8',
        'v8.execute',
        'blink',
        'blink.user_timing',
        'loading',
        'navigation',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-v8.gc',
        'IndexedDB',
        'leveldb',
        'ServiceWorker',
        'toplevel',
      ],
    },
  });
  const done = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)),
  );
  // the bench's ready probe marks 'reachlog-ready' (performance.mark) when the rows are in the DOM
  const { ready: readyAt } = await load();
  await cdp.send('Tracing.end');
  const text = await readStream(cdp, await done);
  await cdp.detach();
  const events = (JSON.parse(text) as { traceEvents: TraceEvent[] }).traceEvents;

  const threadName = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const marks = events.filter((e) => e.cat.includes('blink.user_timing'));
  const ready = marks.find((e) => e.name === 'reachlog-ready');
  if (!ready) return { error: 'no reachlog-ready mark in the trace' };
  // the page's main thread is the one that marked ready; navigation start is `readyAt` before it
  const main = (e: TraceEvent) => e.pid === ready.pid && e.tid === ready.tid;
  const t0 = ready.ts - readyAt * 1000;
  const at = (ts: number) => ms(ts - t0);
  const milestones = marks
    .filter((e) => e.pid === ready.pid && e.ts >= t0 && e.ts <= ready.ts + 1)
    .map((e) => `${e.name}@${at(e.ts)}`);

  // complete events on the page's main thread from 300 ms before navigation start to ready
  const from = t0 - 300_000;
  const complete = events
    .filter((e) => e.ph === 'X' && main(e) && e.ts + (e.dur ?? 0) >= from && e.ts <= ready.ts)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // top-level tasks as trees: each event over 2 ms with its children, 6 levels deep
  const tasks: string[] = [];
  const label = (e: TraceEvent) => {
    const url = (e.args?.data?.url as string | undefined)?.replace(/^.*\//, '');
    const fn = e.args?.data?.functionName as string | undefined;
    return e.name + (url ? ` ${url}` : '') + (fn ? ` ${fn}` : '');
  };
  const tree = (e: TraceEvent, depth: number, within: TraceEvent[]) => {
    const end = e.ts + (e.dur ?? 0);
    const inside = within.filter((c) => c !== e && c.ts >= e.ts && c.ts + (c.dur ?? 0) <= end);
    tasks.push(`${'  '.repeat(depth)}@${at(e.ts)} ${ms(e.dur ?? 0)} ${label(e)}`);
    if (depth >= 7) return;
    // direct children: not inside another event that is inside e
    let last = -1;
    for (const c of inside) {
      if (c.ts < last) continue;
      last = c.ts + (c.dur ?? 0);
      if ((c.dur ?? 0) >= 2_000) tree(c, depth + 1, inside);
    }
  };
  for (const task of complete.filter(
    (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask',
  ))
    if ((task.dur ?? 0) >= 4_000) tree(task, 0, complete);
  // totals by event name over the window on the main thread (inclusive; names overlap)
  const totals = new Map<string, number>();
  for (const e of complete) {
    if (e.ts < t0) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  const wanted = [
    'RunTask',
    'ParseHTML',
    'EvaluateScript',
    'v8.compile',
    'v8.compileModule',
    'v8.evaluateModule',
    'v8.produceModuleCache',
    'FunctionCall',
    'TimerFire',
    'EventDispatch',
    'FireAnimationFrame',
    'UpdateLayoutTree',
    'Layout',
    'PrePaint',
    'Paint',
    'Layerize',
    'MajorGC',
    'MinorGC',
    'V8.GC_MC_COMPLETE_SWEEPING',
    'BlinkGC.AtomicPhase',
    'V8.GCFinalizeMC',
    'V8.GCScavenger',
  ];
  const byName = Object.fromEntries(wanted.filter((n) => totals.has(n)).map((n) => [n, ms(totals.get(n)!)]));
  // busy vs idle on the main thread between navigation start and ready
  const top = complete.filter((e) => e.name === 'RunTask' && e.ts >= t0);
  const busy = top.reduce((s, e) => s + Math.min(e.dur ?? 0, ready.ts - e.ts), 0);
  // the browser process's navigation (before the renderer commits it)
  const browserNav = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.ts >= from &&
        e.ts <= ready.ts &&
        (e.dur ?? 0) > 1_000 &&
        /Navigation|Unload|CommitNavigation|BeforeUnload|DidCommit|Detach|Swap/i.test(e.name),
    )
    .map((e) => `${e.name} [${threadName.get(`${e.pid}:${e.tid}`) ?? e.tid}] @${at(e.ts)} ${ms(e.dur ?? 0)}`);
  // every thread's busy time in the window (CPU the page competes with: the browser process's
  // IndexedDB backend, the extension's service worker) and the IndexedDB operations in it
  const busyByThread = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.ts < from || e.ts > ready.ts) continue;
    // the outermost task events only (RunTask holds ThreadControllerImpl::RunTask on some threads)
    if (!/^(ThreadControllerImpl::RunTask|ThreadPool_RunTask)$/.test(e.name)) continue;
    const key = `${threadName.get(`${e.pid}:${e.tid}`) ?? e.tid} (pid ${e.pid})`;
    busyByThread.set(key, (busyByThread.get(key) ?? 0) + (e.dur ?? 0));
  }
  const threads = [...busyByThread]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([k, v]) => `${ms(v)} ${k}`);
  const idb = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.ts >= from &&
        e.ts <= ready.ts &&
        (e.dur ?? 0) >= 1_000 &&
        /IndexedDB|leveldb/i.test(e.cat + ' ' + e.name),
    )
    .sort((a, b) => a.ts - b.ts)
    .map((e) => `@${at(e.ts)} ${ms(e.dur ?? 0)} ${e.name} [${threadName.get(`${e.pid}:${e.tid}`) ?? e.tid}]`);
  return {
    readyMs: at(ready.ts),
    threads,
    indexedDb: idb.slice(0, 60),
    mainThreadBusyMs: ms(busy),
    milestones,
    byName,
    tasks,
    browserNav: browserNav.slice(0, 40),
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** One load under the CPU profiler: self time by script and by function, navigation → rows. */
async function profile(page: Page, load: NavigateAndWait) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await load();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  await cdp.detach();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byUrl = new Map<string, number>();
  const byFn = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const f = nodes.get(id)!.callFrame;
    const url = f.url.replace(/^.*\//, '') || f.functionName;
    byUrl.set(url, (byUrl.get(url) ?? 0) + dt);
    const fn = `${f.functionName || '(anonymous)'} ${url}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${ms(v)} ${k}`);
  return { selfByScript: top(byUrl, 15), selfByFunction: top(byFn, 25) };
}

/**
 * What the Overview's follow-ups count costs in IndexedDB at this size (raw IndexedDB in the page,
 * three rounds): the count over every open send older than the follow-up delay (the old way, and
 * what still runs in a build before the per-day counters) against the per-day counters' range read.
 */
async function followUpCountCost(page: Page) {
  return page.evaluate(async () => {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('reachlog');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const time = (run: (tx: IDBTransaction) => IDBRequest) =>
      new Promise<{ ms: number; result: unknown }>((resolve, reject) => {
        const t0 = performance.now();
        const tx = idb.transaction(['historyOpen', 'historyCounts'], 'readonly');
        const req = run(tx);
        req.onsuccess = () => resolve({ ms: Math.round(performance.now() - t0), result: req.result });
        req.onerror = () => reject(req.error);
      });
    const cutoff = Date.now() - 7 * 86_400_000;
    const rounds = [];
    for (let i = 0; i < 3; i++) {
      const count = await time((tx) =>
        tx.objectStore('historyOpen').index('sentAt').count(IDBKeyRange.upperBound(cutoff)),
      );
      const days = await time((tx) =>
        tx.objectStore('historyCounts').getAll(IDBKeyRange.bound('open:', 'open;')),
      );
      rounds.push({
        openSendsCountedMs: count.ms,
        openSends: count.result,
        dayCountersMs: days.ms,
        dayCounters: (days.result as unknown[]).length,
      });
    }
    idb.close();
    return rounds;
  });
}

export async function diagnoseFirstRender(page: Page, rows: number, load: NavigateAndWait): Promise<void> {
  const plain = await load();
  console.log(`diag ${rows} rows: ready`, plain, JSON.stringify(await timings(page), null, 1));
  console.log(`diag ${rows} rows: trace`, JSON.stringify(await trace(page, load), null, 1));
  console.log(`diag ${rows} rows: cpu profile`, JSON.stringify(await profile(page, load), null, 1));
  console.log(
    `diag ${rows} rows: follow-ups count in IndexedDB`,
    JSON.stringify(await followUpCountCost(page)),
  );
}
