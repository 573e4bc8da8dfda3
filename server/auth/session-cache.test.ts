// The session cache (session-cache.ts) against real services on a real database: sign-out ends
// a cached token at once in its own process, and within the stated bound in another process
// (a second service set with its own connection and its own cache, as a second server has).
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../services';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
import { SESSION_CACHE_MS } from './session-cache';

const BOUND_MS = 400;
let t: TempServices;
let other: TempServices;
/** "This process": trusts a session read from the database for BOUND_MS. */
let here: Services;
beforeAll(async () => {
  t = await tempServices();
  other = await tempServices({ shareWith: t });
  here = createServices({
    db: t.db,
    secret: 'unit-test-secret-0123456789abcdef',
    log: pino({ level: 'silent' }),
    emailVerification: 'off',
    sessionCacheMs: BOUND_MS,
  });
}, 60_000);
afterAll(async () => {
  here?.close();
  await other?.close();
  await t?.close();
}, 60_000);

async function signedIn(services: Services) {
  const user = await newUser(services);
  const { token } = await services.auth.signIn(
    { email: user.email, password: 'correct horse battery' },
    { ip: '127.0.0.1' },
  );
  return { user, token };
}

describe('session cache', { timeout: 60_000 }, () => {
  it('states a bound of a few seconds', () => {
    expect(SESSION_CACHE_MS).toBeGreaterThan(0);
    expect(SESSION_CACHE_MS).toBeLessThanOrEqual(10_000);
  });

  it('sign-out ends a cached token at once in its own process', async () => {
    const { user, token } = await signedIn(here);
    expect(await here.auth.userForToken(token)).toMatchObject({ id: user.id });
    expect(await here.auth.userForToken(token)).toMatchObject({ id: user.id }); // from the cache
    await here.auth.signOut(token);
    expect(await here.auth.userForToken(token)).toBeNull();
    // and the database agrees: another process does not see it either
    expect(await other.services.auth.userForToken(token)).toBeNull();
  });

  it('sign-out in another process reaches this one within the bound', async () => {
    const { user, token } = await signedIn(here);
    expect(await here.auth.userForToken(token)).toMatchObject({ id: user.id });
    const signedOutAt = Date.now();
    await other.services.auth.signOut(token);
    expect(await other.services.auth.userForToken(token)).toBeNull();
    // poll: the token must stop working here no later than the bound after the sign-out
    let endedAfter = Infinity;
    while (Date.now() - signedOutAt < BOUND_MS * 3) {
      if ((await here.auth.userForToken(token)) === null) {
        endedAfter = Date.now() - signedOutAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(endedAfter).toBeLessThanOrEqual(BOUND_MS + 100);
  });

  it('keeps working for other tokens of the same user, and never caches unknown tokens', async () => {
    const { user, token } = await signedIn(here);
    const second = await here.auth.signIn(
      { email: user.email, password: 'correct horse battery' },
      { ip: '127.0.0.1' },
    );
    await here.auth.userForToken(token);
    await here.auth.userForToken(second.token);
    await here.auth.signOut(token);
    expect(await here.auth.userForToken(token)).toBeNull();
    expect(await here.auth.userForToken(second.token)).toMatchObject({ id: user.id });
    expect(await here.auth.userForToken('no-such-token')).toBeNull();
  });
});
