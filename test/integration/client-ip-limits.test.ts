// Sign-up and failed sign-in limits are per client IP. Behind a reverse proxy (TRUST_PROXY = the
// number of proxies in front, or their addresses) the client is the X-Forwarded-For entry the
// nearest untrusted hop was seen as — the one the trusted proxy appended, never the ones the
// client wrote itself; without TRUST_PROXY that header is the caller's own claim and is ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueEmail, type TestServer } from '../support/server';

const STRONG = 'violet-harbour-kettle-42';

async function call(server: TestServer, path: string, json: unknown, forwardedFor?: string) {
  const res = await fetch(`${server.trpcUrl}/${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
    },
    body: JSON.stringify({ json }),
  });
  const body = (await res.json()) as { error?: { json?: { message?: string; data?: { code?: string } } } };
  return {
    status: res.status,
    code: body.error?.json?.data?.code ?? 'OK',
    message: body.error?.json?.message,
  };
}
const signUp = (server: TestServer, forwardedFor?: string) =>
  call(server, 'auth.signUp', { email: uniqueEmail('limit'), password: STRONG }, forwardedFor);

/** What a client puts first in the header: a new invented address every time. */
let n = 0;
const invented = () => `198.18.${Math.floor(++n / 250)}.${n % 250}`;

describe('behind one trusted proxy (TRUST_PROXY=1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ trustProxy: 1, signUpLimitPerHour: 3 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts sign-ups per client (the entry the proxy appended) and answers TOO_MANY_REQUESTS past the limit', async () => {
    for (let i = 0; i < 3; i++) expect((await signUp(server, '203.0.113.7')).code).toBe('OK');
    const refused = await signUp(server, '203.0.113.7');
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(refused.message).toMatch(/^Too many sign-ups from this network\. Try again in \d+ minutes?\.$/);
    // Another client behind the same proxy is not affected.
    expect((await signUp(server, '198.51.100.4')).code).toBe('OK');
  });

  it('a client rotating its own X-Forwarded-For entries cannot dodge the sign-up limit', async () => {
    // The proxy appends the address it saw (203.0.113.9) after whatever the client sent.
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await signUp(server, `${invented()}, 203.0.113.9`)).code);
    expect(codes).toEqual(['OK', 'OK', 'OK', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
  });

  it('nor the per-IP limit on failed sign-ins (20 per 15 minutes)', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 22; i++) {
      const email = uniqueEmail('nobody'); // a new e-mail every time: only the IP limit applies
      codes.push(
        (await call(server, 'auth.signIn', { email, password: 'wrong' }, `${invented()}, 203.0.113.10`)).code,
      );
    }
    expect(codes.slice(0, 20).every((c) => c === 'UNAUTHORIZED')).toBe(true);
    expect(codes.slice(20)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
  });
});

describe('behind two trusted proxies (TRUST_PROXY=2)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ trustProxy: 2, signUpLimitPerHour: 2 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the client is the entry the outer proxy appended', async () => {
    // client-written, then the outer proxy's view of the client, then the inner proxy's view of the outer one
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await signUp(server, `${invented()}, 203.0.113.20, 10.1.2.3`)).code);
    expect(codes).toEqual(['OK', 'OK', 'TOO_MANY_REQUESTS']);
    expect((await signUp(server, `${invented()}, 203.0.113.21, 10.1.2.3`)).code).toBe('OK');
  });
});

describe('trusted proxies named by address (TRUST_PROXY=loopback,10.0.0.0/8)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ trustProxy: 'loopback,10.0.0.0/8', signUpLimitPerHour: 2 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('skips trusted hops from the right and stops at the first untrusted one', async () => {
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await signUp(server, `${invented()}, 203.0.113.30, 10.9.9.9`)).code);
    expect(codes).toEqual(['OK', 'OK', 'TOO_MANY_REQUESTS']);
  });
});

describe('without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ signUpLimitPerHour: 2 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('ignores X-Forwarded-For: a caller cannot dodge the limit by inventing addresses', async () => {
    expect((await signUp(server, '203.0.113.1')).code).toBe('OK');
    expect((await signUp(server, '203.0.113.2')).code).toBe('OK');
    expect((await signUp(server, '203.0.113.3')).code).toBe('TOO_MANY_REQUESTS');
  });
});
