// npm run bench:ui — the extension's views in headless Chromium with the built extension:
//  1. dashboard first render (navigation start → the 20 "Latest attempts" rows in the DOM) with
//     10k history rows in IndexedDB, against the same page with an empty history (baseline, same run);
//  2. history search over 100k rows: the pure filter in Node, and in the page from the keystroke
//     to the updated list, against a channel-only filter (baseline);
//  3. side panel update after a capture: a LinkedIn fixture page loads in a tab, the content
//     script reports it, the background stores it; timed from the capture row's updatedAt to the
//     person showing in the open side panel;
//  4. bundle sizes of the chrome-mv3 build (raw and gzip).
// Ends with one line: BENCH ui {json}.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { HistoryRowLocal } from '../extension/db/types';
import { EMPTY_FILTER, filterHistory } from '../extension/ui/lib/history-filter';
import { chromeBuildDir, launchExtension, repoRoot, serveLinkedInFixtures } from '../test/e2e/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGETS = { dashboardFirstRenderMs: 150, filter100kMs: 50, sidepanelUpdateMs: 100 };
const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
const THREAD_PATH = '/messaging/thread/2-ZjRkNmMxYjAtN2E1OS00YzQ2LWE5ZDMtM2I4ZTFhNzI2YzU1XzEwMA==/';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
const round = (n: number) => Math.round(n * 10) / 10;

const COMPANIES = [
  'Brightline Freight',
  'Vesper Robotics',
  'Northwind',
  'Globex',
  'Initech',
  'Hooli',
  'Umbrella',
];
const TITLES = [
  'Staff Backend Engineer',
  'Senior SWE',
  'iOS Engineer',
  'Data Engineer',
  'Engineering Manager',
];
const NAMES = [
  'Marisol Quintero',
  'Ingrid Solberg',
  'John Doe',
  'Sarah Smith',
  'Mike Johnson',
  'Raj Venkataraman',
];
const CHANNELS = ['email', 'linkedin', 'both'] as const;

function makeRows(n: number, now = Date.now()): HistoryRowLocal[] {
  const rows: HistoryRowLocal[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${NAMES[i % NAMES.length]} ${i}`;
    const channel = CHANNELS[i % 3]!;
    const t = now - i * 60_000;
    rows.push({
      id: i + 1,
      recipientName: name,
      recipientEmail: channel === 'linkedin' ? null : `person${i}@example.com`,
      recipientLinkedinUrl: channel === 'email' ? null : `https://www.linkedin.com/in/person-${i}/`,
      jobTitle: TITLES[i % TITLES.length]!,
      companyName: COMPANIES[i % COMPANIES.length]!,
      jobUrl: null,
      channel,
      emailSubject: channel === 'linkedin' ? null : `About the ${TITLES[i % TITLES.length]} role`,
      emailBody: channel === 'linkedin' ? null : 'Hi,\n\nI would love to talk about the role.\n\nThanks',
      linkedinMessage: channel === 'email' ? null : 'Hi! I saw the role and would love to connect.',
      status: i % 50 === 0 ? 'failed' : 'sent',
      error: i % 50 === 0 ? 'Mailbox unavailable' : null,
      sentAt: t,
      createdAt: t,
      draftId: null,
      repliedAt: null,
      followUpOf: null,
    });
  }
  return rows;
}

/** Replaces the history store's content in the extension's IndexedDB (the page is an extension page). */
async function seedHistory(page: Page, n: number): Promise<void> {
  await page.evaluate(async (count) => {
    const open = () =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('reachlog');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const idb = await open();
    const names = [
      'Marisol Quintero',
      'Ingrid Solberg',
      'John Doe',
      'Sarah Smith',
      'Mike Johnson',
      'Raj Venkataraman',
    ];
    const companies = [
      'Brightline Freight',
      'Vesper Robotics',
      'Northwind',
      'Globex',
      'Initech',
      'Hooli',
      'Umbrella',
    ];
    const titles = [
      'Staff Backend Engineer',
      'Senior SWE',
      'iOS Engineer',
      'Data Engineer',
      'Engineering Manager',
    ];
    const channels = ['email', 'linkedin', 'both'];
    const now = Date.now();
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction('history', 'readwrite');
      const store = tx.objectStore('history');
      store.clear();
      for (let i = 0; i < count; i++) {
        const channel = channels[i % 3]!;
        const t = now - i * 60_000;
        store.put({
          id: i + 1,
          recipientName: `${names[i % names.length]} ${i}`,
          recipientEmail: channel === 'linkedin' ? null : `person${i}@example.com`,
          recipientLinkedinUrl: channel === 'email' ? null : `https://www.linkedin.com/in/person-${i}/`,
          jobTitle: titles[i % titles.length],
          companyName: companies[i % companies.length],
          jobUrl: null,
          channel,
          emailSubject: channel === 'linkedin' ? null : `About the ${titles[i % titles.length]} role`,
          emailBody: channel === 'linkedin' ? null : 'Hi,\n\nI would love to talk about the role.\n\nThanks',
          linkedinMessage: channel === 'email' ? null : 'Hi! I saw the role and would love to connect.',
          status: i % 50 === 0 ? 'failed' : 'sent',
          error: i % 50 === 0 ? 'Mailbox unavailable' : null,
          sentAt: t,
          createdAt: t,
          draftId: null,
        });
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    idb.close();
  }, n);
}

/**
 * Milliseconds from navigation start until `rows` attempt rows (or the empty state) are in the
 * DOM, and the part of it after the page's scripts ran (DOMContentLoaded: Dexie + React work).
 */
async function dashboardFirstRender(
  page: Page,
  url: string,
  rows: number,
): Promise<{ ready: number; scriptsDone: number }> {
  await page.goto(url);
  // READY_PROBE (an init script) notes the moment the rows are in the DOM, from a
  // MutationObserver: polling with requestAnimationFrame is throttled in background tabs.
  const handle = await page.waitForFunction(
    (expected) => {
      const w = window as unknown as { __ready?: Record<number, number> };
      const ready = w.__ready?.[expected];
      if (ready === undefined) return false;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { ready, scriptsDone: nav?.domContentLoadedEventEnd ?? 0 };
    },
    rows,
    { polling: 50, timeout: 30_000 },
  );
  return (await handle.jsonValue()) as { ready: number; scriptsDone: number };
}

const READY_PROBE = `(() => {
  if (!location.pathname.endsWith('/dashboard.html')) return;
  const ready = (window.__ready = {});
  const check = () => {
    const n = document.querySelectorAll('[data-testid="attempt-row"]').length;
    if (n >= 20 && ready[20] === undefined) ready[20] = performance.now();
    if (ready[0] === undefined && document.body && document.body.textContent.includes('Nothing sent yet')) ready[0] = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

/** Keystroke → list updated, in the History view (the count line changes). */
async function historySearch(page: Page, apply: string): Promise<number> {
  return page.evaluate(async (what) => {
    const count = document.querySelector('[data-testid="history-count"]')!;
    const before = count.textContent;
    const t0 = performance.now();
    if (what.startsWith('channel:')) {
      const select = document.querySelector<HTMLSelectElement>('[data-testid="history-channel"]')!;
      const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
      set.call(select, what.slice(8));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      const input = document.querySelector<HTMLInputElement>('[data-testid="history-search"]')!;
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      set.call(input, what);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      if (count.textContent !== before) return performance.now() - t0;
      if (performance.now() - t0 > 10_000) throw new Error('the history list did not update');
    }
  }, apply);
}

async function resetHistoryFilter(page: Page): Promise<void> {
  const clear = page.getByRole('button', { name: 'Clear' });
  if (await clear.isVisible()) await clear.click();
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="history-count"]')?.textContent?.includes(' of '),
  );
}

function bundleSizes(): Record<string, { raw: number; gzip: number }> {
  const out: Record<string, { raw: number; gzip: number }> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(js|css|html)$/.test(name)) {
        const buf = readFileSync(file);
        out[path.relative(chromeBuildDir, file)] = { raw: buf.length, gzip: gzipSync(buf).length };
      }
    }
  };
  walk(chromeBuildDir);
  return out;
}

async function main() {
  console.log('building the extension (npx wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: 'ignore' });

  // 2a. the pure filter in Node over 100k rows
  const rows100k = makeRows(100_000);
  const nodeTimes = (f: typeof EMPTY_FILTER) => {
    filterHistory(rows100k, f); // warm (builds the per-row search text once)
    const t: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      filterHistory(rows100k, f);
      t.push(performance.now() - t0);
    }
    return median(t);
  };
  const nodeFilter = {
    queryMs: round(nodeTimes({ ...EMPTY_FILTER, query: 'globex staff' })),
    queryAndDatesMs: round(
      nodeTimes({ ...EMPTY_FILTER, query: 'marisol', channel: 'email', from: '2026-01-01' }),
    ),
    baselineChannelOnlyMs: round(nodeTimes({ ...EMPTY_FILTER, channel: 'linkedin' })),
  };
  console.log('filter 100k in Node', nodeFilter);

  const ext = await launchExtension();
  try {
    // tsx (esbuild keepNames) wraps named functions in __name(); functions passed to
    // page.evaluate run in the page, which has no such helper.
    await ext.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await ext.context.addInitScript({ content: READY_PROBE });
    const dashUrl = ext.extensionUrl('/dashboard.html');
    const page = await ext.context.newPage();
    await page.goto(dashUrl);
    await page.getByTestId('overview').waitFor();

    // 1. dashboard first render: empty history (baseline) vs 10k rows
    await seedHistory(page, 0);
    const empty: { ready: number; scriptsDone: number }[] = [];
    for (let i = 0; i < RUNS; i++) empty.push(await dashboardFirstRender(page, dashUrl, 0));
    await seedHistory(page, 10_000);
    const tenK: { ready: number; scriptsDone: number }[] = [];
    for (let i = 0; i < RUNS; i++) tenK.push(await dashboardFirstRender(page, dashUrl, 20));
    const dashboard = {
      emptyHistoryMs: round(median(empty.map((x) => x.ready))),
      history10kMs: round(median(tenK.map((x) => x.ready))),
      ratio: round(median(tenK.map((x) => x.ready)) / median(empty.map((x) => x.ready))),
      /** after the page's scripts ran: opening Dexie, the queries and React's render */
      emptyAfterScriptsMs: round(median(empty.map((x) => x.ready - x.scriptsDone))),
      history10kAfterScriptsMs: round(median(tenK.map((x) => x.ready - x.scriptsDone))),
    };
    console.log('dashboard first render', dashboard);

    // 2b. history search in the page over 100k rows
    await seedHistory(page, 100_000);
    const loadStart = Date.now();
    await page.goto(`${dashUrl}#history`);
    await page.waitForFunction(
      () =>
        /^100,000 sends$/.test(
          (document.querySelector('[data-testid="history-count"]')?.textContent ?? '').trim(),
        ),
      undefined,
      {
        timeout: 60_000,
      },
    );
    const historyLoadMs = Date.now() - loadStart;
    const search: number[] = [];
    const channelOnly: number[] = [];
    const queries = ['globex', 'marisol', 'staff backend', 'person99', 'hooli ios'];
    for (let i = 0; i < RUNS; i++) {
      await resetHistoryFilter(page);
      search.push(await historySearch(page, queries[i % queries.length]!));
      await resetHistoryFilter(page);
      channelOnly.push(await historySearch(page, 'channel:linkedin'));
    }
    // scrolling: frames while jumping through the virtualized list
    const scroll = await page.evaluate(async () => {
      const el = document.querySelector<HTMLElement>('[data-testid="history-scroll"]')!;
      const frames: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 60; i++) {
        el.scrollTop += el.scrollHeight / 80;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      frames.sort((a, b) => a - b);
      return {
        domRows: document.querySelectorAll('[data-testid="history-row"]').length,
        medianFrameMs: frames[Math.floor(frames.length / 2)]!,
        worstFrameMs: frames[frames.length - 1]!,
      };
    });
    const history = {
      load100kMs: historyLoadMs,
      searchKeystrokeToListMs: round(median(search)),
      baselineChannelFilterMs: round(median(channelOnly)),
      scroll: {
        domRows: scroll.domRows,
        medianFrameMs: round(scroll.medianFrameMs),
        worstFrameMs: round(scroll.worstFrameMs),
      },
    };
    console.log('history 100k in the page', history);
    await seedHistory(page, 0);

    // 3. side panel update after a capture
    await serveLinkedInFixtures(ext.context, {
      [JOB_URL]: 'job_view_hiring_team',
      [THREAD_PATH]: 'messaging_thread',
    });
    const panel = await ext.openExtensionPage('/sidepanel.html');
    const tab = await ext.context.newPage();
    const pages = [
      { url: JOB_URL, name: 'Marisol Quintero' },
      { url: `https://www.linkedin.com${THREAD_PATH}`, name: 'Ingrid Solberg' },
    ];
    const updates: number[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      const target = pages[i % 2]!;
      // the panel notes when the person first shows (Date.now(), comparable with the row's updatedAt)
      const shown = panel.evaluate(
        (name) =>
          new Promise<number>((resolve) => {
            const check = () => {
              const el = document.querySelector('[data-testid="person-name"]');
              if (el?.textContent === name) {
                obs.disconnect();
                resolve(Date.now());
              }
            };
            const obs = new MutationObserver(check);
            obs.observe(document.body, { subtree: true, childList: true, characterData: true });
          }),
        target.name,
      );
      await tab.goto(target.url);
      const shownAt = await shown;
      const updatedAt = await panel.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const r = indexedDB.open('reachlog');
            r.onerror = () => reject(r.error);
            r.onsuccess = () => {
              const req = r.result.transaction('tabCaptures').objectStore('tabCaptures').getAll();
              req.onsuccess = () => {
                const rows = req.result as { updatedAt: number }[];
                r.result.close();
                resolve(Math.max(...rows.map((x) => x.updatedAt)));
              };
            };
          }),
      );
      if (i >= 2) updates.push(shownAt - updatedAt); // first round warms up
    }
    const sidepanel = { captureStoredToShownMs: round(median(updates)), worstMs: Math.max(...updates) };
    console.log('side panel update', sidepanel);

    const sizes = bundleSizes();
    const total = Object.values(sizes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), {
      raw: 0,
      gzip: 0,
    });
    console.log('bundle', total, sizes);

    const result = {
      targets: TARGETS,
      dashboardFirstRender: dashboard,
      filter100k: { node: nodeFilter, page: history },
      sidepanelUpdate: sidepanel,
      bundle: { totalBytes: total.raw, totalGzipBytes: total.gzip, files: sizes },
      pass: {
        dashboardFirstRender: dashboard.history10kMs <= TARGETS.dashboardFirstRenderMs,
        filter100k: nodeFilter.queryMs <= TARGETS.filter100kMs,
        sidepanelUpdate: sidepanel.captureStoredToShownMs <= TARGETS.sidepanelUpdateMs,
      },
    };
    console.log(`BENCH ui ${JSON.stringify(result)}`);
  } finally {
    await ext.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
