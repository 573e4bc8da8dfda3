import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { errorCode } from '../support/trpc-errors';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

it('answers TOO_MANY_REQUESTS after repeated wrong passwords, and then refuses even the right one', async () => {
  const user = await server.signUpUser();
  const codes: (string | undefined)[] = [];
  for (let i = 0; i < 30 && codes.at(-1) !== 'TOO_MANY_REQUESTS'; i++) {
    codes.push(
      await errorCode(server.client().auth.signIn.mutate({ email: user.email, password: `wrong-${i}` })),
    );
  }
  expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
  // A few honest mistakes are allowed before the limit.
  expect(codes.length).toBeGreaterThanOrEqual(3);
  expect(codes.slice(0, -1).every((c) => c === 'UNAUTHORIZED')).toBe(true);

  // While limited, guessing right does not get through either.
  expect(
    await errorCode(server.client().auth.signIn.mutate({ email: user.email, password: user.password })),
  ).toBe('TOO_MANY_REQUESTS');
  // The existing session is not affected.
  expect(await user.client.auth.me.query()).toEqual(user.user);
});
