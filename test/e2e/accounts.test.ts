// Accounts in the built extension, in real Chromium, against the real server and its relay (an
// SMTP server on loopback): create an account, confirm the address with the mailed code, sign
// out, forget the password and set a new one with a mailed code.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { codeIn, takeCodeMail } from '../support/server';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';
import {
  collectPageErrors,
  launchExtension,
  screenshot,
  type ExtensionBrowser,
  type PageErrors,
} from './harness';
import { DashboardPage } from './pages/dashboard-page';

const EMAIL = 'robin.ashdown@example.com';
const PASSWORD = 'lantern-meadow-copper-19';
const NEW_PASSWORD = 'harbour-violet-kettle-83';

describe('accounts in the dashboard', () => {
  let smtp: SmtpRecorder;
  let database: TestDatabase;
  let server: RunningServer;
  let ext: ExtensionBrowser;
  let page: Page;
  let dash: DashboardPage;
  let errors: PageErrors;

  beforeAll(async () => {
    smtp = await startSmtpRecorder();
    database = await createTestDatabase();
    server = await startServer({
      databaseUrl: database.url,
      host: '127.0.0.1',
      port: 0,
      smtpUrl: smtp.url,
      smtpFrom: 'accounts@reachlog.example',
      secret: randomBytes(32).toString('hex'),
    });
    ext = await launchExtension();
    page = await ext.openExtensionPage('/dashboard.html');
    errors = collectPageErrors(page);
    dash = new DashboardPage(page);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
    await smtp?.close();
    await database?.drop();
  });

  it('refuses a common password in plain words', async () => {
    await dash.go('settings');
    const form = page.getByTestId('sign-in-form');
    await form.getByTestId('mode-sign-up').click();
    await form.getByTestId('server-url').fill(server.url);
    await form.getByTestId('account-email').fill(EMAIL);
    await form.getByTestId('account-password').fill('12345678');
    await form.getByTestId('account-submit').click();
    await expect
      .poll(() => page.getByTestId('account-error').textContent(), { timeout: 15_000 })
      .toBe(
        'This password is too easy to guess (this is a heavily used password). Add more words that are less common.',
      );
  });

  it('creates the account and confirms the address with the mailed code', async () => {
    await dash.signUp({ serverUrl: server.url, name: 'Robin Ashdown', email: EMAIL, password: PASSWORD });
    const box = page.getByTestId('confirm-email');
    await box.waitFor();
    expect(await box.textContent()).toContain(EMAIL);
    await screenshot(page, 'accounts-confirm-email');
    // A wrong code is refused in plain words; the mailed one confirms.
    const code = codeIn(await takeCodeMail(smtp, EMAIL, 'Confirm your e-mail address'));
    await box.getByTestId('confirm-code').fill(code === '000000' ? '111111' : '000000');
    await box.getByTestId('confirm-submit').click();
    await expect
      .poll(() => page.getByTestId('confirm-error').textContent())
      .toBe('That code is not right: check the 6 digits in the latest e-mail, or ask for a new code.');
    await dash.confirmEmail(code);
    expect(await page.getByTestId('signed-in').textContent()).toContain(EMAIL);
  });

  it('after signing out, a forgotten password is replaced with a mailed code', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    await page.getByTestId('mode-sign-in').click();
    await page.getByTestId('forgot-password').click();
    const reset = page.getByTestId('reset-password-form');
    await reset.getByTestId('reset-email').fill(EMAIL);
    await reset.getByTestId('reset-send').click();
    await reset.getByTestId('reset-sent').waitFor();
    const code = codeIn(await takeCodeMail(smtp, EMAIL, 'Reset your Reachlog password'));
    await reset.getByTestId('reset-code').fill(code);
    await reset.getByTestId('reset-new-password').fill('password1');
    await reset.getByTestId('reset-submit').click();
    await expect
      .poll(() => page.getByTestId('reset-error').textContent())
      .toMatch(/^This password is too easy to guess/);
    await reset.getByTestId('reset-new-password').fill(NEW_PASSWORD);
    await reset.getByTestId('reset-submit').click();
    await page.getByTestId('signed-in').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('account-notice').textContent()).toBe(
      'Password changed. You are signed in; every other device was signed out.',
    );
    await screenshot(page, 'accounts-after-reset');
    expect(errors.uncaught).toEqual([]);
  });
});
