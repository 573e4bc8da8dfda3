import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@@/server/routers/_app';
import { MAX_BATCH_SIZE } from '@@/shared/api-limits';

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
        fetch: (input, init) => {
          const signals = [AbortSignal.timeout(timeoutMs), init?.signal].filter((s): s is AbortSignal => !!s);
          return baseFetch(input as RequestInfo, {
            ...(init as RequestInit),
            signal: AbortSignal.any(signals),
          });
        },
      }),
    ],
  });
}
