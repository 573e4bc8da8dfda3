import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newUser, tempServices, TEST_RELAY_FROM, type TempServices } from '../testing/temp-services';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink';
import { createSecretBox } from '../crypto/secret-box';
import { makeTestCertificate } from '../testing/tls-smtp-server';

let relay: SmtpSink;
let own: SmtpSink;
let t: TempServices;
beforeAll(async () => {
  // The user's own server offers STARTTLS (a login is sent only over TLS) with a certificate
  // these services trust.
  const cert = await makeTestCertificate();
  relay = await startSmtpSink();
  own = await startSmtpSink({ tls: cert });
  t = await tempServices({ smtpUrl: relay.url, smtpTlsCa: cert.cert });
}, 60_000);
afterAll(async () => {
  await t.close();
  await relay.close();
  await own.close();
}, 60_000);
beforeEach(() => {
  relay.messages.length = 0;
  own.messages.length = 0;
});

const send = (sendId: string) => ({
  sendId,
  recipient: { name: 'R', email: 'r@corp.example' },
  subject: 'S',
  body: 'B',
});

describe('smtp settings', { timeout: 60_000 }, () => {
  it("a user's own server takes precedence over SMTP_URL; the password is sealed and never returned", async () => {
    const u = await newUser(t.services);
    expect(await t.services.smtp.get(u.id)).toBeNull();
    const saved = await t.services.smtp.set(u.id, {
      host: '127.0.0.1',
      port: own.port,
      secure: false,
      username: 'me',
      password: 's3cret-pass',
      fromAddress: 'me@own.example',
      fromName: 'Me Myself',
    });
    expect(saved).toEqual({
      host: '127.0.0.1',
      port: own.port,
      secure: false,
      username: 'me',
      hasPassword: true,
      fromAddress: 'me@own.example',
      fromName: 'Me Myself',
    });
    expect(JSON.stringify(await t.services.smtp.get(u.id))).not.toContain('s3cret');
    const row = await t.db.prisma.smtpSettings.findUnique({ where: { userId: u.id } });
    expect(row?.passwordEnc).not.toContain('s3cret');
    expect(createSecretBox('unit-test-secret-0123456789abcdef').decrypt(row?.passwordEnc ?? '')).toBe(
      's3cret-pass',
    );

    await t.services.outreach.sendEmail(u.id, send('own-server-1'));
    expect(own.messages).toHaveLength(1);
    expect(own.messages[0]?.from).toBe('me@own.example');
    expect(own.logins.at(-1)).toEqual({ username: 'me', password: 's3cret-pass' });
    expect(own.messages[0]?.user).toBe('me');
    expect(relay.messages).toHaveLength(0);

    // keep the password when omitted, then clear the settings: back to the relay
    expect(
      (
        await t.services.smtp.set(u.id, {
          host: '127.0.0.1',
          port: own.port,
          secure: false,
          fromAddress: 'me@own.example',
        })
      ).hasPassword,
    ).toBe(true);
    expect(await t.services.smtp.clear(u.id)).toEqual({ ok: true });
    await t.services.outreach.sendEmail(u.id, send('own-server-2'));
    expect(relay.messages).toHaveLength(1);
    expect(relay.messages[0]?.from).toBe(TEST_RELAY_FROM);
  });

  it('test sends a message through the route the user would use', async () => {
    const u = await newUser(t.services);
    expect(await t.services.smtp.test(u.id, {})).toEqual({ ok: true, via: 'server', to: u.email });
    expect(relay.messages[0]?.to).toEqual([u.email]);
    await t.services.smtp.set(u.id, {
      host: '127.0.0.1',
      port: own.port,
      secure: false,
      fromAddress: 'x@own.example',
    });
    expect(await t.services.smtp.test(u.id, { to: 'y@own.example' })).toEqual({
      ok: true,
      via: 'user',
      to: 'y@own.example',
    });
    expect(own.messages[0]?.to).toEqual(['y@own.example']);
  });

  it('an unreachable own server fails the send as SERVICE_UNAVAILABLE (temporary: retried) and records it failed', async () => {
    const u = await newUser(t.services);
    await t.services.smtp.set(u.id, {
      host: '127.0.0.1',
      port: 1,
      secure: false,
      fromAddress: 'x@own.example',
    });
    const err = await t.services.outreach.sendEmail(u.id, send('dead-server-1')).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err?.code).toBe('SERVICE_UNAVAILABLE');
    expect(err?.message).toBe('Could not connect to the mail server (127.0.0.1:1)');
    expect((await t.services.history.latest(u.id))[0]).toMatchObject({
      status: 'failed',
      error: 'Could not connect to the mail server (127.0.0.1:1)',
    });
  });
});
