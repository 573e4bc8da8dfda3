// Firefox ESR (the MV2 build, driven over WebDriver BiDi) and Chromium (the MV3 build) of one
// account on one server sync a draft both ways: made in Chromium's side panel, it shows in
// Firefox's dashboard; edited there, the edit shows in Chromium.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { createSqliteDatabase, type TestDatabase } from '../support/database';
import {
  launchExtension,
  launchFirefoxExtension,
  serveLinkedInFixtures,
  type ExtensionBrowser,
  type FirefoxExtensionBrowser,
  until,
} from './harness';
import { DashboardPage } from './pages/dashboard-page';
import { SidePanelPage } from './pages/sidepanel-page';

const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
const RECRUITER = 'Marisol Quintero';

/** Sets a React-controlled input the way typing does (the value setter, then an input event). */
const setValue = (testId: string, value: string) => `(() => {
  const el = document.querySelector('[data-testid="${testId}"]');
  if (!el) return false;
  const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, ${JSON.stringify(value)});
  el.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
})()`;

const click = (selector: string) =>
  `(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el) return false; el.click(); return true; })()`;

describe('Firefox and Chromium sync one draft', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let server: RunningServer;
  let chromium: ExtensionBrowser;
  let firefox: FirefoxExtensionBrowser;
  const user = {
    email: `fx-${randomBytes(4).toString('hex')}@example.com`,
    password: 'correct horse battery',
  };

  beforeAll(async () => {
    database = createSqliteDatabase();
    server = await startServer({
      databaseUrl: database.url,
      host: '127.0.0.1',
      port: 0,
      secret: randomBytes(32).toString('hex'),
    });
    chromium = await launchExtension();
    await serveLinkedInFixtures(chromium.context, { [JOB_URL]: 'job_view_hiring_team' });
    firefox = await launchFirefoxExtension();
  }, 180_000);

  afterAll(async () => {
    await firefox?.close();
    await chromium?.close();
    await server?.close();
    await database?.drop();
  });

  it('a draft made in Chromium shows in Firefox, and Firefox’s edit shows in Chromium', async () => {
    const dash = new DashboardPage(await chromium.openExtensionPage('/dashboard.html'));
    await dash.signUp({ serverUrl: server.url, name: 'Morgan', ...user });

    // Firefox signs in to the same account
    await firefox.goto(firefox.extensionUrl('dashboard.html#settings'));
    await until('the sign-in form', () =>
      firefox.evaluate<boolean>(`!!document.querySelector('[data-testid="sign-in-form"]')`),
    );
    for (const [id, value] of [
      ['server-url', server.url],
      ['account-email', user.email],
      ['account-password', user.password],
    ] as const) {
      expect(await firefox.evaluate<boolean>(setValue(id, value))).toBe(true);
    }
    await firefox.evaluate(click('[data-testid="account-submit"]'));
    await until('Firefox signed in', () =>
      firefox.evaluate<boolean>(`!!document.querySelector('[data-testid="signed-in"]')`),
    );
    await firefox.evaluate(`(location.hash = 'drafts', true)`);

    // Chromium writes a draft in its side panel
    const job = await chromium.context.newPage();
    await job.goto(JOB_URL);
    const panelPage = await chromium.openExtensionPage('/sidepanel.html');
    const panel = new SidePanelPage(panelPage);
    await panel.waitForPerson(RECRUITER);
    await panel.subject().fill('Written in Chromium');
    await panelPage.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();

    await until('the draft in Firefox', () =>
      firefox.evaluate<boolean>(
        `[...document.querySelectorAll('[data-testid="draft-row"]')].some((r) => r.textContent.includes(${JSON.stringify(RECRUITER)}))`,
      ),
    );
    await firefox.screenshot('sync-firefox-drafts');

    // Firefox edits it; Chromium's dashboard shows the edit
    await firefox.evaluate(click('[data-testid="draft-row"]'));
    await until('the form in Firefox', () =>
      firefox.evaluate<boolean>(setValue('form-subject', 'Edited in Firefox')),
    );
    const form = await dash.openDraft(RECRUITER);
    await until(
      'Firefox’s edit in Chromium',
      async () => (await form.getByTestId('form-subject').inputValue()) === 'Edited in Firefox',
    );
    expect(firefox.errors).toEqual([]);
  });
});
