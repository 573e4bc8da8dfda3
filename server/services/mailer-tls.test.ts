// A user's own mail server gets their password only over TLS: implicit TLS (secure, port 465)
// or STARTTLS, which is required — when it is not offered (or stripped on the way), the login is
// never sent. The certificates are self-signed and trusted by these tests only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
import {
  makeTestCertificate,
  startTlsSmtpServer,
  type TestCertificate,
  type TlsSmtpServer,
} from '../testing/tls-smtp-server';

let cert: TestCertificate;
let trusting: TempServices;
let untrusting: TempServices;
const servers: TlsSmtpServer[] = [];
beforeAll(async () => {
  cert = await makeTestCertificate();
  trusting = await tempServices({ smtpTlsCa: cert.cert });
  untrusting = await tempServices({ shareWith: trusting });
}, 60_000);
afterAll(async () => {
  await untrusting.close();
  await trusting.close();
  await Promise.all(servers.map((s) => s.close()));
}, 60_000);

async function userWithServer(t: TempServices, port: number, secure: boolean) {
  const u = await newUser(t.services);
  await t.services.smtp.set(u.id, {
    host: '127.0.0.1',
    port,
    secure,
    username: 'me@own.example',
    password: 'my-smtp-password',
    fromAddress: 'me@own.example',
  });
  return u;
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );

describe('own SMTP server with a password', { timeout: 60_000 }, () => {
  it('implicit TLS (secure): the login and the message go encrypted', async () => {
    const server = await startTlsSmtpServer('implicit', cert);
    servers.push(server);
    const u = await userWithServer(trusting, server.port, true);
    await trusting.services.smtp.test(u.id, { to: 'r@corp.example' });
    expect(server.logins).toEqual([
      { username: 'me@own.example', password: 'my-smtp-password', secure: true },
    ]);
    expect(server.messages).toEqual([{ to: ['r@corp.example'], secure: true }]);
  });

  it('STARTTLS: the login and the message go encrypted', async () => {
    const server = await startTlsSmtpServer('starttls', cert);
    servers.push(server);
    const u = await userWithServer(trusting, server.port, false);
    await trusting.services.smtp.test(u.id, { to: 'r@corp.example' });
    expect(server.logins).toEqual([
      { username: 'me@own.example', password: 'my-smtp-password', secure: true },
    ]);
    expect(server.messages).toEqual([{ to: ['r@corp.example'], secure: true }]);
  });

  it('STARTTLS not offered (or stripped): refused with a clear message, the password is never sent', async () => {
    const server = await startTlsSmtpServer('no-starttls', cert);
    servers.push(server);
    const u = await userWithServer(trusting, server.port, false);
    const err = await failureOf(trusting.services.smtp.test(u.id, { to: 'r@corp.example' }));
    expect(err).toMatchObject({
      code: 'BAD_GATEWAY',
      message: `The mail server (127.0.0.1:${server.port}) does not offer encryption (STARTTLS): Reachlog does not send your password unencrypted`,
    });
    expect(server.logins).toEqual([]);
    expect(server.messages).toEqual([]);
  });

  it('a certificate nobody vouches for is refused before the login', async () => {
    const server = await startTlsSmtpServer('starttls', cert);
    servers.push(server);
    const u = await userWithServer(untrusting, server.port, false);
    const err = await failureOf(untrusting.services.smtp.test(u.id, { to: 'r@corp.example' }));
    expect(err).toMatchObject({
      code: 'BAD_GATEWAY',
      message: `Could not connect securely to the mail server (127.0.0.1:${server.port}): its certificate is not trusted`,
    });
    expect(server.logins).toEqual([]);
  });
});
