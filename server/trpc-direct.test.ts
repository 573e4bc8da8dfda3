import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Context } from './context';
import { AppError } from './errors';
import { appRouter } from './routers/_app';
import { authedProcedure, publicProcedure, router } from './trpc';
import { createDirectLane } from './trpc-direct';

// The direct lane answers plain calls itself instead of tRPC's adapter (trpc-direct.ts). Its
// answers must be tRPC's own, and the parts of tRPC it leans on must still be there: both are
// checked here, so a tRPC upgrade that changes either fails this file, not the clients.

const user = { id: 'u1', email: 'a@example.com', name: null, emailVerified: true };
const testRouter = router({
  echo: publicProcedure
    .input(z.object({ text: z.string(), at: z.date().optional() }))
    .query(({ input }) => ({ ...input, seen: new Date('2026-01-02T03:04:05.000Z'), list: [1, 'two', null] })),
  me: authedProcedure.query(({ ctx }) => ctx.user),
  save: authedProcedure
    .input(z.object({ body: z.string().max(10) }))
    .mutation(({ input }) => ({ saved: input.body.length, when: new Date(0) })),
  conflict: authedProcedure.mutation(() => {
    throw new AppError('CONFLICT', 'Already there');
  }),
  boom: publicProcedure.query(() => {
    throw new Error('database exploded');
  }),
  nothing: publicProcedure.query(() => undefined),
});

function context({ req }: { req: http.IncomingMessage }): Context {
  const token = req.headers.authorization === 'Bearer good' ? 'good' : null;
  return {
    services: {} as Context['services'],
    requestId: 'req-1',
    log: pino({ level: 'silent' }),
    ip: '127.0.0.1',
    token,
    getUser: async () => (token ? user : null),
  };
}

/** One server answering through the direct lane when it can, one through tRPC's adapter only. */
function serve(direct: boolean): Promise<{ url: string; close(): void }> {
  const lane = createDirectLane({
    router: testRouter,
    createContext: context,
    maxBodySize: 1 << 20,
    maxBatchSize: 50,
  });
  const trpc = createHTTPHandler({
    router: testRouter,
    basePath: '/trpc/',
    createContext: context,
    allowBatching: true,
    maxBatchSize: 50,
  });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const procedure = decodeURIComponent(url.pathname.slice('/trpc/'.length));
    if (direct) {
      res.setHeader('x-lane', 'direct');
      if (lane(req, res, procedure, url.search)) return;
      res.setHeader('x-lane', 'trpc');
    }
    void trpc(req, res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  );
}

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const get = (path: string, input?: unknown, auth = true): [string, RequestInit] => [
  `/trpc/${path}?batch=1${input === undefined ? '' : `&input=${enc(input)}`}`,
  { headers: auth ? { authorization: 'Bearer good' } : {} },
];
const post = (path: string, body: string, auth = true): [string, RequestInit] => [
  `/trpc/${path}?batch=1`,
  {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: 'Bearer good' } : {}) },
  },
];

const REQUESTS: Record<string, [string, RequestInit]> = {
  'a query with a Date in and out': get('echo', {
    0: { json: { text: 'hi', at: '2026-05-06T07:08:09.000Z' }, meta: { values: { at: ['Date'] }, v: 1 } },
  }),
  'a batch of two queries': get('echo,me', { 0: { json: { text: 'x' } }, 1: { json: null } }),
  'an unbatched query': [`/trpc/echo?input=${enc({ json: { text: 'plain' } })}`, {}],
  'invalid input (zod)': get('echo', { 0: { json: { text: 5 } } }),
  'no session': get('me', {}, false),
  'a mutation': post('save', JSON.stringify({ 0: { json: { body: 'hello' } } })),
  'a mutation with invalid input': post(
    'save',
    JSON.stringify({ 0: { json: { body: 'far too long for it' } } }),
  ),
  'a mutation with a body that is not JSON': post('save', '{"0":'),
  'a service error (CONFLICT)': post('conflict', JSON.stringify({ 0: { json: null } })),
  'an unexpected error (hidden behind the request id)': get('boom', { 0: { json: null } }),
  'an undefined answer': get('nothing', { 0: { json: null } }),
  'a batch input that is not an object': get('echo', 5),
  'a query whose input is not JSON': ['/trpc/echo?batch=1&input=%7B', {}],
};

describe('trpc-direct', () => {
  let direct: Awaited<ReturnType<typeof serve>>;
  let viaTrpc: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    direct = await serve(true);
    viaTrpc = await serve(false);
  });
  afterAll(() => {
    direct.close();
    viaTrpc.close();
  });

  it('still finds in tRPC what it uses (router._def: _config.transformer, procedures and their type)', () => {
    const def = appRouter._def as unknown as {
      _config?: { transformer?: { input?: { deserialize?: unknown }; output?: { serialize?: unknown } } };
      procedures?: Record<string, { _def?: { type?: unknown } }>;
    };
    const why =
      'tRPC changed the router internals server/trpc-direct.ts reads: update it (or drop it for the adapter)';
    expect(typeof def._config?.transformer?.input?.deserialize, why).toBe('function');
    expect(typeof def._config?.transformer?.output?.serialize, why).toBe('function');
    expect(def.procedures?.['outreach.recordLinkedIn']?._def?.type, why).toBe('mutation');
    expect(def.procedures?.['history.forRecipient']?._def?.type, why).toBe('query');
    expect(def.procedures?.['sync.poke']?._def?.type, why).toBe('subscription');
  });

  for (const [what, [path, init]] of Object.entries(REQUESTS)) {
    it(`answers ${what} as tRPC's adapter does`, async () => {
      const [a, b] = await Promise.all([fetch(direct.url + path, init), fetch(viaTrpc.url + path, init)]);
      const answer = async (r: Response) => ({
        status: r.status,
        type: r.headers.get('content-type'),
        vary: r.headers.get('vary'),
        body: await r.text(),
      });
      const [mine, theirs] = await Promise.all([answer(a), answer(b)]);
      expect(mine).toEqual(theirs);
      // and it was the direct lane that answered (else this compares tRPC with itself)
      expect(a.headers.get('x-lane')).toBe('direct');
    });
  }
});
