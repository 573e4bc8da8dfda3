// The HTTP layer's limits beyond the body size: how many calls one batch may carry, and which
// browser origins get a CORS grant.
import { describe, expect, it } from 'vitest';
import { afterAll, beforeAll } from 'vitest';
import { MAX_BATCH_SIZE } from '../../shared/api-limits';
import { CHROME_EXTENSION_ORIGIN } from '../../shared/extension-identity';
import { setupTestServer, startTestServer, type TestServer } from '../support/server';

const t = setupTestServer();

/** A GET batch of `n` history.latest calls, as httpBatchLink sends it. */
async function batch(n: number) {
  const paths = Array(n).fill('history.latest').join(',');
  const input = JSON.stringify(
    Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { limit: 1 } }])),
  );
  return fetch(`${t.server.trpcUrl}/${paths}?batch=1&input=${encodeURIComponent(input)}`, {
    headers: { Authorization: `Bearer ${t.user.token}` },
  });
}

describe('batches', () => {
  it(`are answered up to ${MAX_BATCH_SIZE} calls`, async () => {
    const res = await batch(MAX_BATCH_SIZE);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown[]).toHaveLength(MAX_BATCH_SIZE);
  });

  it('one call more is refused whole with BAD_REQUEST, and nothing runs', async () => {
    const res = await batch(MAX_BATCH_SIZE + 1);
    expect(res.status).toBe(400);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('BAD_REQUEST');
    expect(body).not.toContain('"result"');
  });

  it('the typed client splits a longer burst into batches the server takes', async () => {
    const calls = await Promise.all(
      Array.from({ length: MAX_BATCH_SIZE * 2 + 3 }, () => t.user.client.history.latest.query({ limit: 1 })),
    );
    expect(calls).toHaveLength(MAX_BATCH_SIZE * 2 + 3);
  });
});

const preflight = (server: TestServer, origin: string) =>
  fetch(`${server.url}/trpc/auth.me`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-headers': 'authorization' },
  });

describe('CORS', () => {
  it("grants the extension's own Chrome origin and Firefox's extension origins, no other", async () => {
    const own = await preflight(t.server, CHROME_EXTENSION_ORIGIN);
    expect(own.headers.get('access-control-allow-origin')).toBe(CHROME_EXTENSION_ORIGIN);
    const firefox = 'moz-extension://1d7e0b0c-5f0e-4c8e-9b1a-3a4c2b1d0e9f';
    expect((await preflight(t.server, firefox)).headers.get('access-control-allow-origin')).toBe(firefox);
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'https://evil.example',
      'null',
    ]) {
      const res = await preflight(t.server, origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  describe('with ALLOWED_EXTENSION_ORIGINS', () => {
    let pinned: TestServer;
    const store = 'chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    beforeAll(async () => {
      pinned = await startTestServer({ allowedExtensionOrigins: [store] });
    });
    afterAll(async () => {
      await pinned?.close();
    });

    it('grants exactly the listed origins', async () => {
      expect((await preflight(pinned, store)).headers.get('access-control-allow-origin')).toBe(store);
      for (const origin of [
        CHROME_EXTENSION_ORIGIN,
        'moz-extension://1d7e0b0c-5f0e-4c8e-9b1a-3a4c2b1d0e9f',
      ]) {
        expect(
          (await preflight(pinned, origin)).headers.get('access-control-allow-origin'),
          origin,
        ).toBeNull();
      }
    });
  });
});
