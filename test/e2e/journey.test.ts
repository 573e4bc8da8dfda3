// The whole user journey in real Chromium with the built extension, the real server over HTTP
// (SQLite file) and a real SMTP server on loopback:
// sign up → job page → side panel shows the recruiter → draft from a template → e-mail sent
// (the SMTP server has it) → Latest attempts → delete the draft, the row stays → LinkedIn
// message through the composer, the user's send noticed → LinkedIn row → "already contacted"
// on the next visit → server down, the send waits → server back, sent once → screenshots.
//
// The side panel is opened as a page (headless Chromium cannot show the real side panel); it
// then shows the capture of the most recently updated LinkedIn tab (see use-active-capture.ts).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  SMTP_TEST_PASSWORD,
  SMTP_TEST_USER,
  startSmtpRecorder,
  type SmtpRecorder,
} from '../support/smtp-recorder';
import {
  THREAD_PARTNER,
  THREAD_PATH,
  THREAD_URL,
  collectPageErrors,
  launchExtension,
  pressLinkedInSend,
  screenshot,
  serveLinkedInFixtures,
  type ExtensionBrowser,
  type PageErrors,
  until,
  untilComposerHolds,
} from './harness';
import { signUpWithCode } from './harness/sign-up-with-code';
import { DashboardPage } from './pages/dashboard-page';
import { SidePanelPage } from './pages/sidepanel-page';

const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
const RECRUITER = 'Marisol Quintero';
const RECRUITER_EMAIL = 'marisol.quintero@brightline.example';

describe('Reachlog journey in Chromium', () => {
  let smtp: SmtpRecorder;
  let database: TestDatabase;
  let server: RunningServer | null = null;
  let serverUrl = '';
  const secret = randomBytes(32).toString('hex');
  let ext: ExtensionBrowser;
  let dash: DashboardPage;
  let panel: SidePanelPage;
  let dashPage: Page;
  let panelPage: Page;
  const errors: PageErrors[] = [];

  const start = async (port = 0) => {
    server = await startServer({
      databaseUrl: database.url,
      host: '127.0.0.1',
      port,
      smtpUrl: smtp.url,
      // the sender address for mail through the server-wide relay
      smtpFrom: 'outreach@reachlog.example',
      secret,
    });
    serverUrl = server.url.replace(/\/+$/, '');
  };

  beforeAll(async () => {
    smtp = await startSmtpRecorder();
    database = await createTestDatabase();
    await start();
    ext = await launchExtension();
    await serveLinkedInFixtures(ext.context, {
      [JOB_URL]: 'job_view_hiring_team',
      [THREAD_PATH]: 'messaging_thread',
    });
  });

  afterAll(async () => {
    await ext?.close();
    await server?.close();
    await smtp?.close();
    await database?.drop();
  });

  it('signs up in the dashboard settings', async () => {
    dashPage = await ext.openExtensionPage('/dashboard.html');
    errors.push(collectPageErrors(dashPage));
    dash = new DashboardPage(dashPage);
    await signUpWithCode(dash, smtp, {
      serverUrl,
      name: 'Morgan Ellery',
      email: 'morgan@example.com',
      password: 'correct horse battery',
    });
    await dash.go('overview');
    await dashPage.getByText('Nothing sent yet').waitFor();
  });

  it('shows the job page’s recruiter in the side panel', async () => {
    const job = await ext.context.newPage();
    await job.goto(JOB_URL);
    panelPage = await ext.openExtensionPage('/sidepanel.html');
    errors.push(collectPageErrors(panelPage));
    panel = new SidePanelPage(panelPage);
    await panel.waitForPerson(RECRUITER);
    await expect
      .poll(() => panelPage.getByTestId('job-card').textContent())
      .toContain('Staff Backend Engineer, Payments');
    await expect
      .poll(() => panelPage.getByTestId('not-contacted').textContent())
      .toContain('No earlier messages');
  });

  it('writes a draft from a template and sends the e-mail over SMTP', async () => {
    await panel.setEmail(RECRUITER_EMAIL);
    await panel.useTemplate('Introduction e-mail');
    await expect
      .poll(() => panel.subject().inputValue())
      .toBe('Interested in the Staff Backend Engineer, Payments role at Brightline Freight');
    const body = await panel.body().inputValue();
    expect(body).toMatch(/^Hi Marisol,/);
    expect(body).toContain('Morgan Ellery');
    expect(body).not.toContain('{{');
    // saved as you type: the draft is in Dexie before any send
    await panelPage.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();

    await panel.sendEmail();
    await until('the SMTP server to receive the e-mail', () => smtp.to(RECRUITER_EMAIL).length === 1).catch(
      async (e) => {
        await screenshot(panelPage, 'journey-email-failed');
        throw e;
      },
    );
    const mail = smtp.to(RECRUITER_EMAIL)[0]!;
    expect(mail.subject).toBe(
      'Interested in the Staff Backend Engineer, Payments role at Brightline Freight',
    );
    expect(mail.text).toContain('Hi Marisol,');
    await panelPage
      .locator('[data-testid="send-status-email"][data-state="sent"]')
      .waitFor({ timeout: 15_000 });
  });

  it('lists the send in Latest attempts with its columns (named for what they hold) and labels', async () => {
    await dash.go('overview');
    await until('the attempt row', async () => (await dash.attemptRows().count()) === 1);
    expect(await dash.headers()).toEqual([
      'Time',
      'Recruiter',
      'Company',
      'Job or role',
      'Channel',
      'Status',
    ]);
    const [row] = await dash.attempts();
    expect(row!.slice(1)).toEqual([
      RECRUITER,
      'Brightline Freight',
      'Staff Backend Engineer, Payments',
      'Email',
      'sent',
    ]);
    expect(row![0]).toMatch(/\d{1,2}:\d{2}/);
  });

  it('deletes the draft and keeps the history row', async () => {
    await dash.go('drafts');
    await until('the draft row', async () => (await dash.draftRows().count()) === 1);
    const confirmText = await dash.deleteAllDrafts();
    expect(confirmText).toContain('never removes history');
    await until('the drafts list to empty', async () => (await dash.draftRows().count()) === 0);
    await dash.go('overview');
    await until('the attempt row after the delete', async () => (await dash.attemptRows().count()) === 1);
    expect((await dash.attempts())[0]![1]).toBe(RECRUITER);
  });

  it('puts a LinkedIn message in the composer and records the user’s send as LinkedIn', async () => {
    const thread = await ext.context.newPage();
    await thread.goto(THREAD_URL);
    await panel.waitForPerson(THREAD_PARTNER);
    await panel.channel('LinkedIn');
    await panel.useTemplate('LinkedIn message');
    await expect.poll(() => panel.linkedinMessage().inputValue()).toMatch(/^Hi Ingrid,/);
    // The conversation shows no job: {{jobTitle}} is highlighted and blocks the composer until typed in.
    await expect.poll(() => panelPage.getByTestId('template-issues').textContent()).toContain('{{jobTitle}}');
    expect(await panelPage.getByTestId('fill-composer').isDisabled()).toBe(true);
    const filled = (await panel.linkedinMessage().inputValue()).replace(
      '{{jobTitle}}',
      'Staff Software Engineer, Perception',
    );
    await panel.linkedinMessage().fill(filled);
    const text = await panel.linkedinMessage().inputValue();
    expect(text).not.toContain('{{');
    await panelPage.getByTestId('fill-composer').click();
    await panelPage.getByTestId('composer-filled').waitFor();
    await untilComposerHolds(thread, 'Hi Ingrid,');

    // The user presses LinkedIn's Send: LinkedIn shows the bubble and empties the composer.
    await pressLinkedInSend(thread, text);

    // The side panel follows the recorded send; the dashboard lists it as LinkedIn.
    await panelPage
      .locator('[data-testid="send-status-linkedin"][data-state="sent"]')
      .waitFor({ timeout: 20_000 })
      .catch(async (e) => {
        await screenshot(panelPage, 'journey-linkedin-failed');
        throw e;
      });
    await dash.go('overview');
    const row = await until('the LinkedIn attempt row', async () =>
      (await dash.attempts()).find((r) => r[1] === THREAD_PARTNER),
    );
    // no job in a conversation: "Job or role" shows the partner's role instead of a blank
    expect(row.slice(2)).toEqual(['Vesper Robotics', 'Talent Acquisition Lead', 'LinkedIn', 'sent']);
    await thread.close();
  });

  it('warns before writing again on the next visit', async () => {
    const job = await ext.context.newPage();
    await job.goto(JOB_URL);
    await panel.waitForPerson(RECRUITER);
    await panel.alreadyContactedWarning().waitFor();
    expect(await panel.alreadyContactedWarning().textContent()).toContain(
      `You already wrote to ${RECRUITER}`,
    );
  });

  it('keeps a send waiting while the server is down and sends it once when it is back', async () => {
    const port = Number(new URL(serverUrl).port);
    await server!.close();
    server = null;

    await panel.channel('E-mail');
    await panel.setEmail(RECRUITER_EMAIL);
    await panel.useTemplate('Introduction e-mail');
    await panel.subject().fill('Following up on the Staff Backend Engineer role');
    await panel.sendEmail({ confirmAgain: true });
    await panelPage
      .locator('[data-testid="send-status-email"]')
      .filter({ hasText: 'Waiting for connection' })
      .waitFor({ timeout: 20_000 });
    await screenshot(panelPage, 'journey-sidepanel-waiting');
    expect(smtp.to(RECRUITER_EMAIL)).toHaveLength(1);

    await start(port);
    // Retry is offered while waiting; the outbox would also try again on its own.
    const retry = panelPage.getByTestId('send-status-email').getByRole('button', { name: 'Retry' });
    // (it may go by itself before the click lands: the background retries as soon as a sync gets through)
    if (await retry.isVisible()) await retry.click({ timeout: 3_000 }).catch(() => undefined);
    await panelPage
      .locator('[data-testid="send-status-email"][data-state="sent"]')
      .waitFor({ timeout: 30_000 });
    await until('the second e-mail', () => smtp.to(RECRUITER_EMAIL).length === 2);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.to(RECRUITER_EMAIL)).toHaveLength(2);
    expect(smtp.to(RECRUITER_EMAIL)[1]!.subject).toBe('Following up on the Staff Backend Engineer role');
  });

  it('searches history, shows a send in full and exports it as CSV', async () => {
    await dash.go('history');
    await until('all history rows', async () => (await dashPage.getByTestId('history-row').count()) === 3);
    await dashPage.getByTestId('history-search').fill('ingrid');
    await until(
      'the search to narrow the list',
      async () => (await dashPage.getByTestId('history-row').count()) === 1,
    );
    expect(await dashPage.getByTestId('history-count').textContent()).toBe('1 of 3 sends');
    await dashPage.getByTestId('history-row').click();
    const detail = dashPage.getByTestId('history-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('Staff Software Engineer, Perception');

    const [download] = await Promise.all([
      dashPage.waitForEvent('download'),
      dashPage.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^reachlog-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('recipientName');
    expect(csv).toContain(THREAD_PARTNER);
    expect(csv).not.toContain(RECRUITER);
    await dashPage.getByTestId('history-search').fill('');
  });

  // Sending a test e-mail through the user's own server is not run here: the server only allows
  // mail ports (25, 465, 587, 2525) and the SMTP recorder listens on a free random port.
  it('shows the server’s refusal of own SMTP settings in plain words and keeps nothing', async () => {
    await dash.go('settings');
    const section = dashPage.getByTestId('smtp-section');
    await section.getByLabel('Host').fill('127.0.0.1');
    await section.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await section.getByLabel('Username').fill(SMTP_TEST_USER);
    await section.getByLabel('Password').fill(SMTP_TEST_PASSWORD);
    await section.getByLabel('From address').fill('morgan@own-mail.example');
    await section.getByRole('button', { name: 'Save' }).click();
    const alert = section.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`Port ${smtp.port} is not a mail port`);
    expect(await section.textContent()).toContain('Not set');
    // the form keeps what was typed, so nothing is lost
    expect(await section.getByLabel('From address').inputValue()).toBe('morgan@own-mail.example');
  });

  it('saves screenshots of the side panel, popup and dashboard in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await panelPage.emulateMedia({ colorScheme: scheme });
      await panelPage.setViewportSize({ width: 400, height: 1100 });
      await screenshot(panelPage, `sidepanel-${scheme}`);

      const popup = await ext.openExtensionPage('/popup.html');
      errors.push(collectPageErrors(popup));
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 360, height: 480 });
      await popup.getByTestId('popup').waitFor();
      await screenshot(popup, `popup-${scheme}`);
      await popup.close();

      await dashPage.emulateMedia({ colorScheme: scheme });
      await dashPage.setViewportSize({ width: 1280, height: 800 });
      for (const section of ['overview', 'drafts', 'history', 'stats', 'settings'] as const) {
        await dash.go(section);
        // Sections but the overview load on demand: wait for the section itself, not a fixed time.
        if (section !== 'overview') await dashPage.getByTestId(`${section}-view`).waitFor();
        await dashPage.waitForTimeout(200);
        await screenshot(dashPage, `dashboard-${section}-${scheme}`);
      }
    }
    for (const e of errors) expect(e.uncaught).toEqual([]);
  });
});
