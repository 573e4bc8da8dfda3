// The direct lane: a single (unbatched) tRPC query over GET or mutation over POST, answered
// without tRPC's fetch adapter.
//
// Why: the standalone adapter turns every node:http request into a WHATWG Request (undici), its
// body into a ReadableStream, the answer into a Response and back through web streams, with
// AbortControllers and Headers on the way — most of the server's CPU per request on the calls
// clients make all the time (sync.pull, history.forRecipient, recorded sends; measured with
// --cpu-prof, docs/benchmarks.md). This lane calls the same procedure (same middlewares, same
// zod input schema, same transformer) and writes the same JSON envelope, status and headers as
// tRPC's resolveResponse for one call; everything else — batches, subscriptions, streaming
// (jsonl), chunked bodies, unknown paths, method mismatches — goes to tRPC's own handler.
//
// tRPC API used: only what @trpc/server and @trpc/server/http export (callTRPCProcedure,
// getTRPCErrorShape, getTRPCErrorFromUnknown, transformTRPCResponse, getHTTPStatusCode) and the
// router's `_def` (`_config`, `procedures`: the exported TRPCRouterDef type) — nothing from
// `unstable-core-do-not-import`. trpc-direct.test.ts checks that `_def` still looks as used
// here, and that every answer is byte for byte the one tRPC's own adapter gives; both fail
// loudly on a tRPC upgrade that changes them.
import type http from 'node:http';
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  transformTRPCResponse,
  TRPCError,
  type AnyTRPCProcedure as AnyProcedure,
  type AnyTRPCRouter as AnyRouter,
} from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';

export interface DirectLaneOptions<Ctx> {
  router: AnyRouter;
  createContext(opts: { req: http.IncomingMessage; res: http.ServerResponse }): Ctx;
  maxBodySize: number;
  maxBatchSize: number;
}

const isJson = (contentType: string | undefined) =>
  contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';

/** The request's body as text (the caller made sure its declared length is within the limit). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.once('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    req.once('error', reject);
  });
}

/**
 * Returns a handler that serves the request and returns true, or returns false (nothing done)
 * when the request is not plain calls of known procedures: then tRPC's adapter must take it.
 */
export function createDirectLane<Ctx>(opts: DirectLaneOptions<Ctx>) {
  const config = opts.router._def._config;
  const procedures = opts.router._def.procedures as Record<string, AnyProcedure | undefined>;
  const deserialize = (raw: unknown) =>
    raw === undefined ? undefined : config.transformer.input.deserialize(raw);

  return function serve(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
    search: string,
  ): boolean {
    const method = req.method;
    if (method !== 'GET' && method !== 'POST') return false;
    const h = req.headers;
    if (h['trpc-accept'] !== undefined || String(h.accept ?? '').includes('application/jsonl')) return false;
    const params = new URLSearchParams(search);
    const batch = params.get('batch') === '1';
    if (!batch && params.has('batch')) return false;
    const paths = batch ? pathname.split(',') : [pathname];
    if (paths.length > opts.maxBatchSize) return false;
    const wanted = method === 'GET' ? 'query' : 'mutation';
    for (const path of paths) {
      const proc = procedures[path];
      if (!proc || proc._def.type !== wanted) return false;
    }

    let text: () => Promise<string | null>;
    if (method === 'GET') {
      const input = params.get('input');
      text = () => Promise.resolve(input);
    } else {
      // Chunked or undeclared bodies and other media types: tRPC's own checks and messages.
      const length = Number(h['content-length']);
      if (!isJson(h['content-type']) || !Number.isFinite(length) || length > opts.maxBodySize) return false;
      const body = readBody(req, opts.maxBodySize);
      body.catch(() => {}); // observed through the calls' inputs
      text = () => body;
    }
    // Parsed inside the calls' input getters, as tRPC does: bad input fails the calls, not the server.
    let inputs: Promise<unknown[]> | null = null;
    const readInputs = () =>
      (inputs ??= text()
        .then((raw) => {
          const parsed: unknown = raw ? JSON.parse(raw) : undefined;
          if (!batch) return [deserialize(parsed)];
          if (parsed === undefined) return [];
          if (parsed === null || typeof parsed !== 'object')
            throw new TRPCError({
              code: 'BAD_REQUEST',
              message: '"input" needs to be an object when doing a batch call',
            });
          return paths.map((_, i) => deserialize((parsed as Record<number, unknown>)[i]));
        })
        .catch((cause: unknown) => {
          // As tRPC's adapter: input that cannot be read (bad JSON, a broken upload) is the
          // client's fault, a 400 with the reason, not a hidden 500.
          if (cause instanceof TRPCError) throw cause;
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: cause instanceof Error ? cause.message : 'Invalid input',
            cause,
          });
        }));

    const ctx = opts.createContext({ req, res });
    const calls = paths.map((path, i) => {
      const getRawInput = async () => (await readInputs())[i];
      return callTRPCProcedure({
        router: opts.router,
        ctx,
        path,
        type: wanted,
        getRawInput,
        signal: undefined,
        batchIndex: i,
      }).then(
        (data: unknown) => ({ result: { data } }),
        async (cause: unknown) => {
          const error = getTRPCErrorFromUnknown(cause);
          const input = await getRawInput().catch(() => undefined);
          return {
            error: getTRPCErrorShape({ config, ctx, error, input, path, type: wanted }),
            cause: error,
          };
        },
      );
    });
    Promise.all(calls)
      .then((results) => {
        const errors = results.flatMap((r) => ('cause' in r ? [r.cause] : []));
        const json = results.map((r) => ('cause' in r ? { error: r.error } : r));
        const out = batch ? json : json[0]!;
        const body = JSON.stringify(transformTRPCResponse(config, out as never));
        res.statusCode = getHTTPStatusCode(out as never, errors);
        res.setHeader('vary', 'trpc-accept, accept');
        res.setHeader('content-type', 'application/json');
        res.setHeader('content-length', Buffer.byteLength(body));
        res.end(body);
      })
      .catch((err: unknown) => {
        // Writing the answer failed (the client went away): nothing left to tell anyone.
        res.destroy(err as Error);
      });
    return true;
  };
}
