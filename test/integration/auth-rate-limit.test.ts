// Failed sign-ins are throttled per (e-mail, client IP) pair and per client IP: a guesser is
// stopped, but cannot lock the account's owner out. The server sits behind one "proxy" (the test
// client) so each request can come from its own client address.
import { afterAll, beforeAll, expect, it } from 'vitest';
import superjson from 'superjson';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustProxy: 1 });
});
afterAll(async () => {
  await server?.close();
});

async function signIn(email: string, password: string, from: string) {
  const res = await fetch(`${server.trpcUrl}/auth.signIn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
    body: JSON.stringify(superjson.serialize({ email, password })),
  });
  const body = (await res.json()) as { error?: { json?: { data?: { code?: string } } } };
  return body.error?.json?.data?.code ?? 'OK';
}

it('a guesser gets TOO_MANY_REQUESTS after repeated wrong passwords, even when it then guesses right', async () => {
  const user = await server.signUpUser();
  const codes: string[] = [];
  for (let i = 0; i < 30 && codes.at(-1) !== 'TOO_MANY_REQUESTS'; i++) {
    codes.push(await signIn(user.email, `wrong-${i}`, '203.0.113.66'));
  }
  expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
  // A few honest mistakes are allowed before the limit.
  expect(codes.length).toBeGreaterThanOrEqual(3);
  expect(codes.slice(0, -1).every((c) => c === 'UNAUTHORIZED')).toBe(true);
  expect(await signIn(user.email, user.password, '203.0.113.66')).toBe('TOO_MANY_REQUESTS');

  // The owner, from their own network, signs in with the right password at once.
  expect(await signIn(user.email, user.password, '198.51.100.23')).toBe('OK');
  // The existing session is not affected.
  expect(await user.client.auth.me.query()).toEqual(user.user);
});
