import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailSend } from '../support/fixtures';
import { startTestServer, type TestServer, type TestUser } from '../support/server';
import {
  SMTP_TEST_PASSWORD,
  SMTP_TEST_USER,
  startSmtpRecorder,
  type SmtpRecorder,
} from '../support/smtp-recorder';
import { failure } from '../support/trpc-errors';

let server: TestServer;
let own: SmtpRecorder;
let user: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  // The user's own server offers STARTTLS (a login goes only over TLS), with the certificate
  // the test server trusts.
  own = await startSmtpRecorder({ tls: server.tls });
  user = await server.signUpUser({ name: 'Sam Seeker' });
});
afterAll(async () => {
  await own?.close();
  await server?.close();
});

describe("a user's own SMTP settings", () => {
  it('start empty', async () => {
    expect(await user.client.smtp.get.query()).toBeNull();
  });

  it('are stored without ever returning the password, and take precedence over the relay', async () => {
    const saved = await user.client.smtp.set.mutate({
      host: own.host,
      port: own.port,
      secure: false,
      username: SMTP_TEST_USER,
      password: SMTP_TEST_PASSWORD,
      fromAddress: 'Sam@Own.example.com',
      fromName: 'Sam From Own Server',
    });
    const expected = {
      host: own.host,
      port: own.port,
      secure: false,
      username: SMTP_TEST_USER,
      hasPassword: true,
      fromAddress: 'sam@own.example.com',
      fromName: 'Sam From Own Server',
    };
    expect(saved).toEqual(expected);
    expect(await user.client.smtp.get.query()).toEqual(expected);
    expect(JSON.stringify(await user.client.smtp.get.query())).not.toContain(SMTP_TEST_PASSWORD);

    const input = emailSend();
    await user.client.outreach.sendEmail.mutate(input);
    expect(server.smtp.to(input.recipient.email)).toHaveLength(0);
    const [mail] = own.to(input.recipient.email);
    expect(mail).toBeDefined();
    expect(mail!.authUser).toBe(SMTP_TEST_USER);
    expect(mail!.from).toEqual(['sam@own.example.com']);
    expect(mail!.fromName).toBe('Sam From Own Server');
    expect(mail!.subject).toBe(input.subject);
  });

  it('keep the stored password when it is omitted', async () => {
    const saved = await user.client.smtp.set.mutate({
      host: own.host,
      port: own.port,
      secure: false,
      username: SMTP_TEST_USER,
      fromAddress: 'sam@own.example.com',
    });
    expect(saved.hasPassword).toBe(true);
    const input = emailSend();
    await user.client.outreach.sendEmail.mutate(input);
    expect(own.to(input.recipient.email)).toHaveLength(1);
  });

  it('smtp.test sends a test message through them', async () => {
    await user.client.smtp.test.mutate({ to: 'check@example.com' });
    expect(own.to('check@example.com')).toHaveLength(1);
  });

  it('a wrong password fails the send clearly and records the failure', async () => {
    await user.client.smtp.set.mutate({
      host: own.host,
      port: own.port,
      secure: false,
      username: SMTP_TEST_USER,
      password: 'pw-not-this-one-9876',
      fromAddress: 'sam@own.example.com',
    });
    const input = emailSend();
    const err = await failure(user.client.outreach.sendEmail.mutate(input));
    expect(err.code).not.toBe('BAD_REQUEST');
    expect(own.to(input.recipient.email)).toHaveLength(0);
    const [row] = await user.client.history.forRecipient.query({ email: input.recipient.email });
    expect(row).toMatchObject({ status: 'failed' });
    expect(JSON.stringify(row)).not.toContain('pw-not-this-one-9876');
  });

  it('after clear, mail goes through the relay again', async () => {
    await user.client.smtp.clear.mutate();
    expect(await user.client.smtp.get.query()).toBeNull();
    const input = emailSend();
    await user.client.outreach.sendEmail.mutate(input);
    expect(server.smtp.to(input.recipient.email)).toHaveLength(1);
    expect(own.to(input.recipient.email)).toHaveLength(0);
  });
});
