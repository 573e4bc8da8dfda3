import { describe, expect, it } from 'vitest';
import { draft, emailSend, id, linkedinSend } from '../support/fixtures';
import { type Client, setupTestServer } from '../support/server';
import { failure, issuePaths } from '../support/trpc-errors';

const t = setupTestServer();

const base = emailSend();
const li = linkedinSend();
const d = draft();
const long = (n: number) => 'a'.repeat(n);

// [what, call, the issue path the answer must name]
const cases: [string, (c: Client) => Promise<unknown>, string][] = [
  [
    'sendEmail without recipient e-mail',
    (c) => c.outreach.sendEmail.mutate({ ...base, recipient: { name: 'X' } } as never),
    'recipient.email',
  ],
  [
    'sendEmail without subject',
    (c) => c.outreach.sendEmail.mutate({ ...base, subject: undefined } as never),
    'subject',
  ],
  [
    'sendEmail with empty subject',
    (c) => c.outreach.sendEmail.mutate({ ...base, subject: '   ' }),
    'subject',
  ],
  [
    'sendEmail without body',
    (c) => c.outreach.sendEmail.mutate({ ...base, body: undefined } as never),
    'body',
  ],
  ['sendEmail with empty body', (c) => c.outreach.sendEmail.mutate({ ...base, body: '' }), 'body'],
  [
    'sendEmail without sendId',
    (c) => c.outreach.sendEmail.mutate({ ...base, sendId: undefined } as never),
    'sendId',
  ],
  [
    'sendEmail with a bad sendId',
    (c) => c.outreach.sendEmail.mutate({ ...base, sendId: 'x y;DROP' }),
    'sendId',
  ],
  [
    'sendEmail with a bad address',
    (c) => c.outreach.sendEmail.mutate({ ...base, recipient: { name: 'X', email: 'not-an-address' } }),
    'recipient.email',
  ],
  [
    'sendEmail with two addresses',
    (c) =>
      c.outreach.sendEmail.mutate({
        ...base,
        recipient: { name: 'X', email: 'a@example.com, b@example.com' },
      }),
    'recipient.email',
  ],
  [
    'sendEmail with CR/LF in subject',
    (c) => c.outreach.sendEmail.mutate({ ...base, subject: 'Hi\r\nBcc: victim@example.com' }),
    'subject',
  ],
  [
    'sendEmail with LF in subject',
    (c) => c.outreach.sendEmail.mutate({ ...base, subject: 'Hi\nBcc: victim@example.com' }),
    'subject',
  ],
  [
    'sendEmail with CR/LF in address',
    (c) =>
      c.outreach.sendEmail.mutate({
        ...base,
        recipient: { name: 'X', email: 'a@example.com\r\nBcc: victim@example.com' },
      }),
    'recipient.email',
  ],
  [
    'sendEmail with CR/LF in name',
    (c) =>
      c.outreach.sendEmail.mutate({
        ...base,
        recipient: { name: 'X\r\nBcc: victim@example.com', email: 'a@example.com' },
      }),
    'recipient.name',
  ],
  [
    'sendEmail with a non-LinkedIn profile URL',
    (c) =>
      c.outreach.sendEmail.mutate({
        ...base,
        recipient: { ...base.recipient, linkedinUrl: 'https://evil.example.com/in/jane' },
      }),
    'recipient.linkedinUrl',
  ],
  [
    'sendEmail with a bad job URL',
    (c) => c.outreach.sendEmail.mutate({ ...base, jobUrl: 'https://www.linkedin.com/feed/' }),
    'jobUrl',
  ],
  [
    'sendEmail with a subject over 998',
    (c) => c.outreach.sendEmail.mutate({ ...base, subject: long(999) }),
    'subject',
  ],
  [
    'sendEmail with a body over 100,000',
    (c) => c.outreach.sendEmail.mutate({ ...base, body: long(100_001) }),
    'body',
  ],
  [
    'sendEmail with a job title over 300',
    (c) => c.outreach.sendEmail.mutate({ ...base, jobTitle: long(301) }),
    'jobTitle',
  ],
  [
    'sendEmail with a company over 300',
    (c) => c.outreach.sendEmail.mutate({ ...base, companyName: long(301) }),
    'companyName',
  ],
  [
    'sendEmail with a name over 200',
    (c) => c.outreach.sendEmail.mutate({ ...base, recipient: { ...base.recipient, name: long(201) } }),
    'recipient.name',
  ],
  [
    'sendEmail with an address over 254',
    (c) =>
      c.outreach.sendEmail.mutate({
        ...base,
        recipient: { ...base.recipient, email: `${long(250)}@example.com` },
      }),
    'recipient.email',
  ],
  [
    'recordLinkedIn with a bad profile URL',
    (c) =>
      c.outreach.recordLinkedIn.mutate({
        ...li,
        recipient: { name: 'X', linkedinUrl: 'https://www.linkedin.com/company/acme/' },
      }),
    'recipient.linkedinUrl',
  ],
  [
    'recordLinkedIn without profile URL',
    (c) => c.outreach.recordLinkedIn.mutate({ ...li, recipient: { name: 'X' } } as never),
    'recipient.linkedinUrl',
  ],
  [
    'recordLinkedIn without message',
    (c) => c.outreach.recordLinkedIn.mutate({ ...li, message: undefined } as never),
    'message',
  ],
  [
    'recordLinkedIn with a message over 8,000',
    (c) => c.outreach.recordLinkedIn.mutate({ ...li, message: long(8001) }),
    'message',
  ],
  [
    'recordLinkedIn with an empty name',
    (c) => c.outreach.recordLinkedIn.mutate({ ...li, recipient: { ...li.recipient, name: ' ' } }),
    'recipient.name',
  ],
  ['drafts.upsert with a bad id', (c) => c.drafts.upsert.mutate({ ...d, id: 'bad id!' }), 'id'],
  [
    'drafts.upsert with CR/LF in subject',
    (c) => c.drafts.upsert.mutate({ ...d, emailSubject: 'a\r\nb' }),
    'emailSubject',
  ],
  [
    'drafts.upsert with a bad e-mail',
    (c) => c.drafts.upsert.mutate({ ...d, recipient: { ...d.recipient, email: 'nope' } }),
    'recipient.email',
  ],
  [
    'drafts.upsert with an over-long body',
    (c) => c.drafts.upsert.mutate({ ...d, emailBody: long(100_001) }),
    'emailBody',
  ],
  [
    'drafts.send with neither channel',
    (c) => c.drafts.send.mutate({ draftId: d.id, sendId: id(), email: false, linkedinSent: false }),
    '',
  ],
  ['drafts.delete with a bad id', (c) => c.drafts.delete.mutate({ id: 'x' }), 'id'],
  ['history.latest with limit 0', (c) => c.history.latest.query({ limit: 0 }), 'limit'],
  ['history.list with limit 201', (c) => c.history.list.query({ limit: 201 }), 'limit'],
  [
    'history.list with an unknown channel',
    (c) => c.history.list.query({ channel: 'fax' as never }),
    'channel',
  ],
  ['history.list with a bad date', (c) => c.history.list.query({ from: 'yesterday' as never }), 'from'],
  ['history.forRecipient with nothing to match', (c) => c.history.forRecipient.query({}), ''],
  [
    'history.forRecipient with a bad LinkedIn URL',
    (c) => c.history.forRecipient.query({ linkedinUrl: 'https://example.com/in/x' }),
    'linkedinUrl',
  ],
  [
    'smtp.set with a port out of range',
    (c) =>
      c.smtp.set.mutate({
        host: 'mail.example.com',
        port: 70000,
        secure: false,
        fromAddress: 'me@example.com',
      }),
    'port',
  ],
  [
    'smtp.set with CR/LF in host',
    (c) =>
      c.smtp.set.mutate({
        host: 'mail\r\n.example.com',
        port: 587,
        secure: false,
        fromAddress: 'me@example.com',
      }),
    'host',
  ],
  [
    'smtp.set with a bad from address',
    (c) => c.smtp.set.mutate({ host: 'mail.example.com', port: 587, secure: false, fromAddress: 'me' }),
    'fromAddress',
  ],
];

describe('bad input → BAD_REQUEST with the zod issues, nothing recorded or sent', () => {
  it.each(cases)('%s', async (_what, call, path) => {
    const err = await failure(call(t.user.client));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.httpStatus).toBe(400);
    const paths = issuePaths(err.data);
    expect(paths.length, `no zod issues in error.data: ${JSON.stringify(err.data)}`).toBeGreaterThan(0);
    expect(paths).toContain(path);
  });

  it('sign-up and sign-in validate too', async () => {
    const short = await failure(
      t.server.client().auth.signUp.mutate({ email: 'new@example.com', password: 'short' }),
    );
    expect(short.code).toBe('BAD_REQUEST');
    // The server judges the password's strength and says why in plain words.
    expect(short.message).toBe(
      'Your password is too short: use at least 8 characters. A few unrelated words make a good one.',
    );
    const long = await failure(
      t.server.client().auth.signUp.mutate({ email: 'new@example.com', password: 'x'.repeat(129) }),
    );
    expect(issuePaths(long.data)).toContain('password');
    const bad = await failure(
      t.server.client().auth.signIn.mutate({ email: 'not-an-email', password: 'whatever1' }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(issuePaths(bad.data)).toContain('email');
  });

  it('after all of that, nothing was recorded or sent and no draft exists', async () => {
    expect(await t.user.client.history.latest.query()).toEqual([]);
    expect((await t.user.client.stats.get.query()).totals.all).toBe(0);
    expect(await t.user.client.drafts.list.query()).toEqual([]);
    expect(t.server.smtp.messages).toEqual([]);
  });
});
