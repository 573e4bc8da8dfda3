// LinkedIn reply detection in two real Chromium browsers with the built extension, one account,
// the real server over HTTP (docs/pipeline.md, "Replies on LinkedIn"): after LinkedIn sends are
// recorded, opening the conversation where the recruiter answered marks that send replied, and
// the other browser shows it; the conversation where the user wrote last and a group
// conversation mark nothing. The conversation pages are the fixtures, served at LinkedIn URLs;
// the answered one's times are set to the send's minute ("Today", the send's clock), as LinkedIn
// shows a conversation just answered.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import {
  launchExtension,
  linkedInFixturesDir,
  screenshot,
  serveFixtureVariants,
  until,
  type ExtensionBrowser,
} from './harness';
import { DashboardPage } from './pages/dashboard-page';

const fixtureUrl = (name: string) =>
  (JSON.parse(readFileSync(path.join(linkedInFixturesDir, `${name}.json`), 'utf8')) as { url: string }).url;
const REPLIED = fixtureUrl('messaging_thread_replied');
const NO_REPLY = fixtureUrl('messaging_thread_no_reply_fr');
const GROUP = fixtureUrl('messaging_group_thread_es');

const RECIPIENTS = [
  { name: 'Noor Haddad', linkedinUrl: 'https://www.linkedin.com/in/noor-haddad-recruits/' },
  { name: 'Camille Laurent', linkedinUrl: 'https://www.linkedin.com/in/camille-laurent-rh/' },
  { name: 'Lucía Romero', linkedinUrl: 'https://www.linkedin.com/in/lucia-romero-talento/' },
];

/** "4:05 PM" as LinkedIn writes a group's clock, in the browser's own time zone. */
async function clockInBrowser(page: Page, ms: number): Promise<string> {
  return page.evaluate((t) => {
    const d = new Date(t);
    const h = d.getHours() % 12 || 12;
    return `${h}:${String(d.getMinutes()).padStart(2, '0')} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
  }, ms);
}

describe('LinkedIn reply detection in two Chromium browsers', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let a: ExtensionBrowser;
  let b: ExtensionBrowser;
  let dashA: DashboardPage;
  let dashB: DashboardPage;
  let pageA: Page;
  let pageB: Page;
  const user = {
    email: `replies-${randomBytes(4).toString('hex')}@example.com`,
    password: 'correct horse battery',
  };

  beforeAll(async () => {
    database = createSqliteDatabase();
    server = await startServerProcess({
      DATABASE_URL: database.url,
      REACHLOG_SECRET: randomBytes(32).toString('hex'),
      EMAIL_VERIFICATION: 'off',
    });
    a = await launchExtension();
    b = await launchExtension();
    pageA = await a.openExtensionPage('/dashboard.html');
    pageB = await b.openExtensionPage('/dashboard.html');
    dashA = new DashboardPage(pageA);
    dashB = new DashboardPage(pageB);
  }, 180_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
    await database?.drop();
  });

  const rowOf = (dash: DashboardPage, name: string) =>
    dash.page.getByTestId('history-row').filter({ hasText: name });

  it('a reply seen on LinkedIn marks the send replied in both browsers; no reply and a group mark nothing', async () => {
    await dashA.signUp({ serverUrl: server.url, name: 'Morgan Ellery', ...user });
    await dashB.signIn({ serverUrl: server.url, ...user });

    // Three LinkedIn sends, recorded as the side panel records them.
    await pageA.bringToFront();
    await pageA.evaluate(async (recipients) => {
      for (const recipient of recipients) {
        const reply = (await chrome.runtime.sendMessage({
          type: 'record-linkedin',
          input: { recipient, message: `Hello ${recipient.name}` },
        })) as { ok: boolean; error?: string };
        if (!reply.ok) throw new Error(reply.error);
      }
    }, RECIPIENTS);
    await dashA.go('history');
    await until(
      'the three sends in A',
      async () => (await dashA.page.getByTestId('history-row').count()) === 3,
    );
    await dashB.go('history');
    await until(
      'the three sends in B',
      async () => (await dashB.page.getByTestId('history-row').count()) === 3,
    );
    const sentAt = await pageA.evaluate(async () => {
      // the send to Noor, as the server recorded it (this browser's copy)
      const open = indexedDB.open('reachlog');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const rows = await new Promise<{ recipientName: string; sentAt: number }[]>((resolve, reject) => {
        const req = db.transaction('history').objectStore('history').getAll();
        req.onsuccess = () => resolve(req.result as { recipientName: string; sentAt: number }[]);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return rows.find((r) => r.recipientName === 'Noor Haddad')!.sentAt;
    });

    // The answered conversation as LinkedIn shows it right after: both messages today, in the send's minute.
    const minute = await clockInBrowser(pageA, sentAt);
    const { html } = await serveFixtureVariants(a.context, {
      [REPLIED]: {
        fixture: 'messaging_thread_replied',
        edit: (page) =>
          page
            .replace('>Monday<', '>Today<')
            .replace('>4:05 PM<', `>${minute}<`)
            .replace('>9:12 AM<', `>${minute}<`),
      },
      [NO_REPLY]: 'messaging_thread_no_reply_fr',
      [GROUP]: 'messaging_group_thread_es',
    });
    const replied = html[REPLIED]!;
    expect(replied).toContain(`>${minute}</time>`);

    // The user opens the conversation where they wrote last, then the group, then the answered one.
    const linkedIn = await a.context.newPage();
    for (const url of [NO_REPLY, GROUP]) {
      await linkedIn.goto(url, { waitUntil: 'domcontentloaded' });
      await linkedIn.waitForTimeout(1500);
    }
    await linkedIn.goto(REPLIED, { waitUntil: 'domcontentloaded' });

    await dashA.go('history');
    await until(
      'Noor’s send marked replied in A',
      async () => (await rowOf(dashA, 'Noor Haddad').getByTestId('history-replied').count()) === 1,
    ).catch(async (e) => {
      await screenshot(pageA, 'linkedin-replies-not-marked');
      throw e;
    });
    await dashB.go('history');
    await until(
      'Noor’s send marked replied in B',
      async () => (await rowOf(dashB, 'Noor Haddad').getByTestId('history-replied').count()) === 1,
    );
    for (const dash of [dashA, dashB]) {
      await dash.go('history');
      expect(await rowOf(dash, 'Camille Laurent').getByTestId('history-replied').count()).toBe(0);
      expect(await rowOf(dash, 'Lucía Romero').getByTestId('history-replied').count()).toBe(0);
    }
    // Nothing was added to LinkedIn's page.
    const counts = await linkedIn.evaluate((source) => {
      const pristine = new DOMParser().parseFromString(source, 'text/html');
      return { live: document.querySelectorAll('*').length, file: pristine.querySelectorAll('*').length };
    }, replied);
    expect(counts.live).toBe(counts.file);
    await linkedIn.close();
  });
});
