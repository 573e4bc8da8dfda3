// Sign-up is limited per client IP (SIGNUP_LIMIT_PER_HOUR). Behind a reverse proxy
// (TRUST_PROXY=1) the client is the first X-Forwarded-For entry; otherwise that header is the
// caller's own claim and is ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueEmail, type TestServer } from '../support/server';

async function signUp(server: TestServer, forwardedFor?: string) {
  const res = await fetch(`${server.trpcUrl}/auth.signUp`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
    },
    body: JSON.stringify({ json: { email: uniqueEmail('limit'), password: 'password-123' } }),
  });
  const body = (await res.json()) as { error?: { json?: { message?: string; data?: { code?: string } } } };
  return {
    status: res.status,
    code: body.error?.json?.data?.code ?? 'OK',
    message: body.error?.json?.message,
  };
}

describe('behind a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ trustProxy: true, signUpLimitPerHour: 3 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts sign-ups per client (first X-Forwarded-For entry) and answers TOO_MANY_REQUESTS past the limit', async () => {
    for (let i = 0; i < 3; i++) expect((await signUp(server, '203.0.113.7, 10.0.0.1')).code).toBe('OK');
    const refused = await signUp(server, '203.0.113.7, 10.0.0.2');
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(refused.message).toMatch(/^Too many sign-ups from this network\. Try again in \d+ minutes?\.$/);
    // Another client behind the same proxy is not affected.
    expect((await signUp(server, '198.51.100.4')).code).toBe('OK');
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
