// The LinkedIn content script in real Chromium with the built extension: fixtures are served at
// their LinkedIn URLs, the captures reach the background, in-app (SPA) navigation re-reads, and
// a composer fill followed by the user's send is reported once as linkedin-sent.
//
// What the content script sends is observed from inside the service worker: the test adds a
// second runtime.onMessage listener there that keeps every message. Nothing test-only is built
// into the extension.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Capture } from '../../shared/capture';
import {
  launchExtension,
  linkedInFixturesDir,
  serveLinkedInFixtures,
  type ExtensionBrowser,
} from './harness';
import { readClockOf, type FixtureClock } from '../../extension/capture/fixture-clock';

interface Fixture {
  name: string;
  /** The fixture's URL on www.linkedin.com (the content script's only host). */
  url: string;
  expected: Capture;
  /** the moment and zone the fixture is read at ("Today" in a message list) */
  clock?: { now: number; utcOffsetMinutes: number };
}

const fixtures: Fixture[] = readdirSync(linkedInFixturesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const file = JSON.parse(readFileSync(path.join(linkedInFixturesDir, f), 'utf8')) as {
      url: string;
      expected: Capture;
      sources?: Record<string, string>;
      clock?: FixtureClock;
    };
    const { url, expected, sources } = file;
    const clock = readClockOf(file);
    const www = new URL(url);
    www.hostname = 'www.linkedin.com';
    // The whole capture the content script sends: the expected fields plus their sources.
    return {
      name: f.replace(/\.json$/, ''),
      url: www.href,
      expected: sources ? { ...expected, sources } : expected,
      ...(clock.now !== undefined && {
        clock: { now: clock.now, utcOffsetMinutes: clock.utcOffsetMinutes ?? 0 },
      }),
    };
  });
const fixture = (name: string) => fixtures.find((f) => f.name === name)!;

interface Seen {
  msg: { type: string; capture?: Capture; recipient?: unknown; text?: string; url?: string };
  from: string | undefined;
}

describe('LinkedIn content script in Chromium', () => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = await launchExtension();
    const map: Record<string, string> = {};
    for (const f of fixtures) {
      const u = new URL(f.url);
      map[u.pathname + u.search] = f.name;
    }
    await serveLinkedInFixtures(browser.context, map);
    await browser.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as { __seen: Seen[] };
      g.__seen = [];
      chrome.runtime.onMessage.addListener((msg: Seen['msg'], sender) => {
        g.__seen.push({ msg, from: sender.url });
        return false;
      });
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  // A failed test must not leave a LinkedIn tab behind for the next one's tabs.query.
  afterEach(async () => {
    for (const page of browser.context.pages()) if (page.url().startsWith('https://')) await page.close();
  });

  const seen = () =>
    browser.serviceWorker.evaluate(() => (globalThis as unknown as { __seen: Seen[] }).__seen) as Promise<
      Seen[]
    >;

  /** Waits for a message matching `pred` among those received after the `since`-th one. */
  async function waitForMessage(pred: (s: Seen) => boolean, since = 0, timeoutMs = 10_000): Promise<Seen> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = (await seen()).slice(since).find(pred);
      if (hit) return hit;
      if (Date.now() > end)
        throw new Error(`no such message in ${JSON.stringify(await seen(), null, 1).slice(0, 3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends a ToContent message to the tab showing `url` from the service worker. */
  function toTab(urlPattern: string, msg: unknown): Promise<unknown> {
    return browser.serviceWorker.evaluate(
      async ({ urlPattern, msg }) => {
        const [tab] = await chrome.tabs.query({ url: urlPattern });
        if (!tab?.id) throw new Error(`no tab at ${urlPattern}`);
        return chrome.tabs.sendMessage(tab.id, msg);
      },
      { urlPattern, msg },
    );
  }

  /** Opens `url` in a new tab and waits for that tab's first capture of it. */
  async function open(url: string, expectedUrl: string): Promise<{ page: Page; first: Seen; mark: number }> {
    const mark = (await seen()).length;
    const page = await browser.context.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const first = await waitForMessage(
      (s) => s.msg.type === 'capture' && s.msg.capture?.url === expectedUrl,
      mark,
    );
    return { page, first, mark };
  }

  it('reports the capture of a page served at its LinkedIn URL to the background', async () => {
    const f = fixture('job_view_hiring_team');
    const { page, mark } = await open(f.url, f.expected.url);
    const hit = await waitForMessage(
      (s) => s.msg.type === 'capture' && s.msg.capture?.url === f.expected.url && !!s.msg.capture.job,
      mark,
    );
    expect(hit.msg.capture).toEqual(f.expected);
    expect(hit.from).toBe(f.url);
    await page.close();
  });

  it('re-reads on in-app navigation (history.pushState + new DOM, after the watcher went idle)', async () => {
    const from = fixture('profile_recruiter');
    const to = fixture('jobs_search_detail_pane');
    const { page } = await open(from.url, from.expected.url);
    // Let the MutationObserver disconnect (capture stable for 4 s): only wxt:locationchange can re-arm it.
    await page.waitForTimeout(5000);
    const html = readFileSync(path.join(linkedInFixturesDir, `${to.name}.html`), 'utf8');
    const beforeNavigation = (await seen()).length;
    await page.evaluate(
      ({ html, url }) => {
        history.pushState({}, '', url);
        const next = new DOMParser().parseFromString(html, 'text/html');
        document.title = next.title;
        document.body.replaceWith(document.adoptNode(next.body));
      },
      { html, url: to.url },
    );
    const hit = await waitForMessage(
      (s) => s.msg.type === 'capture' && s.msg.capture?.url === to.expected.url && !!s.msg.capture.job,
      beforeNavigation,
    );
    expect(hit.msg.capture).toEqual(to.expected);
    await page.close();
  });

  it('fills the thread composer on request and reports the user’s send once', async () => {
    const f = fixture('messaging_thread');
    const { page, mark } = await open(f.url, f.expected.url);
    const sentSince = async () => (await seen()).slice(mark).filter((s) => s.msg.type === 'linkedin-sent');
    const text = 'Hi Ingrid, Thursday 2pm ET works.\nLooking forward to it!';
    const result = await toTab('https://www.linkedin.com/messaging/*', {
      type: 'fill-composer',
      text,
      target: 'message',
    });
    expect(result).toEqual({ ok: true, target: 'message' });
    const box = page.locator('div.msg-form__contenteditable[role="textbox"]');
    expect((await box.innerText()).replace(/\s+/g, ' ').trim()).toBe(
      'Hi Ingrid, Thursday 2pm ET works. Looking forward to it!',
    );
    expect(await sentSince()).toEqual([]);

    // The user presses LinkedIn's Send: LinkedIn appends the message and empties the composer.
    await page.evaluate((sentText) => {
      const list = document.querySelector('.msg-s-message-list-content')!;
      const li = document.createElement('li');
      li.className = 'msg-s-message-list__event clearfix';
      const item = document.createElement('div');
      item.className = 'msg-s-event-listitem';
      item.setAttribute('data-event-urn', 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAFq2mYkB,2-new)');
      const body = document.createElement('p');
      body.className = 'msg-s-event-listitem__body t-14';
      body.textContent = sentText;
      item.append(body);
      li.append(item);
      list.append(li);
      const composer = document.querySelector('.msg-form__contenteditable')!;
      composer.replaceChildren(document.createElement('p'));
      composer.firstElementChild!.append(document.createElement('br'));
    }, text);
    const sent = await waitForMessage((s) => s.msg.type === 'linkedin-sent', mark);
    expect(sent.msg).toEqual({
      type: 'linkedin-sent',
      recipient: {
        name: 'Ingrid Solberg',
        linkedinUrl: 'https://www.linkedin.com/in/ingrid-solberg-talent/',
      },
      text,
      url: f.url,
    });
    // More activity in the thread does not report it again.
    await page.evaluate(() =>
      document.querySelector('.msg-s-message-list-content')!.append(document.createElement('li')),
    );
    await page.waitForTimeout(700);
    expect(await sentSince()).toHaveLength(1);
    await page.close();
  });

  it('refuses a connection note over 300 characters with a clear message', async () => {
    const f = fixture('profile_recruiter');
    const { page } = await open(f.url, f.expected.url);
    const result = await toTab('https://www.linkedin.com/in/*', {
      type: 'fill-composer',
      text: 'n'.repeat(301),
      target: 'note',
    });
    expect(result).toEqual({
      ok: false,
      reason: 'too-long',
      message: 'LinkedIn notes are limited to 300 characters (this one has 301).',
    });
    await page.close();
  });

  it('reads every fixture in Chromium exactly as in Node (read-page), never running page text', async () => {
    const page = await browser.context.newPage();
    for (const f of fixtures) {
      await page.goto(f.url, { waitUntil: 'domcontentloaded' });
      let got: unknown = null;
      for (let i = 0; i < 50 && got === null; i++) {
        got = await toTab(`${new URL(f.url).origin}/*`, { type: 'read-page', clock: f.clock }).catch(
          () => null,
        );
        if (got === null) await page.waitForTimeout(100);
      }
      expect(got, f.name).toEqual(f.expected);
      const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
      expect(pwned, f.name).toBeUndefined();
    }
    await page.close();
  });

  it('adds nothing to LinkedIn’s page', async () => {
    const f = fixture('profile_recruiter');
    const html = readFileSync(path.join(linkedInFixturesDir, `${f.name}.html`), 'utf8');
    const { page } = await open(f.url, f.expected.url);
    await page.waitForTimeout(500);
    const counts = await page.evaluate((source) => {
      const pristine = new DOMParser().parseFromString(source, 'text/html');
      return { live: document.querySelectorAll('*').length, file: pristine.querySelectorAll('*').length };
    }, html);
    expect(counts.live).toBe(counts.file);
    await page.close();
  });
});
