// Page object for the side panel opened as a page (chrome-extension://<id>/sidepanel.html):
// with no LinkedIn tab active it shows the capture of the most recently updated LinkedIn tab.
import type { Locator, Page } from 'playwright-core';

export class SidePanelPage {
  constructor(readonly page: Page) {}

  personName(): Locator {
    return this.page.getByTestId('person-name');
  }

  /** Brings the panel's tab to the front (background tabs are throttled) and waits for the person. */
  async waitForPerson(name: string, timeout = 15_000): Promise<void> {
    await this.page.bringToFront();
    await this.page.getByTestId('person-name').filter({ hasText: name }).waitFor({ timeout });
    await this.page.getByTestId('draft-editor').waitFor({ timeout });
  }

  async channel(which: 'E-mail' | 'LinkedIn'): Promise<void> {
    await this.page.getByRole('group', { name: 'Channel' }).getByRole('button', { name: which }).click();
  }

  async useTemplate(name: string): Promise<void> {
    const picker = this.page.getByTestId('template-picker');
    // the whole name: "LinkedIn message" is not "Follow-up LinkedIn message"
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const value = await picker.locator('option').filter({ hasText: exact }).getAttribute('value');
    if (!value) throw new Error(`No template named ${name}`);
    await picker.selectOption(value);
  }

  async setEmail(email: string): Promise<void> {
    await this.page.getByTestId('recipient-email').fill(email);
  }

  /** Writes an e-mail in the draft: the address, then the E-mail channel's subject and body. */
  async writeEmail(mail: { to: string; subject: string; body: string }): Promise<void> {
    await this.setEmail(mail.to);
    await this.channel('E-mail');
    await this.subject().fill(mail.subject);
    await this.body().fill(mail.body);
  }

  subject(): Locator {
    return this.page.getByTestId('email-subject');
  }
  body(): Locator {
    return this.page.getByTestId('email-body');
  }
  linkedinMessage(): Locator {
    return this.page.getByTestId('linkedin-message');
  }

  /** Clicks Send e-mail, confirming the "already contacted" question when it comes. */
  async sendEmail(opts: { confirmAgain?: boolean } = {}): Promise<void> {
    await this.page.getByTestId('send-email').click();
    if (opts.confirmAgain) {
      await this.page.getByTestId('confirm-again').waitFor();
      await this.page.getByTestId('confirm-again-yes').click();
    }
  }

  emailStatus(): Locator {
    return this.page.getByTestId('send-status-email');
  }

  linkedinStatus(): Locator {
    return this.page.getByTestId('send-status-linkedin');
  }

  alreadyContactedWarning(): Locator {
    return this.page.getByTestId('already-contacted-warning');
  }
}
