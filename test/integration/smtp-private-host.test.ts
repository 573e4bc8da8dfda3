// Without SMTP_ALLOW_PRIVATE, a user's own SMTP settings cannot point at loopback (or any private
// address) nor at a non-mail port: the server would otherwise connect wherever it is told.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { failure } from '../support/trpc-errors';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ allowPrivateSmtp: false });
});
afterAll(async () => {
  await server?.close();
});

it('smtp.set refuses a loopback mail server and a non-mail port; nothing is stored', async () => {
  const user = await server.signUpUser();
  const settings = { secure: false, fromAddress: 'me@own.example.com' };
  const loopback = await failure(
    user.client.smtp.set.mutate({ ...settings, host: server.smtp.host, port: 587 }),
  );
  expect(loopback.code).toBe('BAD_REQUEST');
  expect(loopback.message).toMatch(/private or local network address/);
  const port = await failure(user.client.smtp.set.mutate({ ...settings, host: '93.184.216.34', port: 6379 }));
  expect(port.code).toBe('BAD_REQUEST');
  expect(port.message).toBe('Port 6379 is not a mail port: use 25, 465, 587 or 2525');
  expect(await user.client.smtp.get.query()).toBeNull();
});

it('imap.set refuses a loopback mailbox server and a non-IMAP port; nothing is stored', async () => {
  const user = await server.signUpUser();
  const settings = { secure: true, username: 'me', password: 'pw' };
  const loopback = await failure(user.client.imap.set.mutate({ ...settings, host: '127.0.0.1', port: 993 }));
  expect(loopback.code).toBe('BAD_REQUEST');
  expect(loopback.message).toMatch(/private or local network address/);
  const port = await failure(user.client.imap.set.mutate({ ...settings, host: '93.184.216.34', port: 6379 }));
  expect(port.message).toBe('Port 6379 is not a mail port: use 143 or 993');
  expect(await user.client.imap.get.query()).toBeNull();
});
