// The live poke stream (sync.poke) over server-sent events, with tRPC's httpSubscriptionLink.
//
// The EventSource comes from the `eventsource` package: it works where the browser has none (an
// MV3 service worker) and lets the bearer token go in a header rather than the URL. It never
// reconnects by itself: a broken stream ends the subscription with an error, and the caller
// (extension/sync/live.ts) reconnects with backoff and jitter, then pulls.
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import { EventSource, type EventSourceInit } from 'eventsource';
import superjson from 'superjson';
import type { AppRouter } from '@@/server/routers/_app';
import type { TPoke } from '@@/shared/schemas/sync';

class OneShotEventSource extends EventSource {
  constructor(url: string | URL, init?: EventSourceInit) {
    super(url, init);
    // Registered before tRPC's own listener: it then sees the stream closed and fails the
    // subscription instead of waiting for the library's fixed-delay reconnect.
    this.addEventListener('error', () => this.close());
  }
}

export interface PokeHandlers {
  /** the stream is open (the server's first event) or the data changed */
  onPoke(poke: TPoke): void;
  /** the stream ended or could not be opened */
  onError(error: unknown): void;
}

export interface PokeStreamOptions {
  /** normalized, e.g. http://127.0.0.1:8787 */
  serverUrl: string;
  getToken: () => string | null | Promise<string | null>;
  fetch?: typeof fetch;
}

/** Opens the stream; returns the function that closes it. */
export function subscribePokes(opts: PokeStreamOptions, handlers: PokeHandlers): () => void {
  const baseFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${opts.serverUrl}/trpc`,
        transformer: superjson,
        EventSource: OneShotEventSource,
        eventSourceOptions: async () => {
          const token = await opts.getToken();
          const init: EventSourceInit = {
            fetch: (input, init) =>
              baseFetch(input, {
                ...init,
                headers: { ...init?.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
              }),
          };
          return init;
        },
      }),
    ],
  });
  let done = false;
  const sub = client.sync.poke.subscribe(undefined, {
    onData: (poke) => handlers.onPoke(poke),
    onError: (error) => {
      if (done) return;
      done = true;
      handlers.onError(error);
    },
    onComplete: () => {
      if (done) return;
      done = true;
      handlers.onError(new Error('The live connection was closed by the server'));
    },
  });
  return () => {
    done = true;
    sub.unsubscribe();
  };
}
