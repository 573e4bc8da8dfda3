// The server's own mail about accounts: the code that confirms an account's e-mail address and
// the code that resets a forgotten password. It goes through the server-wide relay (SMTP_URL),
// from the relay's sender: these mails are the server speaking, never a user.
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { relaySender } from './mailer';

export type CodePurpose = 'email-verification' | 'forget-password';

/** Minutes a code stays valid (better-auth's emailOTP expiresIn). */
export const CODE_MINUTES = 10;

export interface AccountMail {
  /** False when the server has no relay (or no sender for it): no code can be sent. */
  readonly available: boolean;
  sendCode(to: string, code: string, purpose: CodePurpose): Promise<void>;
  close(): void;
}

const TEXT: Record<CodePurpose, { subject: string; body: (code: string) => string }> = {
  'email-verification': {
    subject: 'Confirm your e-mail address for Reachlog',
    body: (code) =>
      `Your Reachlog confirmation code is ${code}\n\n` +
      `Enter it in Reachlog's dashboard (Settings → Account) to confirm that this address is yours. ` +
      `It works for ${CODE_MINUTES} minutes.\n\n` +
      `If you did not create a Reachlog account, ignore this e-mail: nothing will be sent for it.\n`,
  },
  'forget-password': {
    subject: 'Reset your Reachlog password',
    body: (code) =>
      `Your Reachlog password reset code is ${code}\n\n` +
      `Enter it in Reachlog's dashboard (Settings → Account → Forgot your password?) with your new password. ` +
      `It works for ${CODE_MINUTES} minutes.\n\n` +
      `If you did not ask to reset your password, ignore this e-mail: your password stays as it is.\n`,
  },
};

export function createAccountMail(opts: {
  smtpUrl?: string | undefined;
  smtpFrom?: string | undefined;
  tlsCa?: string | undefined;
  log: Logger;
}): AccountMail {
  const sender = opts.smtpUrl ? relaySender(opts.smtpUrl, opts.smtpFrom) : null;
  let transport: Transporter | null = null;
  return {
    available: Boolean(opts.smtpUrl && sender),
    async sendCode(to, code, purpose) {
      if (!opts.smtpUrl || !sender) throw new Error('no relay to send account mail through');
      transport ??= nodemailer.createTransport({
        url: opts.smtpUrl,
        ...(opts.tlsCa ? { tls: { ca: [...tls.rootCertificates, opts.tlsCa] } } : {}),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as never);
      const text = TEXT[purpose];
      await transport.sendMail({ from: sender, to, subject: text.subject, text: text.body(code) });
    },
    close() {
      transport?.close();
      transport = null;
    },
  };
}
