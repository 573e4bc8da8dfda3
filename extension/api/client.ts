import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@@/server/routers/_app';
import { MAX_BATCH_SIZE } from '@@/shared/api-limits';
import { ServerUnreachable, unreachableReason } from './errors';

export type ApiClient = TRPCClient<AppRouter>;

export interface ApiClientOptions {
  /** normalized, e.g. http://127.0.0.1:8787 (see normalizeServerUrl) */
  serverUrl: string;
  /** read on every request, so a new session applies without rebuilding the client */
  getToken: () => string | null | Promise<string | null>;
  /** a request that gets no answer in this time counts as "server unreachable" */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The background's tRPC client (the views never call the server themselves). */
export function createApiClient(opts: ApiClientOptions): ApiClient {
  const baseFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${opts.serverUrl}/trpc`,
        transformer: superjson,
        maxItems: MAX_BATCH_SIZE,
        async headers() {
          const token = await opts.getToken();
          return token ? { Authorization: `Bearer ${token}` } : {};
        },
        fetch: async (input, init) => {
          const timeout = AbortSignal.timeout(timeoutMs);
          const signals = [timeout, init?.signal].filter((s): s is AbortSignal => !!s);
          const unreachable = (error: unknown) => {
            // the caller gave up (not the server): pass its abort on as it is
            if (init?.signal?.aborted && !timeout.aborted) return error;
            const reason = timeout.aborted ? 'timeout' : unreachableReason(error);
            return new ServerUnreachable(opts.serverUrl, reason, null, { cause: error });
          };
          let res: Response;
          try {
            res = await baseFetch(input as RequestInfo, {
              ...(init as RequestInit),
              signal: AbortSignal.any(signals),
            });
          } catch (error) {
            throw unreachable(error);
          }
          // Reachlog always answers JSON: anything else is a proxy's error page or another site
          if (!/json/i.test(res.headers.get('content-type') ?? '')) {
            await res.body?.cancel().catch(() => undefined);
            throw new ServerUnreachable(
              opts.serverUrl,
              res.status >= 500 ? 'server-error' : 'not-reachlog',
              res.status,
            );
          }
          // read here, so an answer cut mid-way is told apart from an answer that is not JSON
          let body: string;
          try {
            body = await res.text();
          } catch (error) {
            throw unreachable(error);
          }
          const empty = res.status === 204 || res.status === 205 || res.status === 304;
          return new Response(empty ? null : body, {
            status: res.status,
            statusText: res.statusText,
            headers: res.headers,
          });
        },
      }),
    ],
  });
}
