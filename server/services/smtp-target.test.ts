// A user's own SMTP settings must not turn the server into a probe of internal services (SSRF):
// mail ports only, public addresses only (unless SMTP_ALLOW_PRIVATE=1), and a connection that
// does not speak SMTP is reported without what the remote end said.
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink';
import { startDnsServer } from '../testing/dns-server';
import { checkSmtpTarget, createHostResolver, isNonPublicAddress } from './smtp-target';

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '172.16.3.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:0a00:0005',
    // IPv4-compatible (deprecated ::/96) forms of loopback
    '::127.0.0.1',
    '::7f00:1',
    // Teredo, discard-only, documentation, NAT64 local-use, 6to4 relay, the IPv4 documentation nets
    '2001::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '100::1',
    '2001:db8::1',
    '3fff::1',
    '64:ff9b:1::1',
    '192.0.2.1',
    '198.51.100.1',
    '203.0.113.1',
    '192.88.99.1',
    '255.255.255.255',
    'not-an-ip',
  ])('%s is not public', (ip) => expect(isNonPublicAddress(ip)).toBe(true));
  it.each(['93.184.216.34', '8.8.8.8', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])('%s is public', (ip) =>
    expect(isNonPublicAddress(ip)).toBe(false),
  );
});

describe('checkSmtpTarget', () => {
  it('mail ports only, public addresses only; anything goes with allowPrivate', async () => {
    await expect(checkSmtpTarget('93.184.216.34', 587, { allowPrivate: false })).resolves.toMatchObject({
      address: '93.184.216.34',
    });
    await expect(checkSmtpTarget('93.184.216.34', 6379, { allowPrivate: false })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Port 6379 is not a mail port: use 25, 465, 587 or 2525',
    });
    await expect(checkSmtpTarget('10.0.0.5', 25, { allowPrivate: false })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('private or local network address (10.0.0.5)'),
    });
    await expect(checkSmtpTarget('localhost', 25, { allowPrivate: false })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(checkSmtpTarget('127.0.0.1', 6379, { allowPrivate: true })).resolves.toMatchObject({
      address: '127.0.0.1',
    });
  });

  it('a name is judged by all its DNS answers (A and AAAA), with their TTL', async () => {
    const dns = await startDnsServer();
    try {
      const resolve = createHostResolver({ servers: [dns.server] });
      dns.records.set('mail.one.example', [
        { address: '93.184.216.34', ttl: 120 },
        { address: '2a00:1450:4001:80b::200e', ttl: 60 },
      ]);
      await expect(
        checkSmtpTarget('mail.one.example', 587, { allowPrivate: false, resolve }),
      ).resolves.toEqual({ address: '93.184.216.34', ttlSeconds: 60 });
      // One private answer among public ones is enough to refuse.
      dns.records.set('mail.two.example', [
        { address: '93.184.216.34', ttl: 60 },
        { address: '::7f00:1', ttl: 60 },
      ]);
      await expect(
        checkSmtpTarget('mail.two.example', 587, { allowPrivate: false, resolve }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/\(::(7f00:1|127\.0\.0\.1)\)/),
      });
      await expect(
        checkSmtpTarget('nowhere.example', 587, { allowPrivate: false, resolve }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Could not find') });
    } finally {
      await dns.close();
    }
  });
});

describe('the pinned address of a user mail server', { timeout: 60_000 }, () => {
  const pinnedHost = (route: { transport: unknown }) =>
    (route.transport as { options: { host: string } }).options.host;

  it('is resolved again when its DNS answer expires; a name that turns private is then refused', async () => {
    const dns = await startDnsServer();
    const t = await tempServices({ allowPrivateSmtp: false, dnsServers: [dns.server] });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const name = 'smtp.pinned.example';
      dns.records.set(name, [{ address: '93.184.216.34', ttl: 300 }]);
      const u = await newUser(t.services);
      await t.services.smtp.set(u.id, {
        host: name,
        port: 587,
        secure: false,
        fromAddress: 'me@own.example',
      });
      expect(pinnedHost(await t.services.mailer.route(u.id))).toBe('93.184.216.34');

      dns.records.set(name, [{ address: '93.184.216.35', ttl: 300 }]);
      vi.setSystemTime(Date.now() + 200_000); // still within the TTL: the pinned address stays
      expect(pinnedHost(await t.services.mailer.route(u.id))).toBe('93.184.216.34');
      vi.setSystemTime(Date.now() + 101_000); // expired: asked again
      expect(pinnedHost(await t.services.mailer.route(u.id))).toBe('93.184.216.35');

      dns.records.set(name, [{ address: '10.0.0.5', ttl: 300 }]);
      vi.setSystemTime(Date.now() + 301_000);
      await expect(t.services.mailer.route(u.id)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('(10.0.0.5)'),
      });
    } finally {
      vi.useRealTimers();
      await t.close();
      await dns.close();
    }
  });
});

let strict: TempServices;
let lenient: TempServices;
let sink: SmtpSink;
let banner: net.Server;
let bannerPort = 0;
beforeAll(async () => {
  sink = await startSmtpSink();
  strict = await tempServices({ allowPrivateSmtp: false });
  lenient = await tempServices({ shareWith: strict, allowPrivateSmtp: true });
  // Some other service on loopback that greets with something secret-looking.
  banner = net.createServer((sock) => sock.end('-ERR internal-redis-6.2 secret-token-xyz\r\n'));
  await new Promise<void>((r) => banner.listen(0, '127.0.0.1', () => r()));
  bannerPort = (banner.address() as net.AddressInfo).port;
}, 60_000);
afterAll(async () => {
  await lenient.close();
  await strict.close();
  await sink.close();
  banner.close();
}, 60_000);
beforeEach(() => {
  sink.messages.length = 0;
  sink.refuseWith = null;
});

const send = (sendId: string) => ({
  sendId,
  recipient: { name: 'R', email: 'r@corp.example' },
  subject: 'S',
  body: 'B',
});

describe('smtp.set / sends', { timeout: 60_000 }, () => {
  it('refuses a loopback host or a non-mail port; nothing is stored', async () => {
    const u = await newUser(strict.services);
    const base = { secure: false, fromAddress: 'me@own.example' };
    await expect(
      strict.services.smtp.set(u.id, { ...base, host: '127.0.0.1', port: 587 }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      strict.services.smtp.set(u.id, { ...base, host: '93.184.216.34', port: 22 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await strict.services.smtp.get(u.id)).toBeNull();
    // A public mail server on a mail port is fine (nothing connects on save).
    expect((await strict.services.smtp.set(u.id, { ...base, host: '93.184.216.34', port: 587 })).port).toBe(
      587,
    );
  });

  it('settings stored while private hosts were allowed are refused at send time once they are not', async () => {
    const u = await newUser(lenient.services);
    await lenient.services.smtp.set(u.id, {
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      fromAddress: 'me@own.example',
    });
    await expect(strict.services.outreach.sendEmail(u.id, send('ssrf-late'))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(strict.services.smtp.test(u.id, {})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(sink.messages).toHaveLength(0);
    expect(await strict.services.history.latest(u.id)).toEqual([]);
  });

  it("a service that is not a mail server: a generic error without the remote's reply", async () => {
    const u = await newUser(lenient.services);
    await lenient.services.smtp.set(u.id, {
      host: '127.0.0.1',
      port: bannerPort,
      secure: false,
      fromAddress: 'me@own.example',
    });
    const err = await lenient.services.smtp.test(u.id, {}).catch((e: unknown) => e as Error);
    expect(err).toMatchObject({
      code: 'BAD_GATEWAY',
      message: `Could not connect to the mail server (127.0.0.1:${bannerPort})`,
    });
    const sendErr = await lenient.services.outreach
      .sendEmail(u.id, send('ssrf-banner'))
      .catch((e: unknown) => e);
    expect(JSON.stringify(sendErr)).not.toContain('secret-token');
    expect(JSON.stringify(await lenient.services.history.latest(u.id))).not.toContain('secret-token');
  });

  it('an SMTP refusal after connecting is quoted, capped at 300 characters', async () => {
    const u = await newUser(lenient.services);
    await lenient.services.smtp.set(u.id, {
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      fromAddress: 'me@own.example',
    });
    sink.refuseWith = `Mailbox full ${'x'.repeat(1000)}`;
    const err = await lenient.services.outreach
      .sendEmail(u.id, send('long-refusal'))
      .catch((e: unknown) => e as Error);
    expect(err).toMatchObject({
      code: 'BAD_GATEWAY',
      message: expect.stringMatching(/^Mail server refused: 550 Mailbox full x+$/),
    });
    expect((err as Error).message.length).toBe('Mail server refused: '.length + 300);
  });
});
