import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempServices, type TempServices } from '../testing/temp-services';
import { AppError } from '../errors';
import { createAuth } from '../auth/better-auth';
import { createAuthService } from './auth';

let t: TempServices;
beforeAll(async () => {
  t = await tempServices();
}, 60_000);
afterAll(async () => {
  await t.close();
}, 60_000);

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : `not AppError: ${String(e)}`),
  );

describe('auth service (better-auth)', { timeout: 60_000 }, () => {
  it('sign-up, sign-in, userForToken, sign-out revokes just that token', async () => {
    const up = await t.services.auth.signUp({ email: 'ann@example.com', password: 'ann-lighthouse-orbit-7' });
    // These services ask for no e-mail confirmation (tempServices' default), so it reads confirmed.
    expect(up.user).toEqual({
      id: expect.any(String),
      email: 'ann@example.com',
      name: null,
      emailVerified: true,
    });
    const user = { id: up.user.id, email: up.user.email, name: up.user.name };
    expect(await t.services.auth.userForToken(up.token)).toEqual(user);
    const stored = await t.db.prisma.account.findFirst({ where: { userId: up.user.id } });
    expect(stored?.password).toMatch(/^scrypt\$/);
    expect(stored?.password).not.toContain('ann-lighthouse-orbit-7');

    const inn = await t.services.auth.signIn(
      { email: 'ann@example.com', password: 'ann-lighthouse-orbit-7' },
      { ip: '10.0.0.1' },
    );
    expect(inn.user.id).toBe(up.user.id);
    expect(inn.token).not.toBe(up.token);

    expect(await t.services.auth.signOut(up.token)).toEqual({ ok: true });
    expect(await t.services.auth.userForToken(up.token)).toBeNull();
    expect(await t.services.auth.userForToken(inn.token)).toEqual(user);
    expect(await t.services.auth.userForToken('not-a-token')).toBeNull();
  });

  it('an expired session is refused; an old but valid one is extended (sliding expiry)', async () => {
    const { token, user: account } = await t.services.auth.signUp({
      email: 'eve@example.com',
      password: 'eve-lighthouse-orbit-7',
    });
    const user = { id: account.id, email: account.email, name: account.name };
    const day = 24 * 60 * 60 * 1000;
    // 2 days used of 30: extended to a full 30 days from now.
    await t.db.prisma.session.update({
      where: { token },
      data: { expiresAt: new Date(Date.now() + 28 * day) },
    });
    expect(await t.services.auth.userForToken(token)).toEqual(user);
    const after = (await t.db.prisma.session.findUnique({ where: { token } }))?.expiresAt.getTime() ?? 0;
    expect(after).toBeGreaterThan(Date.now() + 29.9 * day);
    // Expired: refused, and better-auth agrees.
    await t.db.prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await t.services.auth.userForToken(token)).toBeNull();
  });

  it('a second sign-up with the same e-mail is CONFLICT; wrong password is UNAUTHORIZED', async () => {
    await t.services.auth.signUp({
      email: 'bob@example.com',
      password: 'bob-lighthouse-orbit-7',
      name: 'Bob',
    });
    expect(
      await codeOf(
        t.services.auth.signUp({ email: 'bob@example.com', password: 'another-lighthouse-orbit' }),
      ),
    ).toBe('CONFLICT');
    expect(
      await codeOf(
        t.services.auth.signIn({ email: 'bob@example.com', password: 'wrong-pass' }, { ip: '10.0.0.2' }),
      ),
    ).toBe('UNAUTHORIZED');
    expect(
      await codeOf(
        t.services.auth.signIn({ email: 'nobody@example.com', password: 'whatever' }, { ip: '10.0.0.2' }),
      ),
    ).toBe('UNAUTHORIZED');
  });

  it('simultaneous sign-ups with one e-mail: one account, the others CONFLICT', async () => {
    const codes = await Promise.all(
      Array.from({ length: 4 }, () =>
        codeOf(t.services.auth.signUp({ email: 'race@example.com', password: 'race-lighthouse-orbit-7' })),
      ),
    );
    expect(
      codes.filter((c) => c === 'ok'),
      codes.join(' | '),
    ).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(3);
    expect(await t.db.prisma.user.count({ where: { email: 'race@example.com' } })).toBe(1);
  });

  it('5 failed sign-ins from one place stop that place, not the owner signing in from elsewhere', async () => {
    await t.services.auth.signUp({ email: 'cat@example.com', password: 'cat-lighthouse-orbit-7' });
    const attacker = '10.1.0.1';
    for (let i = 0; i < 5; i++) {
      expect(
        await codeOf(
          t.services.auth.signIn({ email: 'cat@example.com', password: `wrong-${i}` }, { ip: attacker }),
        ),
      ).toBe('UNAUTHORIZED');
    }
    // The guesser is stopped, even when it guesses right…
    const err = await t.services.auth
      .signIn({ email: 'cat@example.com', password: 'cat-lighthouse-orbit-7' }, { ip: attacker })
      .then(
        () => null,
        (e: unknown) => e as AppError,
      );
    expect(err?.code).toBe('TOO_MANY_REQUESTS');
    expect(err?.message).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ minutes?\.$/);
    // …but the owner, from their own network, is not locked out.
    expect(
      await codeOf(
        t.services.auth.signIn(
          { email: 'cat@example.com', password: 'cat-lighthouse-orbit-7' },
          { ip: '10.1.1.1' },
        ),
      ),
    ).toBe('ok');
  });

  it('guesses spread over many addresses lock nobody out either', async () => {
    await t.services.auth.signUp({ email: 'dog@example.com', password: 'dog-lighthouse-orbit-7' });
    for (let i = 0; i < 12; i++) {
      expect(
        await codeOf(
          t.services.auth.signIn({ email: 'dog@example.com', password: `wrong-${i}` }, { ip: `10.2.0.${i}` }),
        ),
      ).toBe('UNAUTHORIZED');
    }
    expect(
      await codeOf(
        t.services.auth.signIn(
          { email: 'dog@example.com', password: 'dog-lighthouse-orbit-7' },
          { ip: '10.2.1.1' },
        ),
      ),
    ).toBe('ok');
  });

  it('one IP failing across many e-mails is throttled too', async () => {
    // A small per-IP budget keeps the test quick; the default is SIGN_IN_LIMITS.perIp.
    const auth = createAuthService({
      auth: createAuth(t.db, 'unit-test-secret-0123456789abcdef'),
      db: t.db,
      limits: { perEmailAndIp: 5, perIp: 3, windowSeconds: 900 },
    });
    const ip = '10.9.9.9';
    for (let i = 0; i < 3; i++) {
      expect(
        await codeOf(auth.signIn({ email: `spray${i}@example.com`, password: 'guess-pass' }, { ip })),
      ).toBe('UNAUTHORIZED');
    }
    expect(
      await codeOf(auth.signIn({ email: 'spray-new@example.com', password: 'guess-pass' }, { ip })),
    ).toBe('TOO_MANY_REQUESTS');
    expect(
      await codeOf(
        auth.signIn({ email: 'spray-new@example.com', password: 'guess-pass' }, { ip: '10.9.9.10' }),
      ),
    ).toBe('UNAUTHORIZED');
  });
});
