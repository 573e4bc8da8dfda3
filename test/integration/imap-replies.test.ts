// E-mail reply detection against a real IMAP server (dovecot on loopback, test/setup/dovecot.ts):
// the user connects their mailbox; a recipient's answer arrives in it naming Reachlog's message
// in In-Reply-To / References; replies.check marks that send replied, and every browser pulls it.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { emailSend, linkedinSend } from '../support/fixtures';
import { createMailbox, dovecot, replyTo } from '../support/dovecot';
import { setupTestServer, type TestUser } from '../support/server';
import { failure } from '../support/trpc-errors';

const t = setupTestServer({
  server: { smtpTlsCa: dovecot().cert, replyCheckMinIntervalMs: 0 },
});

function messageIdOf(to: string): string {
  const mail = t.server.smtp.to(to).at(-1);
  const id = mail?.headers.get('message-id');
  if (typeof id !== 'string') throw new Error(`no Message-ID on the mail to ${to}`);
  return id;
}

async function connectMailbox(user: TestUser, mode: 'tls' | 'starttls' = 'tls') {
  const box = createMailbox();
  const d = dovecot();
  await user.client.imap.set.mutate({
    host: d.host,
    port: mode === 'tls' ? d.imapsPort : d.imapPort,
    secure: mode === 'tls',
    username: box.username,
    password: box.password,
  });
  return box;
}

describe('the test mailboxes', () => {
  // Dovecot re-reads a passwd file at most once a second: with one file for all users, a user
  // added right after another login was refused for up to a second, failing a test now and then.
  it('a mailbox made just after another login accepts its login at once', async () => {
    for (let i = 0; i < 3; i++) {
      const first = createMailbox();
      await first.deliver(replyTo('<warm@example.com>'));
      const second = createMailbox();
      await expect(second.deliver(replyTo('<at-once@example.com>'))).resolves.toBeUndefined();
    }
  });
});

describe('replies.check (IMAP)', () => {
  it('marks the answered e-mail replied, by its Message-ID, and the change syncs', async () => {
    const user = await t.server.signUpUser();
    const box = await connectMailbox(user);
    const answered = await user.client.outreach.sendEmail.mutate(emailSend());
    const unanswered = await user.client.outreach.sendEmail.mutate(emailSend());
    // A browser that has synced everything so far.
    let cookie: string | null = null;
    for (let more = true; more;) {
      const page = await user.client.sync.pull.query({ clientId: 'browser-a', cookie });
      ({ cookie, more } = page);
    }

    const replyAt = new Date(Date.now() - 60_000);
    await box.deliver(replyTo(messageIdOf(answered.recipientEmail!), { date: replyAt }));
    // Mail that answers something else, or nothing, changes nothing.
    await box.deliver(replyTo('<not-ours@elsewhere.example.com>'));

    const result = await user.client.replies.check.mutate();
    expect(result).toMatchObject({ checked: true, replied: 1 });

    const rows = await user.client.history.list.query({});
    const byId = new Map(rows.items.map((r) => [r.id, r]));
    expect(byId.get(answered.id)?.repliedAt).toBeInstanceOf(Date);
    expect(byId.get(unanswered.id)?.repliedAt).toBeNull();
    // The text of the reply is nowhere in what the server keeps or returns.
    expect(JSON.stringify(rows)).not.toContain('happy to talk');

    // Another browser's pull since its last cookie brings the row again, now replied.
    const next = await user.client.sync.pull.query({ clientId: 'browser-a', cookie });
    expect(next.history.map((r) => [r.id, r.repliedAt !== null])).toEqual([[answered.id, true]]);

    // A second check reads only new mail: nothing more to mark.
    expect(await user.client.replies.check.mutate()).toMatchObject({ checked: true, replied: 0 });
    const settings = await user.client.imap.get.query();
    expect(settings).toMatchObject({ hasPassword: true, lastError: null });
    expect(settings?.lastCheckedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(settings)).not.toContain(box.password);
  });

  it('finds replies that arrive later, over STARTTLS, quoting the message only in References', async () => {
    const user = await t.server.signUpUser();
    const box = await connectMailbox(user, 'starttls');
    const sent = await user.client.outreach.sendEmail.mutate(emailSend());
    expect(await user.client.replies.check.mutate()).toMatchObject({ checked: true, replied: 0 });

    const id = messageIdOf(sent.recipientEmail!);
    // A reply to a reply: In-Reply-To names the later message, References the whole thread.
    await box.deliver(
      replyTo('<later@mail.example.com>').replace(
        /^References: .*$/m,
        `References: ${id} <later@mail.example.com>`,
      ),
    );
    expect(await user.client.replies.check.mutate()).toMatchObject({ checked: true, replied: 1 });
    const [row] = (await user.client.history.list.query({})).items;
    expect(row?.repliedAt).toBeInstanceOf(Date);
  });

  it("never marks another user's send", async () => {
    const alice = await t.server.signUpUser();
    const bob = await t.server.signUpUser();
    const bobBox = await connectMailbox(bob);
    const aliceSend = await alice.client.outreach.sendEmail.mutate(emailSend());
    await bobBox.deliver(replyTo(messageIdOf(aliceSend.recipientEmail!)));
    expect(await bob.client.replies.check.mutate()).toMatchObject({ checked: true, replied: 0 });
    const [row] = (await alice.client.history.list.query({})).items;
    expect(row?.repliedAt).toBeNull();
  });

  it('a wrong password: a clear error, kept as the last error, the password never shown', async () => {
    const user = await t.server.signUpUser();
    const box = await connectMailbox(user);
    const d = dovecot();
    await user.client.imap.set.mutate({
      host: d.host,
      port: d.imapsPort,
      secure: true,
      username: box.username,
      password: 'wrong-password-123',
    });
    const err = await failure(user.client.replies.check.mutate());
    expect(err.code).toBe('BAD_GATEWAY');
    expect(err.message).toBe(
      `The mailbox (${d.host}:${d.imapsPort}) refused the login: check the user name and password`,
    );
    expect((await user.client.imap.get.query())?.lastError).toBe(err.message);
  });

  it('without a mailbox there is nothing to check', async () => {
    const user = await t.server.signUpUser();
    expect(await user.client.replies.check.mutate()).toEqual({
      checked: false,
      replied: 0,
      lastCheckedAt: null,
    });
    expect(await user.client.imap.get.query()).toBeNull();
  });

  it('never sends the password to a server that does not offer STARTTLS', async () => {
    // A stand-in IMAP server that advertises no STARTTLS (as when a man in the middle strips it)
    // and records every command it receives.
    const commands: string[] = [];
    const fake = net.createServer((socket) => {
      socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGIN] ready\r\n');
      socket.on('data', (chunk) => {
        for (const line of chunk.toString('utf8').split('\r\n').filter(Boolean)) {
          commands.push(line);
          const [tag, cmd] = line.split(' ');
          if (cmd?.toUpperCase() === 'CAPABILITY')
            socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN LOGIN\r\n${tag} OK done\r\n`);
          else if (cmd?.toUpperCase() === 'LOGOUT') socket.end(`* BYE\r\n${tag} OK bye\r\n`);
          else socket.write(`${tag} OK done\r\n`);
        }
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const port = (fake.address() as net.AddressInfo).port;
    try {
      const user = await t.server.signUpUser();
      await user.client.imap.set.mutate({
        host: '127.0.0.1',
        port,
        secure: false,
        username: 'someone',
        password: 'secret-password-456',
      });
      const err = await failure(user.client.replies.check.mutate());
      expect(err.code).toBe('BAD_GATEWAY');
      expect(err.message).toMatch(/does not offer encryption \(STARTTLS\)/);
      expect(commands.join('\n')).not.toMatch(/LOGIN|AUTHENTICATE|secret-password/i);
    } finally {
      fake.close();
    }
  });

  it('replies.mark sets and clears a reply by hand (LinkedIn, or the user); only sent rows of the user', async () => {
    const user = await t.server.signUpUser();
    const other = await t.server.signUpUser();
    const row = await user.client.outreach.recordLinkedIn.mutate(linkedinSend());
    const at = new Date('2026-11-30T10:00:00Z');
    expect((await user.client.replies.mark.mutate({ id: row.id, repliedAt: at })).repliedAt).toEqual(at);
    expect(await failure(other.client.replies.mark.mutate({ id: row.id, repliedAt: at }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await user.client.replies.mark.mutate({ id: row.id, repliedAt: null })).repliedAt).toBeNull();
  });
});
