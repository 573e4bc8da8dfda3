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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  EMAIL_TO_PARTNER,
  PARTNER_EMAIL,
  THREAD_PARTNER,
  THREAD_PATH,
  THREAD_URL,
  collectPageErrors,
  launchExtension,
  pressLinkedInSendForBoth,
  screenshot,
  serveFixtureVariants,
  serveLinkedInFixtures,
  until,
  untilComposerHolds,
  type ExtensionBrowser,
  type PageErrors,
} from './harness';
import { backdateSend, readHistoryRow } from './harness/server-history';
import { startServerWithMail, type ServerWithMail } from './harness/server-with-mail';
import { signUpWithCode } from './harness/sign-up-with-code';
import { DashboardPage } from './pages/dashboard-page';
import { SidePanelPage } from './pages/sidepanel-page';

const PARTNER = THREAD_PARTNER;
const DAY = 24 * 3600 * 1000;

describe('Send e-mail + LinkedIn, then Follow up, in Chromium', () => {
  let stack: ServerWithMail;
  let ext: ExtensionBrowser;
  let dash: DashboardPage;
  let panel: SidePanelPage;
  let dashPage: Page;
  let panelPage: Page;
  let firstId = 0;
  const errors: PageErrors[] = [];

  beforeAll(async () => {
    stack = await startServerWithMail();
    ext = await launchExtension();
    await serveLinkedInFixtures(ext.context, { [THREAD_PATH]: 'messaging_thread' });
    dashPage = await ext.openExtensionPage('/dashboard.html');
    errors.push(collectPageErrors(dashPage));
    dash = new DashboardPage(dashPage);
    await signUpWithCode(dash, stack.smtp, {
      serverUrl: stack.serverUrl,
      name: 'Morgan Ellery',
      email: 'morgan.both@example.com',
      password: 'correct horse battery',
    });
  });

  afterAll(async () => {
    await ext?.close();
    await stack?.close();
  });

  it('sends the e-mail and the LinkedIn message of one draft as one "Email + LinkedIn" row', async () => {
    const thread = await ext.context.newPage();
    await thread.goto(THREAD_URL);
    panelPage = await ext.openExtensionPage('/sidepanel.html');
    errors.push(collectPageErrors(panelPage));
    panel = new SidePanelPage(panelPage);
    await panel.waitForPerson(PARTNER);

    await panel.writeEmail(EMAIL_TO_PARTNER);
    await panel.channel('LinkedIn');
    const message = 'Hi Ingrid, I just sent you an e-mail about the Perception role. Morgan';
    await panel.linkedinMessage().fill(message);
    await panelPage.getByTestId('send-both').click();

    await until(
      'the SMTP server to receive the e-mail',
      () => stack.smtp.to(PARTNER_EMAIL).length === 1,
    ).catch(async (e) => {
      await screenshot(panelPage, 'both-email-failed');
      throw e;
    });
    expect(stack.smtp.to(PARTNER_EMAIL)[0]!.subject).toBe('The Staff Software Engineer, Perception role');
    await untilComposerHolds(thread, 'Hi Ingrid, I just sent you an e-mail');
    await panelPage
      .locator('[data-testid="both-email-status"][data-state="sent"]')
      .waitFor({ timeout: 15_000 });
    await panelPage.getByTestId('both-linkedin-waiting').waitFor();

    await pressLinkedInSendForBoth(thread, panelPage, message, 'both-linkedin-failed');
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
    expect(stack.smtp.to(PARTNER_EMAIL)).toHaveLength(1);
    // the row shows "Email + LinkedIn" as soon as this browser has it; the server records the
    // LinkedIn half on its own time (slow on a loaded machine): the next test changes the
    // server's row, so it waits until no write of this send is still on its way
    await until(
      'the server row is both',
      async () => readHistoryRow(stack.database.url, firstId).channel === 'both',
    );
    await thread.close();
  });

  it('a follow-up comes due (the first send 8 days old), opens from its template and is sent linked to the first', async () => {
    await dash.go('overview');
    expect(await dashPage.getByTestId('follow-ups-due').getAttribute('data-count')).toBe('0');
    backdateSend(stack.database.url, firstId, 8 * DAY);
    const synced = await dashPage.evaluate(() => chrome.runtime.sendMessage({ type: 'sync-now' }));
    expect(synced).toMatchObject({ ok: true, value: { state: 'synced' } });
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
    await serveFixtureVariants(ext.context, {
      [THREAD_PATH]: {
        fixture: 'messaging_thread',
        edit: (html) => html.replaceAll('>Monday<', `>${older(11)}<`).replaceAll('>Today<', `>${older(10)}<`),
      },
    });
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
    await until('the follow-up e-mail', () => stack.smtp.to(PARTNER_EMAIL).length === 2);
    expect(stack.smtp.to(PARTNER_EMAIL)[1]!.subject).toContain('Following up');

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
