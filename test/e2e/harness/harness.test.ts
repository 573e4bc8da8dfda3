// The harness itself: fixtures are served at LinkedIn URLs, nothing else leaves the machine,
// the local test server stays reachable, and two launches are two independent browsers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchExtension,
  serveFixtureVariants,
  serveLinkedInFixtures,
  THREAD_PARTNER,
  THREAD_URL,
  type ExtensionBrowser,
} from './index';

describe('serveLinkedInFixtures', () => {
  let browser: ExtensionBrowser;
  let fixturesDir: string;
  let server: Server;
  let serverUrl: string;

  beforeAll(async () => {
    fixturesDir = await mkdtemp(path.join(os.tmpdir(), 'reachlog-fixtures-'));
    await writeFile(
      path.join(fixturesDir, 'profile.html'),
      '<html><body><h1>Jane Fixture</h1></body></html>',
    );
    await writeFile(path.join(fixturesDir, 'jobs.html'), '<html><body><h1>Job 42</h1></body></html>');
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end('local ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchExtension();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (fixturesDir) await rm(fixturesDir, { recursive: true, force: true });
  });

  it('serves fixtures at LinkedIn URLs, 404s unknown pages and blocks other hosts', async () => {
    const traffic = await serveLinkedInFixtures(
      browser.context,
      { '/in/jane-fixture': 'profile', '/jobs/search/?currentJobId=42': 'jobs.html' },
      { fixturesDir },
    );
    const page = await browser.context.newPage();

    const profile = await page.goto('https://www.linkedin.com/in/jane-fixture/?trk=x');
    expect(profile?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Jane Fixture');

    await page.goto('https://www.linkedin.com/jobs/search/?currentJobId=42');
    await expect(page.locator('h1').textContent()).resolves.toBe('Job 42');

    const missing = await page.goto('https://www.linkedin.com/in/nobody/');
    expect(missing?.status()).toBe(404);

    // The sync server under test runs on loopback and must stay reachable.
    await page.goto(serverUrl);
    await expect(page.locator('body').textContent()).resolves.toBe('local ok');
    const local = await page.evaluate(async (url) => (await fetch(url)).text(), `${serverUrl}again`);
    expect(local).toBe('local ok');

    // Everything else is cut off: sub-resources and navigations alike.
    const subresource = await page.evaluate(() =>
      fetch('https://static.licdn.com/x.js').then(
        () => 'loaded',
        () => 'failed',
      ),
    );
    expect(subresource).toBe('failed');
    await expect(page.goto('https://example.com/')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
    expect(traffic.blocked).toEqual(['https://static.licdn.com/x.js', 'https://example.com/']);
    expect(traffic.notFound).toEqual(['https://www.linkedin.com/in/nobody/']);
    expect(traffic.served).toHaveLength(2);
    await page.close();
  });

  it("serves a fixture with a test's edits, and another as it is", async () => {
    const { html, traffic } = await serveFixtureVariants(browser.context, {
      [THREAD_URL]: {
        fixture: 'messaging_thread',
        edit: (page) => page.replaceAll(THREAD_PARTNER, 'Edited Partner'),
      },
      '/in/jane-fixture/': 'profile_recruiter',
    });
    expect(html[THREAD_URL]).toContain('Edited Partner');
    expect(html[THREAD_URL]).not.toContain(THREAD_PARTNER);
    const page = await browser.context.newPage();
    await page.goto(THREAD_URL);
    expect(await page.content()).toContain('Edited Partner');
    expect(await page.content()).not.toContain(THREAD_PARTNER);
    const profile = await page.goto('https://www.linkedin.com/in/jane-fixture/');
    expect(await profile?.text()).toBe(html['/in/jane-fixture/']);
    expect(traffic.served).toHaveLength(2);
    await page.close();
  });

  it('refuses a fixture that does not exist', async () => {
    await expect(
      serveLinkedInFixtures(browser.context, { '/in/x/': 'no-such-page' }, { fixturesDir }),
    ).rejects.toThrow(/LinkedIn fixture not found: .*no-such-page\.html/);
  });
});

describe('launchExtension', () => {
  // One test, three launches: two browsers side by side, then the first one restarted.
  it('gives each launch its own profile, and keeps a given profile across restarts', async () => {
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'reachlog-profile-'));
    const first = await launchExtension({ profileDir });
    const second = await launchExtension();
    let restarted: ExtensionBrowser | undefined;
    try {
      expect(second.extensionId).toBe(first.extensionId);
      expect(second.profileDir).not.toBe(first.profileDir);
      await first.serviceWorker.evaluate(() => chrome.storage.local.set({ harness: 'first' }));
      const seenBySecond = await second.serviceWorker.evaluate(() => chrome.storage.local.get('harness'));
      expect(seenBySecond).toEqual({});

      await first.close();
      restarted = await launchExtension({ profileDir });
      const kept = await restarted.serviceWorker.evaluate(() => chrome.storage.local.get('harness'));
      expect(kept).toEqual({ harness: 'first' });
    } finally {
      await Promise.all([first.close(), second.close(), restarted?.close()]);
      await rm(profileDir, { recursive: true, force: true });
    }
  });

  it('says how to build when the extension is not built', async () => {
    await expect(launchExtension({ extensionDir: '/nonexistent/chrome-mv3' })).rejects.toThrow(
      /npx wxt build/,
    );
  });
});
