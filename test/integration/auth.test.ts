import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueEmail, type TestServer } from '../support/server';
import { errorCode, failure } from '../support/trpc-errors';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('auth', () => {
  it('signs up, answers me() for the token, and returns the user without secrets', async () => {
    const email = uniqueEmail('Signup');
    const res = await server
      .client()
      .auth.signUp.mutate({ email, password: 'correct horse battery', name: 'Sam Seeker' });
    expect(res.token).toEqual(expect.any(String));
    expect(res.token.length).toBeGreaterThan(10);
    // Not confirmed yet: the code is on its way to the address.
    expect(res.user).toEqual({
      id: expect.any(String),
      email: email.toLowerCase(),
      name: 'Sam Seeker',
      emailVerified: false,
    });

    const me = await server.client(res.token).auth.me.query();
    expect(me).toEqual(res.user);
    expect(JSON.stringify(me)).not.toContain('correct horse');
  });

  it('signs in with the right password (e-mail case-insensitive) and gets a working, different token', async () => {
    const user = await server.signUpUser();
    const res = await server
      .client()
      .auth.signIn.mutate({ email: user.email.toUpperCase(), password: user.password });
    expect(res.user).toEqual(user.user);
    expect(res.token).not.toBe(user.token);
    expect(await server.client(res.token).auth.me.query()).toEqual(user.user);
  });

  it('refuses a wrong password and an unknown e-mail alike with UNAUTHORIZED', async () => {
    const user = await server.signUpUser();
    const wrong = await failure(
      server.client().auth.signIn.mutate({ email: user.email, password: `${user.password}x` }),
    );
    expect(wrong.code).toBe('UNAUTHORIZED');
    const unknown = await failure(
      server.client().auth.signIn.mutate({ email: uniqueEmail('nobody'), password: user.password }),
    );
    expect(unknown.code).toBe('UNAUTHORIZED');
    // Same answer, so the endpoint does not reveal which e-mails have accounts.
    expect(unknown.message).toBe(wrong.message);
  });

  it('refuses a second account for the same e-mail and keeps the first one working', async () => {
    const user = await server.signUpUser();
    const code = await errorCode(
      server.client().auth.signUp.mutate({ email: user.email.toUpperCase(), password: 'another password' }),
    );
    expect(code).toBe('CONFLICT');
    await expect(
      server.client().auth.signIn.mutate({ email: user.email, password: user.password }),
    ).resolves.toMatchObject({ user: user.user });
    expect(
      await errorCode(
        server.client().auth.signIn.mutate({ email: user.email, password: 'another password' }),
      ),
    ).toBe('UNAUTHORIZED');
  });

  it('signOut ends that token only', async () => {
    const user = await server.signUpUser();
    const second = await server.client().auth.signIn.mutate({ email: user.email, password: user.password });

    expect(await user.client.auth.signOut.mutate()).toEqual({ ok: true });
    expect(await errorCode(user.client.auth.me.query())).toBe('UNAUTHORIZED');
    expect(await errorCode(user.client.history.latest.query())).toBe('UNAUTHORIZED');
    // The other session of the same user is untouched.
    expect(await server.client(second.token).auth.me.query()).toEqual(user.user);
  });

  it('refuses made-up and malformed tokens', async () => {
    for (const token of ['not-a-token', 'a'.repeat(64), 'Bearer x', '']) {
      expect(await errorCode(server.client(token || 'x').auth.me.query())).toBe('UNAUTHORIZED');
    }
    const res = await fetch(`${server.trpcUrl}/auth.me`, {
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(res.status).toBe(401);
  });
});
