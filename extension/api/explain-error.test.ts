// @vitest-environment node
// explainError with real failures, through the extension's own API client (Node's fetch): a
// server that is down, a name that does not resolve, a server that never answers, a proxy's 5xx
// page, a server error from a real tRPC server, a certificate that is not trusted, an answer cut
// mid-way, a site that is not Reachlog. The words must say what is wrong and what happens next,
// never "fetch failed".
import http from 'node:http';
import https from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { initTRPC } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import superjson from 'superjson';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { makeTestCertificate } from '@@/server/testing/tls-smtp-server';
import { createReachlogApi } from './api';
import { classifyError, explainError } from './errors';

const servers: { close(cb?: () => void): unknown; closeAllConnections?: () => void }[] = [];

async function listen(server: http.Server | https.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `${server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${port}`;
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The error of one real call (auth.me) to this address. */
async function failureAt(serverUrl: string, timeoutMs?: number): Promise<unknown> {
  const api = createReachlogApi({ serverUrl, getToken: () => 'token', timeoutMs });
  return api.me().then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: unknown) => error,
  );
}

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections?.();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

describe('explainError with real failures', () => {
  it('a server that is down', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const info = explainError(await failureAt(url), 'send-email');
    expect(info).toEqual({
      kind: 'network',
      code: null,
      message: `Can't reach the Reachlog server at ${url}: nothing answers there (the server may be stopped or restarting) — the e-mail will go out when it's back.`,
    });
  });

  it('a name that does not resolve', async () => {
    const url = 'https://reachlog-test.invalid';
    const info = explainError(await failureAt(url), 'sync');
    expect(info.kind).toBe('network');
    expect(info.message).toBe(
      `Can't reach the Reachlog server at ${url}: the name reachlog-test.invalid was not found (check the address and your connection) — your changes are kept on this computer and sync when it's back.`,
    );
  });

  it('a server that never answers', async () => {
    const url = await listen(http.createServer(() => undefined));
    const info = explainError(await failureAt(url, 300), 'record-linkedin');
    expect(info.kind).toBe('network');
    expect(info.message).toBe(
      `Can't reach the Reachlog server at ${url}: it did not answer in time — the LinkedIn message will be recorded when it's back.`,
    );
  });

  it('a proxy’s 502 and 503 pages', async () => {
    for (const status of [502, 503]) {
      const url = await listen(
        http.createServer((_req, res) => {
          res.writeHead(status, { 'content-type': 'text/html' });
          res.end(`<html><body><h1>${status}</h1></body></html>`);
        }),
      );
      const info = explainError(await failureAt(url), 'send-email');
      expect(info.kind).toBe('network'); // the outbox keeps the send and tries again
      expect(info.message).toBe(
        `Can't reach the Reachlog server at ${url}: it answered with an error page (HTTP ${status}), so it may be restarting or down behind its proxy — the e-mail will go out when it's back.`,
      );
    }
  });

  it('a server error from a real tRPC server', async () => {
    const t = initTRPC.create({ transformer: superjson });
    const router = t.router({
      auth: t.router({
        me: t.procedure.query(() => {
          throw new Error('database is locked');
        }),
      }),
    });
    const url = await listen(http.createServer(createHTTPHandler({ router, basePath: '/trpc/' })));
    const error = await failureAt(url);
    expect(classifyError(error)).toMatchObject({ kind: 'failed', code: 'INTERNAL_SERVER_ERROR' });
    expect(explainError(error, 'save').message).toBe(
      'The Reachlog server ran into an error (database is locked). Nothing was lost; try again in a moment.',
    );
    expect(explainError(error, 'sync').message).toBe(
      'The Reachlog server ran into an error (database is locked). Your changes are kept on this computer; it tries again by itself.',
    );
  });

  it('a certificate that is not trusted', async () => {
    const cert = await makeTestCertificate();
    const url = await listen(
      https.createServer({ key: cert.key, cert: cert.cert }, (_req, res) => res.end('{}')),
    );
    const info = explainError(await failureAt(url), 'sign-in');
    expect(info.kind).toBe('network');
    expect(info.message).toBe(
      `Can't reach the Reachlog server at ${url}: its secure connection failed (its certificate is not trusted or not for this address) — check the address and that the server is running, then try again.`,
    );
  });

  it('an answer cut mid-way', async () => {
    const url = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 200 });
        res.write('[{"result":{"data":');
        setTimeout(() => res.socket?.destroy(), 20);
      }),
    );
    const info = explainError(await failureAt(url), 'send-both');
    expect(info.kind).toBe('network');
    expect(info.message).toBe(
      `Can't reach the Reachlog server at ${url}: the connection broke before its answer arrived — the message will go out when it's back.`,
    );
  });

  it('a site that is not Reachlog', async () => {
    const url = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Welcome to nginx!</body></html>');
      }),
    );
    const info = explainError(await failureAt(url), 'sign-in');
    expect(info.message).toBe(
      `Something answered at ${url}, but it is not a Reachlog server (check the address) — check the address and that the server is running, then try again.`,
    );
  });

  it('an offline computer, and the browser’s bare "Failed to fetch"', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    vi.stubGlobal('navigator', { onLine: false });
    try {
      expect(explainError(await failureAt(url), 'send-email').message).toBe(
        `Can't reach the Reachlog server at ${url}: this computer is offline — the e-mail will go out when it's back.`,
      );
    } finally {
      vi.unstubAllGlobals();
    }
    // Chromium says only this, whatever the cause; it reaches explainError wrapped by the client
    const api = createReachlogApi({
      serverUrl: url,
      getToken: () => null,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const error = await api.me().catch((e: unknown) => e);
    expect(explainError(error, 'send-email').message).toBe(
      `Can't reach the Reachlog server at ${url} — the e-mail will go out when it's back.`,
    );
  });

  it('leaves the server’s own refusals as they are', () => {
    // (what the server says for bad input is tested in errors.test.ts)
    expect(explainError(new Error('Quota exceeded'), 'save')).toEqual({
      kind: 'failed',
      code: null,
      message: 'Quota exceeded',
    });
  });
});
