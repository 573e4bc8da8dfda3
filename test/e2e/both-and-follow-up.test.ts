// "Send e-mail + LinkedIn" and "Follow up" in real Chromium with the built extension, the real
// server over HTTP (SQLite file) and a real SMTP server on loopback:
// one draft with both texts → "Send e-mail + LinkedIn" → the e-mail reaches the SMTP server and
// the message is in LinkedIn's composer → the user's own Send is seen → ONE "Email + LinkedIn"
// row in Latest attempts → the send comes due for a follow-up → "Follow up" in the overview
// opens a draft from the follow-up template → sent → the history links it to the first send.
//
// The clock: a follow-up is due 7 days after a send. Rather than shifting the browser's clock,
// the test makes the first send old where it is kept — it moves that row's `sent_at` back 8 days
// in the server's SQLite file, with the user's next change version (as every server-side change
// takes, services/versions.ts), then asks the extension to sync ("sync-now"): the pull brings
// the row with its old time and the extension's own clock finds it due.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/app';
import { createSqliteDatabase, type TestDatabase } from '../support/database';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';
import {
  collectPageErrors,
  launchExtension,
  screenshot,
  linkedInFixturesDir,
  serveLinkedInFixtures,
  type ExtensionBrowser,
  type PageErrors,
} from './harness';
import { DashboardPage } from './pages/dashboard-page';
import { codeIn, takeCodeMail } from '../support/server';
import { SidePanelPage } from './pages/sidepanel-page';

const THREAD_PATH = '/messaging/thread/2-ZjRkNmMxYjAtN2E1OS00YzQ2LWE5ZDMtM2I4ZTFhNzI2YzU1XzEwMA==/';
const THREAD_URL = `https://www.linkedin.com${THREAD_PATH}`;
const PARTNER = 'Ingrid Solberg';
const PARTNER_EMAIL = 'ingrid.solberg@vesper.example';
const DAY = 24 * 3600 * 1000;

async function until<T>(what: string, fn: () => Promise<T> | T, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** What LinkedIn's page does when the user presses Send: the bubble appears, the composer empties. */
async function pressLinkedInSend(thread: Page, text: string): Promise<void> {
  await thread.evaluate((message) => {
    const list = document.querySelector('.msg-s-message-list-content')!;
    const li = document.createElement('li');
    li.className = 'msg-s-message-list__event clearfix';
    const item = document.createElement('div');
    item.className = 'msg-s-event-listitem';
    item.setAttribute('data-event-urn', `urn:li:msg_message:(urn:li:fsd_profile:ME,2-${Date.now()})`);
    const bubble = document.createElement('div');
    bubble.className = 'msg-s-event-listitem__message-bubble';
    const p = document.createElement('p');
    p.className = 'msg-s-event-listitem__body t-14 t-black--light t-normal';
    p.textContent = message;
    bubble.append(p);
    item.append(bubble);
    li.append(item);
    list.append(li);
    document.querySelector('.msg-form__contenteditable')!.replaceChildren(document.createElement('p'));
  }, text);
}

/** Moves a history row back in time on the server, as a change every browser pulls. */
function backdate(dbUrl: string, historyId: number, ms: number): void {
  const file = dbUrl.replace(/^file:/, '');
  const sqlite = new Database(file);
  try {
    sqlite.pragma('busy_timeout = 10000');
    const row = sqlite
      .prepare('SELECT user_id, sent_at FROM outreach_history WHERE id = ?')
      .get(historyId) as {
      user_id: string;
      sent_at: string;
    };
    // the same text format the server writes (ISO 8601 with +00:00)
    const old = new Date(new Date(row.sent_at).getTime() - ms).toISOString().replace('Z', '+00:00');
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE user_versions SET version = version + 1 WHERE user_id = ?').run(row.user_id);
      sqlite
        .prepare(
          'UPDATE outreach_history SET sent_at = ?, version = (SELECT version FROM user_versions WHERE user_id = ?) WHERE id = ?',
        )
        .run(old, row.user_id, historyId);
    })();
  } finally {
    sqlite.close();
  }
}

describe('Send e-mail + LinkedIn, then Follow up, in Chromium', () => {
  let smtp: SmtpRecorder;
  let database: TestDatabase;
  let server: RunningServer;
  let ext: ExtensionBrowser;
  let dash: DashboardPage;
  let panel: SidePanelPage;
  let dashPage: Page;
  let panelPage: Page;
  let firstId = 0;
  const errors: PageErrors[] = [];

  beforeAll(async () => {
    smtp = await startSmtpRecorder();
    database = createSqliteDatabase();
    server = await startServer({
      databaseUrl: database.url,
      host: '127.0.0.1',
      port: 0,
      smtpUrl: smtp.url,
      smtpFrom: 'outreach@reachlog.example',
      secret: randomBytes(32).toString('hex'),
    });
    ext = await launchExtension();
    await serveLinkedInFixtures(ext.context, { [THREAD_PATH]: 'messaging_thread' });
    dashPage = await ext.openExtensionPage('/dashboard.html');
    errors.push(collectPageErrors(dashPage));
    dash = new DashboardPage(dashPage);
    await dash.signUp({
      serverUrl: server.url.replace(/\/+$/, ''),
      name: 'Morgan Ellery',
      email: 'morgan.both@example.com',
      password: 'correct horse battery',
      confirmCode: async () => codeIn(await takeCodeMail(smtp, 'morgan.both@example.com', 'Confirm')),
    });
    await dash.setMyName('Morgan Ellery');
  });

  afterAll(async () => {
    await ext?.close();
    await server?.close();
    await smtp?.close();
    await database?.drop();
  });

  it('sends the e-mail and the LinkedIn message of one draft as one "Email + LinkedIn" row', async () => {
    const thread = await ext.context.newPage();
    await thread.goto(THREAD_URL);
    panelPage = await ext.openExtensionPage('/sidepanel.html');
    errors.push(collectPageErrors(panelPage));
    panel = new SidePanelPage(panelPage);
    await panel.waitForPerson(PARTNER);

    await panel.setEmail(PARTNER_EMAIL);
    await panel.channel('E-mail');
    await panel.subject().fill('The Staff Software Engineer, Perception role');
    await panel.body().fill('Hi Ingrid,\n\nI would love to talk about the Perception role.\n\nMorgan');
    await panel.channel('LinkedIn');
    const message = 'Hi Ingrid, I just sent you an e-mail about the Perception role. Morgan';
    await panel.linkedinMessage().fill(message);
    await panelPage.getByTestId('send-both').click();

    await until('the SMTP server to receive the e-mail', () => smtp.to(PARTNER_EMAIL).length === 1).catch(
      async (e) => {
        await screenshot(panelPage, 'both-email-failed');
        throw e;
      },
    );
    expect(smtp.to(PARTNER_EMAIL)[0]!.subject).toBe('The Staff Software Engineer, Perception role');
    const composer = thread.locator('.msg-form__contenteditable');
    await until('the composer to hold the message', async () =>
      ((await composer.innerText()) ?? '').includes('Hi Ingrid, I just sent you an e-mail'),
    );
    await panelPage
      .locator('[data-testid="both-email-status"][data-state="sent"]')
      .waitFor({ timeout: 15_000 });
    await panelPage.getByTestId('both-linkedin-waiting').waitFor();

    // Reachlog never presses Send: the user does, on LinkedIn's page
    await pressLinkedInSend(thread, message);
    await panelPage
      .locator('[data-testid="both-status"][data-state="sent"]')
      .waitFor({ timeout: 20_000 })
      .catch(async (e) => {
        await screenshot(panelPage, 'both-linkedin-failed');
        throw e;
      });
    await screenshot(panelPage, 'sidepanel-both-sent');

    await dash.go('overview');
    await until('the both row', async () => (await dash.attempts()).some((r) => r[4] === 'Email + LinkedIn'));
    const rows = await dash.attempts();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(1)).toEqual([
      PARTNER,
      'Vesper Robotics',
      'Talent Acquisition Lead',
      'Email + LinkedIn',
      'sent',
    ]);
    firstId = Number(await dash.attemptRows().first().getAttribute('data-history-id'));
    expect(firstId).toBeGreaterThan(0);
    expect(smtp.to(PARTNER_EMAIL)).toHaveLength(1);
    await thread.close();
  });

  it('a follow-up comes due (the first send 8 days old), opens from its template and is sent linked to the first', async () => {
    await dash.go('overview');
    expect(await dashPage.getByTestId('follow-ups-due').getAttribute('data-count')).toBe('0');
    backdate(database.url, firstId, 8 * DAY);
    await dashPage.evaluate(() => chrome.runtime.sendMessage({ type: 'sync-now' }));
    await dashPage.locator('[data-testid="follow-ups-due"][data-count="1"]').waitFor({ timeout: 15_000 });
    const due = dashPage.getByTestId('follow-up-row');
    expect(await due.textContent()).toContain(PARTNER);
    await screenshot(dashPage, 'dashboard-follow-up-due');

    // the side panel of that person offers it too, and opens the draft in its editor. The thread
    // shown is the conversation as it stood before the first send: her messages there are older,
    // not replies (the fixture's "Monday"/"Today" would be after a send made 8 days ago, and
    // reply detection would rightly mark it answered)
    const older = (daysAgo: number) =>
      new Date(Date.now() - daysAgo * DAY).toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
    const pagesDir = mkdtempSync(path.join(tmpdir(), 'reachlog-follow-up-'));
    writeFileSync(
      path.join(pagesDir, 'earlier-thread.html'),
      readFileSync(path.join(linkedInFixturesDir, 'messaging_thread.html'), 'utf8')
        .replaceAll('>Monday<', `>${older(11)}<`)
        .replaceAll('>Today<', `>${older(10)}<`),
    );
    await serveLinkedInFixtures(ext.context, { [THREAD_PATH]: 'earlier-thread' }, { fixturesDir: pagesDir });
    const thread = await ext.context.newPage();
    await thread.goto(THREAD_URL);
    await panel.waitForPerson(PARTNER);
    const banner = panelPage.getByTestId('follow-up-due');
    await banner.waitFor({ timeout: 15_000 });
    await banner.getByTestId('follow-up').click();
    await panelPage.getByTestId('follow-up-of').waitFor();
    expect(await panelPage.getByTestId('follow-up-of').textContent()).toContain(
      `Follow-up of your message to ${PARTNER}`,
    );
    await panel.channel('LinkedIn');
    expect(await panel.linkedinMessage().inputValue()).toMatch(/^Hi Ingrid,\n\nJust following up/);
    await screenshot(panelPage, 'sidepanel-follow-up');
    await thread.close();

    await dash.go('overview');
    await due.getByTestId('follow-up').click();
    const form = dashPage.getByTestId('draft-form');
    await form.waitFor({ timeout: 15_000 });
    // from the follow-up template; the conversation had no job, so {{jobTitle}} is the user's to fill
    const subject = await form.getByTestId('form-subject').inputValue();
    expect(subject).toContain('Following up');
    const body = await form.getByTestId('form-body').inputValue();
    expect(body).toMatch(/^Hi Ingrid,/);
    expect(body).toContain('Morgan Ellery');
    await form.getByTestId('form-subject').fill(subject.replace('{{jobTitle}}', 'Perception'));
    await form.getByTestId('form-body').fill(body.replaceAll('{{jobTitle}}', 'Perception'));
    await form.getByTestId('draft-send').click();
    await until('the follow-up e-mail', () => smtp.to(PARTNER_EMAIL).length === 2);
    expect(smtp.to(PARTNER_EMAIL)[1]!.subject).toContain('Following up');

    await dash.go('overview');
    await dashPage.locator('[data-testid="follow-ups-due"][data-count="0"]').waitFor({ timeout: 15_000 });
    await dash.go('history');
    await until('both history rows', async () => (await dashPage.getByTestId('history-row').count()) === 2);
    // newest first: the follow-up
    await dashPage.getByTestId('history-row').first().click();
    const followUpOf = dashPage.getByTestId('history-follow-up-of');
    await followUpOf.waitFor();
    expect(await followUpOf.textContent()).toContain(`${PARTNER} · Email + LinkedIn`);
    await dashPage.getByTestId('history-row').nth(1).click();
    await dashPage.getByTestId('history-followed-up').waitFor();
    expect(await dashPage.getByTestId('history-followed-up').textContent()).toContain('Email');
    await screenshot(dashPage, 'dashboard-history-follow-up');
    for (const e of errors) expect(e.uncaught).toEqual([]);
  });
});
