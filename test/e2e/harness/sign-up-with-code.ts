// Signing up in the dashboard as a user does: the account form, then the code the server mails
// to confirm the address (the relay sends for an account only once it is confirmed), then the
// user's name for templates.
import type { DashboardPage } from '../pages/dashboard-page';
import { codeIn, takeCodeMail } from '../../support/server';
import type { SmtpRecorder } from '../../support/smtp-recorder';

export interface NewAccount {
  serverUrl: string;
  name: string;
  email: string;
  password: string;
}

export async function signUpWithCode(
  dash: DashboardPage,
  smtp: SmtpRecorder,
  account: NewAccount,
): Promise<void> {
  await dash.signUp({
    ...account,
    confirmCode: async () => codeIn(await takeCodeMail(smtp, account.email, 'Confirm')),
  });
  await dash.setMyName(account.name);
}
