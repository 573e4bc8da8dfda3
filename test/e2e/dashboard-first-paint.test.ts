// The dashboard's first paint (docs/extension.md, "First render"): React's first render waits for
// Latest attempts' rows, so the page appears once, with them, instead of a frame without rows and
// a second render; and a read held up does not hold the page: it shows without the rows after a
// bound, and the rows follow. In the built extension in Chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentEmailRow } from '../../extension/test-support/history-row';
import { collectPageErrors, launchExtension, type ExtensionBrowser } from './harness';

/** Notes, on the page, what #root held the first time it had anything. */
const FIRST_CONTENT_PROBE = `(() => {
  if (!location.pathname.endsWith('/dashboard.html')) return;
  new MutationObserver((_, obs) => {
    const root = document.getElementById('root');
    if (!root || !root.firstChild) return;
    obs.disconnect();
    globalThis.__firstContent = {
      rows: root.querySelectorAll('[data-testid="attempt-row"]').length,
      overview: !!root.querySelector('[data-testid="overview"]'),
    };
  }).observe(document, { subtree: true, childList: true });
})();`;

/** Puts `n` sends into the extension's history store, the raw IndexedDB way (the page made it). */
async function seedHistory(page: Page, n: number): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => sentEmailRow(i + 1));
  await page.evaluate(async (rows) => {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('reachlog');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = idb.transaction('history', 'readwrite');
    for (const row of rows) tx.objectStore('history').put(row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    idb.close();
  }, rows);
}

describe("the dashboard's first paint", () => {
  let browser: ExtensionBrowser;
  let page: Page;
  let dashUrl: string;

  beforeAll(async () => {
    browser = await launchExtension();
    await browser.context.addInitScript({ content: FIRST_CONTENT_PROBE });
    dashUrl = browser.extensionUrl('/dashboard.html');
    page = await browser.context.newPage();
    await page.goto(dashUrl);
    await page.getByTestId('overview').waitFor(); // the database exists, at the build's version
    await seedHistory(page, 30);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('appears with its 20 latest rows in its first render', async () => {
    const errors = collectPageErrors(page);
    await page.goto(dashUrl);
    await expect.poll(() => page.getByTestId('attempt-row').count()).toBe(20);
    const first = await page.evaluate(() => (globalThis as { __firstContent?: unknown }).__firstContent);
    expect(first).toEqual({ rows: 20, overview: true });
    expect(errors.uncaught).toEqual([]);
  });

  it('shows the page without the rows while their read is held up, and the rows once it answers', async () => {
    // another page of the extension holds a read-write transaction on the history for 3 s: the
    // dashboard's read of it waits behind that
    const holder = await browser.context.newPage();
    await holder.goto(browser.extensionUrl('/dashboard.html#settings'));
    await holder.getByTestId('nav-settings').waitFor();
    const HOLD_MS = 3_000;
    // resolves once the transaction holds the store (its first request answered)
    await holder.evaluate(
      (ms) =>
        new Promise<void>((held) => {
          const r = indexedDB.open('reachlog');
          r.onsuccess = () => {
            const store = r.result.transaction('history', 'readwrite').objectStore('history');
            const until = Date.now() + ms;
            // a transaction stays open while it has requests: chain them until the time is up
            const next = (first: boolean) => {
              if (first) held();
              if (Date.now() < until) store.count().onsuccess = () => next(false);
            };
            store.count().onsuccess = () => next(true);
          };
        }),
      HOLD_MS,
    );
    const started = Date.now();
    await page.goto(dashUrl);
    await page.getByTestId('overview').waitFor({ timeout: HOLD_MS });
    const shownAfter = Date.now() - started;
    expect(shownAfter).toBeLessThan(HOLD_MS);
    expect(await page.getByTestId('attempt-row').count()).toBe(0);
    const first = await page.evaluate(() => (globalThis as { __firstContent?: unknown }).__firstContent);
    expect(first).toEqual({ rows: 0, overview: true });
    // the hold ends: the rows follow
    await expect.poll(() => page.getByTestId('attempt-row').count(), { timeout: 10_000 }).toBe(20);
    await holder.close();
  });
});
