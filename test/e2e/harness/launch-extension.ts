import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { chromeBuildDir, chromiumPath } from './paths';

export interface LaunchExtensionOptions {
  /**
   * Chromium profile directory. Leave it out for a fresh temporary profile (deleted by close()).
   * Pass the same directory twice to restart "the same browser" with its IndexedDB and storage.
   */
  profileDir?: string;
  /** Unpacked extension to load; defaults to the `npx wxt build` output, .output/chrome-mv3. */
  extensionDir?: string;
  /** How long to wait for the extension's service worker to start. */
  timeoutMs?: number;
}

/** One running Chromium with the extension loaded. Every call to launchExtension is its own browser. */
export interface ExtensionBrowser {
  context: BrowserContext;
  /** chrome-extension://<extensionId>/ — stable for a given unpacked path, so equal across browsers. */
  extensionId: string;
  /** The background service worker; `serviceWorker.evaluate(...)` runs code inside it. */
  serviceWorker: Worker;
  profileDir: string;
  /** chrome-extension://<id>/<path> */
  extensionUrl(pagePath: string): string;
  /** Opens an extension page (`/dashboard.html`, `/popup.html`, `/sidepanel.html`) in a new tab. */
  openExtensionPage(pagePath: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless with the built extension loaded.
 *
 * Name resolution is switched off for every host but localhost, so nothing a test does can reach
 * the internet: LinkedIn pages come from serveLinkedInFixtures (request interception happens
 * before DNS), the sync server under test listens on 127.0.0.1.
 */
export async function launchExtension(options: LaunchExtensionOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = path.resolve(options.extensionDir ?? chromeBuildDir);
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${extensionDir}. Build it first with: npx wxt build (npm test does this for you).`,
    );
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it with: apt-get update && apt-get install -y chromium`,
    );
  }
  const timeout = options.timeoutMs ?? 15_000;
  const ownsProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'reachlog-chromium-')));

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      timeout: 60_000,
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]',
      ],
    });
  } catch (error) {
    if (ownsProfile) await rm(profileDir, { recursive: true, force: true });
    throw error;
  }

  const close = async () => {
    await context.close().catch(() => undefined);
    if (ownsProfile) await rm(profileDir, { recursive: true, force: true });
  };

  try {
    const serviceWorker = await extensionServiceWorker(context, timeout);
    const extensionId = new URL(serviceWorker.url()).host;
    const extensionUrl = (pagePath: string) =>
      `chrome-extension://${extensionId}/${pagePath.replace(/^\/+/, '')}`;
    return {
      context,
      extensionId,
      serviceWorker,
      profileDir,
      extensionUrl,
      async openExtensionPage(pagePath) {
        const page = await context.newPage();
        await page.goto(extensionUrl(pagePath));
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function extensionServiceWorker(context: BrowserContext, timeout: number): Promise<Worker> {
  const isExtension = (worker: Worker) => worker.url().startsWith('chrome-extension://');
  // Listen before looking, so a worker that starts in between is not missed.
  const started = context.waitForEvent('serviceworker', { predicate: isExtension, timeout });
  const running = context.serviceWorkers().find(isExtension);
  if (running) {
    started.catch(() => undefined);
    return running;
  }
  try {
    return await started;
  } catch {
    throw new Error(
      `The extension's service worker did not start within ${timeout} ms: Chromium did not load the extension ` +
        '(check .output/chrome-mv3/manifest.json and the background entrypoint).',
    );
  }
}
