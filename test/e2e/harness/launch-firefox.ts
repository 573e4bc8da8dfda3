import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BidiClient } from './bidi-client';
import { firefoxBuildDir, firefoxPath, screenshotsDir } from './paths';

export interface LaunchFirefoxOptions {
  /** Unpacked extension to install; defaults to the `npx wxt build -b firefox` output. */
  extensionDir?: string;
  /** How long to wait for Firefox to start listening. */
  timeoutMs?: number;
}

/** Firefox ESR with the extension installed as a temporary add-on, driven over WebDriver BiDi. */
export interface FirefoxExtensionBrowser {
  bidi: BidiClient;
  /** The add-on id from the manifest (browser_specific_settings.gecko.id). */
  addonId: string;
  /** moz-extension://<uuid>/ host, pinned through a pref so tests can open extension pages. */
  extensionUuid: string;
  /** The tab every helper below acts on. */
  contextId: string;
  /** JavaScript errors and console.error messages logged by pages so far. */
  errors: string[];
  extensionUrl(pagePath: string): string;
  /** Navigates the tab and waits for the load event. */
  goto(url: string): Promise<void>;
  /** Evaluates an expression in the tab; the result must be a string, number, boolean or null. */
  evaluate<T extends string | number | boolean | null>(expression: string): Promise<T>;
  /** Waits until the page shows some text (the view has rendered) and returns that text. */
  waitForText(timeoutMs?: number): Promise<string>;
  /** Saves test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

// Quiet, offline Firefox: no updates, telemetry or first-run pages, and every request but
// loopback goes to a dead proxy so nothing leaves the machine.
const PREFS: Record<string, string | number | boolean> = {
  'app.update.enabled': false,
  'app.update.disabledForTesting': true,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.allow_hijacking_localhost': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

/**
 * Starts headless Firefox ESR, installs the built extension as a temporary add-on (no signing
 * needed) and opens one tab. Firefox gives each add-on a random moz-extension UUID; the
 * `extensions.webextensions.uuids` pref pins it so the tests know the extension's URLs.
 */
export async function launchFirefoxExtension(
  options: LaunchFirefoxOptions = {},
): Promise<FirefoxExtensionBrowser> {
  const extensionDir = path.resolve(options.extensionDir ?? firefoxBuildDir);
  const manifestFile = path.join(extensionDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(`No Firefox build at ${extensionDir}. Build it first with: npx wxt build -b firefox`);
  }
  if (!existsSync(firefoxPath)) {
    throw new Error(
      `Firefox not found at ${firefoxPath}. Install it with: apt-get update && apt-get install -y firefox-esr`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${manifestFile} has no browser_specific_settings.gecko.id`);

  const extensionUuid = randomUUID();
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'reachlog-firefox-'));
  const prefs = { ...PREFS, 'extensions.webextensions.uuids': JSON.stringify({ [addonId]: extensionUuid }) };
  await writeFile(
    path.join(profileDir, 'user.js'),
    Object.entries(prefs)
      .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});\n`)
      .join(''),
  );

  const firefox = spawn(
    firefoxPath,
    [
      '--headless',
      '--remote-debugging-port=0',
      '--remote-allow-system-access',
      '--no-remote',
      '--profile',
      profileDir,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let bidi: BidiClient | undefined;
  const close = async () => {
    if (bidi) {
      await bidi.send('session.end', {}, 5_000).catch(() => undefined);
      bidi.close();
    }
    await stop(firefox);
    await rm(profileDir, { recursive: true, force: true });
  };

  try {
    const endpoint = await listeningUrl(firefox, options.timeoutMs ?? 30_000);
    bidi = await BidiClient.connect(`${endpoint}/session`);
    const client = bidi;
    await client.send('session.new', { capabilities: {} });

    const errors: string[] = [];
    client.on('log.entryAdded', (entry: { type?: string; level?: string; text?: string }) => {
      if (entry.level === 'error') errors.push(`${entry.type}: ${entry.text}`);
    });
    await client.send('session.subscribe', { events: ['log.entryAdded'] });

    const installed = await client.send<{ extension: string }>('webExtension.install', {
      extensionData: { type: 'path', path: extensionDir },
    });
    if (installed.extension !== addonId) {
      throw new Error(`Firefox installed the add-on as ${installed.extension}, expected ${addonId}`);
    }
    const tree = await client.send<{ contexts: { context: string }[] }>('browsingContext.getTree', {});
    const contextId = tree.contexts[0]?.context;
    if (!contextId) throw new Error('Firefox opened no tab');

    const evaluate = async <T extends string | number | boolean | null>(expression: string): Promise<T> => {
      const outcome = await client.send<{
        type: 'success' | 'exception';
        result?: { type: string; value?: unknown };
        exceptionDetails?: { text?: string };
      }>('script.evaluate', { expression, target: { context: contextId }, awaitPromise: true });
      if (outcome.type === 'exception') throw new Error(`In Firefox: ${outcome.exceptionDetails?.text}`);
      return (outcome.result?.type === 'null' ? null : outcome.result?.value) as T;
    };

    return {
      bidi: client,
      addonId,
      extensionUuid,
      contextId,
      errors,
      extensionUrl: (pagePath) => `moz-extension://${extensionUuid}/${pagePath.replace(/^\/+/, '')}`,
      async goto(url) {
        await client.send('browsingContext.navigate', { context: contextId, url, wait: 'complete' });
      },
      evaluate,
      async waitForText(timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const text = await evaluate<string>('document.body ? document.body.innerText.trim() : ""');
          if (text.length > 0) return text;
          if (Date.now() > deadline) throw new Error(`The page showed no text within ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      async screenshot(name) {
        const { data } = await client.send<{ data: string }>('browsingContext.captureScreenshot', {
          context: contextId,
        });
        await mkdir(screenshotsDir, { recursive: true });
        const file = path.join(screenshotsDir, `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.png`);
        await writeFile(file, Buffer.from(data, 'base64'));
        return file;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Firefox prints its WebDriver BiDi address on stderr once it listens. */
function listeningUrl(firefox: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(`Firefox did not start within ${timeoutMs} ms`), timeoutMs);
    function fail(reason: string) {
      clearTimeout(timer);
      reject(new Error(`${reason}. Its output:\n${output.slice(-2_000)}`));
    }
    firefox.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    firefox.once('exit', (code) => fail(`Firefox exited (${code}) before listening`));
    firefox.once('error', (error) => fail(`Firefox could not start: ${error.message}`));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
