// A LinkedIn page whose names, headline and job title carry markup and script (as anyone can type
// into their own profile), and a profile link that is a javascript: URL. The built extension, in
// real Chromium, shows all of it as text in the side panel, the popup and the dashboard: no
// script runs, no element is made from the page's text, no javascript: link can be clicked.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';
import {
  collectPageErrors,
  launchExtension,
  linkedInFixturesDir,
  screenshot,
  serveLinkedInFixtures,
  type ExtensionBrowser,
  type PageErrors,
} from './harness';
import { DashboardPage } from './pages/dashboard-page';
import { SidePanelPage } from './pages/sidepanel-page';

const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
/** What the page shows as text (the fixture has it HTML-escaped, as LinkedIn serves user text). */
const NAME = 'Marisol <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
const HEADLINE = '<svg onload="window.__xss=3"> Recruiter at Brightline Freight';
const TITLE = 'Staff <script>window.__xss=4</script> Engineer';
const SUBJECT = 'About <img src=x onerror="window.__xss=5">';
const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Nothing on the page came from the hostile text: no script ran, no element was made from it. */
async function expectInert(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]').length,
    inlineScripts: Array.from(document.scripts).filter((s) => !s.src).length,
    svg: document.querySelectorAll('svg[onload]').length,
    javascriptLinks: Array.from(document.querySelectorAll('a[href], area[href], [formaction]')).filter((a) =>
      /^\s*javascript:/i.test(a.getAttribute('href') ?? a.getAttribute('formaction') ?? ''),
    ).length,
  }));
  expect(found, where).toEqual({ xss: null, handlers: 0, inlineScripts: 0, svg: 0, javascriptLinks: 0 });
}

describe('a LinkedIn page with markup and script in its text', () => {
  let smtp: SmtpRecorder;
  let database: TestDatabase;
  let server: RunningServer;
  let ext: ExtensionBrowser;
  let fixtures: string;
  const dialogs: string[] = [];
  const errors: PageErrors[] = [];

  beforeAll(async () => {
    fixtures = mkdtempSync(path.join(tmpdir(), 'reachlog-hostile-'));
    let html = readFileSync(path.join(linkedInFixturesDir, 'job_view_hiring_team.html'), 'utf8');
    html = html
      .replace('<strong>Marisol Quintero</strong>', `<strong>${escape(NAME)}</strong>`)
      .replace('Technical Recruiter at Brightline Freight', escape(HEADLINE))
      .replace('<!---->Staff Backend Engineer, Payments<!---->', `<!---->${escape(TITLE)}<!---->`)
      // the photo's link: a javascript: URL where a profile link should be
      .replace(
        /(<a class="app-aware-link" href=")https:\/\/www\.linkedin\.com\/in\/marisol-quintero-recruits\?[^"]*(")/,
        '$1javascript:window.__xss=6$2',
      );
    writeFileSync(path.join(fixtures, 'hostile_job.html'), html);

    smtp = await startSmtpRecorder();
    database = await createTestDatabase();
    server = await startServer({
      databaseUrl: database.url,
      host: '127.0.0.1',
      port: 0,
      smtpUrl: smtp.url,
      smtpFrom: 'outreach@reachlog.example',
      secret: randomBytes(32).toString('hex'),
      // this test is about rendering, not accounts
      emailVerification: 'off',
    });
    ext = await launchExtension();
    ext.context.on('page', (p) => p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss())));
    await serveLinkedInFixtures(ext.context, { [JOB_URL]: 'hostile_job' }, { fixturesDir: fixtures });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
    await smtp?.close();
    await database?.drop();
    if (fixtures) rmSync(fixtures, { recursive: true, force: true });
  });

  it('the side panel shows the names as text and sends an e-mail with markup in its subject', async () => {
    const dashPage = await ext.openExtensionPage('/dashboard.html');
    errors.push(collectPageErrors(dashPage));
    await new DashboardPage(dashPage).signUp({
      serverUrl: server.url,
      name: 'Morgan Ellery',
      email: 'morgan@example.com',
      password: 'correct horse battery',
    });
    const job = await ext.context.newPage();
    await job.goto(JOB_URL);
    const panelPage = await ext.openExtensionPage('/sidepanel.html');
    errors.push(collectPageErrors(panelPage));
    const panel = new SidePanelPage(panelPage);
    await panel.waitForPerson('Marisol');
    expect(await panelPage.getByTestId('person-name').first().textContent()).toContain(NAME);
    await expect.poll(() => panelPage.getByTestId('job-card').textContent()).toContain(TITLE);
    // the headline's role ("<svg …> Recruiter") is shown as the person's title
    expect(await panelPage.locator('body').textContent()).toContain('<svg onload="window.__xss=3">');
    await expectInert(panelPage, 'side panel');

    await panel.setEmail('marisol@brightline.example');
    await panel.subject().fill(SUBJECT);
    await panel.body().fill(`Hi ${NAME}, <a href="javascript:window.__xss=7">click</a>`);
    await panelPage.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
    await panel.sendEmail();
    await panelPage
      .locator('[data-testid="send-status-email"][data-state="sent"]')
      .waitFor({ timeout: 20_000 });
    await expectInert(panelPage, 'side panel after sending');
    await screenshot(panelPage, 'hostile-sidepanel');
  });

  it('the dashboard shows the send, the draft and the contact as text', async () => {
    const dashPage = await ext.openExtensionPage('/dashboard.html');
    errors.push(collectPageErrors(dashPage));
    const dash = new DashboardPage(dashPage);
    for (const section of ['overview', 'history', 'drafts', 'contacts', 'stats'] as const) {
      await dash.go(section);
      await dashPage.waitForTimeout(300);
      if (section === 'overview' || section === 'history') {
        await expect
          .poll(() => dashPage.locator('body').textContent(), { timeout: 15_000 })
          .toContain('Marisol <img');
      }
      await expectInert(dashPage, `dashboard ${section}`);
    }
    await dash.go('history');
    await dashPage.getByText(NAME).first().click();
    await expect.poll(() => dashPage.locator('body').textContent()).toContain(SUBJECT);
    await expectInert(dashPage, 'history detail');
    await screenshot(dashPage, 'hostile-dashboard-history');
  });

  it('the popup shows the page’s person as text', async () => {
    const popup = await ext.openExtensionPage('/popup.html');
    errors.push(collectPageErrors(popup));
    await popup.getByTestId('popup').waitFor();
    await popup.waitForTimeout(500);
    await expectInert(popup, 'popup');
    await screenshot(popup, 'hostile-popup');
  });

  it('no dialog opened and no page threw', () => {
    expect(dialogs).toEqual([]);
    for (const e of errors) expect(e.uncaught).toEqual([]);
  });
});
