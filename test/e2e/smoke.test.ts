// The built extension loads in real Chromium: its service worker runs with the manifest we
// build, and every extension page in the build opens, renders text and throws nothing.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromeBuildDir,
  collectPageErrors,
  launchExtension,
  screenshot,
  type ExtensionBrowser,
} from './harness';

// Extension pages WXT emits at the build root (popup.html, sidepanel.html, dashboard.html, …).
const extensionPages = existsSync(chromeBuildDir)
  ? readdirSync(chromeBuildDir).filter((file) => file.endsWith('.html'))
  : [];

describe('extension in Chromium', () => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts its service worker with the Reachlog manifest', async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    const inWorker = await browser.serviceWorker.evaluate(() => {
      const manifest = chrome.runtime.getManifest();
      return { id: chrome.runtime.id, name: manifest.name, version: manifest.manifest_version };
    });
    expect(inWorker).toEqual({ id: browser.extensionId, name: 'Reachlog', version: 3 });
  });

  it('has host access to LinkedIn and nothing else by default', async () => {
    const permissions = await browser.serviceWorker.evaluate(() => chrome.permissions.getAll());
    expect(permissions.origins).toEqual(['https://www.linkedin.com/*']);
  });

  for (const file of extensionPages) {
    it(`renders ${file} without errors`, async () => {
      const page = await browser.context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(browser.extensionUrl(file));
      // React renders after load: wait for visible text rather than a fixed delay.
      await page.waitForFunction(() => document.body.innerText.trim().length > 0, undefined, {
        timeout: 10_000,
      });
      await screenshot(page, `smoke-${path.basename(file, '.html')}`);
      expect(errors.uncaught, `uncaught errors on ${file}`).toEqual([]);
      await page.close();
    });
  }
});
