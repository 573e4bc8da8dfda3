// Page object for the dashboard (chrome-extension://<id>/dashboard.html).
import type { Locator, Page } from 'playwright-core';

export type Section = 'overview' | 'drafts' | 'history' | 'stats' | 'contacts' | 'settings';

export class DashboardPage {
  constructor(readonly page: Page) {}

  async go(section: Section): Promise<void> {
    // A background tab gets throttled timers and no animation frames: every action would wait.
    await this.page.bringToFront();
    await this.page.getByTestId(`nav-${section}`).click();
  }

  /**
   * Creates the account in Settings; with `confirmCode`, also confirms the e-mail address by
   * typing the code it returns (read from the mail the server sent), as a user does.
   */
  async signUp(opts: {
    serverUrl: string;
    name: string;
    email: string;
    password: string;
    confirmCode?: () => Promise<string>;
  }): Promise<void> {
    await this.go('settings');
    const form = this.page.getByTestId('sign-in-form');
    await form.getByTestId('mode-sign-up').click();
    await form.getByTestId('server-url').fill(opts.serverUrl);
    await form.getByTestId('account-name').fill(opts.name);
    await form.getByTestId('account-email').fill(opts.email);
    await form.getByTestId('account-password').fill(opts.password);
    await form.getByTestId('account-submit').click();
    await this.page.getByTestId('signed-in').waitFor({ timeout: 15_000 });
    if (opts.confirmCode) await this.confirmEmail(await opts.confirmCode());
  }

  /** Types the e-mailed code into the "Confirm your e-mail address" box and waits for it to go. */
  async confirmEmail(code: string): Promise<void> {
    const box = this.page.getByTestId('confirm-email');
    await box.getByTestId('confirm-code').fill(code);
    await box.getByTestId('confirm-submit').click();
    await box.waitFor({ state: 'detached', timeout: 15_000 });
  }

  async signIn(opts: { serverUrl: string; email: string; password: string }): Promise<void> {
    await this.go('settings');
    const form = this.page.getByTestId('sign-in-form');
    await form.getByTestId('server-url').fill(opts.serverUrl);
    await form.getByTestId('account-email').fill(opts.email);
    await form.getByTestId('account-password').fill(opts.password);
    await form.getByTestId('account-submit').click();
    await this.page.getByTestId('signed-in').waitFor({ timeout: 15_000 });
  }

  async signOut(): Promise<void> {
    await this.go('settings');
    await this.page.getByTestId('sign-out').click();
    await this.page.getByTestId('sign-in-form').waitFor({ timeout: 15_000 });
  }

  /** The sync status line: its state (synced, syncing, offline, error, signed-out) and text. */
  async syncStatus(): Promise<{ state: string | null; text: string }> {
    const line = this.page.getByTestId('sync-status');
    return { state: await line.getAttribute('data-state'), text: ((await line.textContent()) ?? '').trim() };
  }

  /** Opens a draft of the Drafts list by its recipient's name. */
  async openDraft(recipientName: string): Promise<Locator> {
    await this.go('drafts');
    await this.draftRows().filter({ hasText: recipientName }).first().click();
    const form = this.page.getByTestId('draft-form');
    await form.waitFor();
    return form;
  }

  async setMyName(name: string): Promise<void> {
    await this.go('settings');
    await this.page.getByTestId('my-name').fill(name);
  }

  attemptRows(): Locator {
    return this.page.getByTestId('attempt-row');
  }

  /** The Latest attempts table as text cells, newest first. */
  async attempts(): Promise<string[][]> {
    return this.attemptRows().evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
    );
  }

  async headers(): Promise<string[]> {
    return this.page
      .getByTestId('latest-attempts')
      .locator('th')
      .evaluateAll((ths) => ths.map((th) => (th.textContent ?? '').trim()));
  }

  draftRows(): Locator {
    return this.page.getByTestId('draft-row');
  }

  /** Deletes every listed draft through the checkboxes and the confirm; returns the confirm text. */
  async deleteAllDrafts(): Promise<string> {
    await this.go('drafts');
    await this.page.getByLabel('Select all drafts').check();
    await this.page.getByTestId('delete-selected').click();
    const confirm = this.page.getByTestId('confirm-delete');
    const text = (await confirm.textContent()) ?? '';
    await this.page.getByTestId('confirm-delete-yes').click();
    await this.page.getByTestId('drafts-notice').waitFor();
    return text;
  }
}
