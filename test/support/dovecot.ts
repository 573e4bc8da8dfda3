// Mailboxes on the run's dovecot (test/setup/dovecot.ts): a fresh user per test, and a way to
// deliver a message into it as a mail server would (IMAP APPEND).
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { inject } from 'vitest';

export interface TestMailbox {
  username: string;
  password: string;
  /** Puts a raw RFC 5322 message into the mailbox's INBOX. */
  deliver(raw: string): Promise<void>;
}

export function dovecot() {
  return inject('dovecot');
}

function clientFor(username: string, password: string): ImapFlow {
  const info = dovecot();
  return new ImapFlow({
    host: info.host,
    port: info.imapsPort,
    secure: true,
    tls: { ca: [info.cert] },
    auth: { user: username, pass: password },
    logger: false,
  });
}

export function createMailbox(): TestMailbox {
  const info = dovecot();
  const username = `box-${randomUUID().slice(0, 12)}`;
  const password = `pw-${randomUUID()}`;
  writeFileSync(join(info.usersDir, `${username}.passwd`), `${username}:{PLAIN}${password}\n`);
  return {
    username,
    password,
    async deliver(raw) {
      const client = clientFor(username, password);
      await client.connect();
      try {
        await client.append('INBOX', raw);
      } finally {
        await client.logout();
      }
    },
  };
}

/** A reply as a recipient's mail program writes it: In-Reply-To and References name the message. */
export function replyTo(
  messageId: string,
  opts: { from?: string; subject?: string; date?: Date } = {},
): string {
  return [
    `From: ${opts.from ?? 'Recruiter <recruiter@example.com>'}`,
    'To: someone@example.com',
    `Subject: ${opts.subject ?? 'Re: Hello'}`,
    `Date: ${(opts.date ?? new Date()).toUTCString()}`,
    `Message-ID: <${randomUUID()}@mail.example.com>`,
    `In-Reply-To: ${messageId}`,
    `References: ${messageId}`,
    '',
    'Thanks for reaching out, happy to talk.',
    '',
  ].join('\r\n');
}
