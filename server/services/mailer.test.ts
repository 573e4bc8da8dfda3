// Who mail is from. Through the server's relay it must never be the account's e-mail (sign-up
// does not prove ownership, and the relay would vouch for it): SMTP_FROM, else the relay login
// when it is an e-mail address, else refused. The account goes in Reply-To.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink';
import { relaySender, RELAY_HAS_NO_SENDER } from './mailer';

let sink: SmtpSink;
const opened: TempServices[] = [];
beforeAll(async () => {
  sink = await startSmtpSink();
}, 60_000);
afterAll(async () => {
  for (const t of opened) await t.close();
  await sink.close();
}, 60_000);
beforeEach(() => {
  sink.messages.length = 0;
});

async function services(opts: Parameters<typeof tempServices>[0]) {
  const t = await tempServices(opts);
  opened.push(t);
  return t;
}

const mail = (sendId: string) => ({
  sendId,
  recipient: { name: 'Rita', email: 'rita@corp.example' },
  subject: 'Hi',
  body: 'Hello',
});

const header = (raw: string, name: string) =>
  new RegExp(`^${name}: (.*)$`, 'mi').exec(raw.split('\r\n\r\n')[0] ?? '')?.[1] ?? null;

describe('relaySender', () => {
  it('SMTP_FROM, else an e-mail-shaped relay login, else none', () => {
    expect(relaySender('smtp://u:p@h:25', 'noreply@x.example')).toBe('noreply@x.example');
    expect(relaySender('smtp://mailer%40x.example:p@h:25', undefined)).toBe('mailer@x.example');
    expect(relaySender('smtp://relay:p@h:25', undefined)).toBeNull();
    expect(relaySender('smtp://h:25', undefined)).toBeNull();
  });
});

describe('From and Reply-To', { timeout: 60_000 }, () => {
  it('through the relay with SMTP_FROM: From is SMTP_FROM, Reply-To the account', async () => {
    const t = await services({ smtpUrl: sink.url, smtpFrom: 'noreply@relay.example' });
    const u = await newUser(t.services, 'Sam Seeker');
    await t.services.outreach.sendEmail(u.id, mail('from-1'));
    const m = sink.messages[0]!;
    expect(m.from).toBe('noreply@relay.example');
    expect(header(m.raw, 'From')).toBe('Sam Seeker <noreply@relay.example>');
    expect(header(m.raw, 'Reply-To')).toBe(`Sam Seeker <${u.email}>`);
  });

  it('through the relay without SMTP_FROM: the relay login when it is an e-mail address', async () => {
    const url = sink.url.replace('smtp://', 'smtp://mailer%40relay.example:pw@');
    const t = await services({ smtpUrl: url, smtpFrom: '' });
    const u = await newUser(t.services, 'Sam');
    await t.services.outreach.sendEmail(u.id, mail('from-2'));
    const m = sink.messages[0]!;
    expect(m.user).toBe('mailer@relay.example');
    expect(m.from).toBe('mailer@relay.example');
    expect(header(m.raw, 'Reply-To')).toBe(`Sam <${u.email}>`);
  });

  it('through the relay with no sender at all: PRECONDITION_FAILED, nothing sent or recorded', async () => {
    const url = sink.url.replace('smtp://', 'smtp://relay:pw@');
    const t = await services({ smtpUrl: url, smtpFrom: '' });
    const u = await newUser(t.services);
    const err = await t.services.outreach.sendEmail(u.id, mail('from-3')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'PRECONDITION_FAILED', message: RELAY_HAS_NO_SENDER });
    await expect(t.services.smtp.test(u.id, {})).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(sink.messages).toHaveLength(0);
    expect(await t.services.history.latest(u.id)).toEqual([]);
  });

  it("through the user's own server: their from address, no Reply-To", async () => {
    const t = await services({ smtpUrl: undefined });
    const u = await newUser(t.services);
    await t.services.smtp.set(u.id, {
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      fromAddress: 'me@own.example',
      fromName: 'Me',
    });
    await t.services.outreach.sendEmail(u.id, mail('from-4'));
    const m = sink.messages[0]!;
    expect(m.from).toBe('me@own.example');
    expect(header(m.raw, 'From')).toBe('Me <me@own.example>');
    expect(header(m.raw, 'Reply-To')).toBeNull();
  });
});

describe('per-user sending limit', { timeout: 60_000 }, () => {
  it('refuses with TOO_MANY_REQUESTS past the limit; nothing sent or recorded; retries of sent rows are free', async () => {
    const t = await services({ smtpUrl: sink.url, sendLimits: { perMinute: 3, perHour: 100 } });
    const u = await newUser(t.services);
    const other = await newUser(t.services);
    for (let i = 0; i < 3; i++) await t.services.outreach.sendEmail(u.id, mail(`lim-${i}`));
    // A retry of a sent row answers with it and costs nothing.
    await t.services.outreach.sendEmail(u.id, mail('lim-0'));
    const err = await t.services.outreach.sendEmail(u.id, mail('lim-3')).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(
        /^Sending limit reached: at most 3 e-mails per minute\. Try again in \d+ seconds\.$/,
      ),
    });
    await expect(t.services.smtp.test(u.id, {})).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(sink.messages).toHaveLength(3);
    expect((await t.services.history.latest(u.id)).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    // LinkedIn records send nothing and are not limited; other users have their own budget.
    await t.services.outreach.recordLinkedIn(u.id, {
      sendId: 'lim-li',
      recipient: { name: 'R', linkedinUrl: 'https://www.linkedin.com/in/r' },
      message: 'hi',
    });
    await t.services.outreach.sendEmail(other.id, mail('lim-other'));
    expect(sink.messages).toHaveLength(4);
  });

  it('the hourly limit reads in minutes', async () => {
    const t = await services({ smtpUrl: sink.url, sendLimits: { perMinute: 50, perHour: 1 } });
    const u = await newUser(t.services);
    await t.services.outreach.sendEmail(u.id, mail('hour-0'));
    await expect(t.services.outreach.sendEmail(u.id, mail('hour-1'))).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(
        /^Sending limit reached: at most 1 e-mail per hour\. Try again in 60 minutes\.$/,
      ),
    });
  });
});
