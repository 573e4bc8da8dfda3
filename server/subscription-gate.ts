// Subscriptions (sync.poke: server-sent events) are answered before their stream opens. tRPC
// would open the stream with HTTP 200 and only then send the refusal as an event; an
// EventSource (and any HTTP client) should see 401 itself, as every other procedure answers.
// So: no live session → 401, a method other than GET (what httpSubscriptionLink uses) → 405,
// both in tRPC's error shape; otherwise the request goes on to tRPC.
import type http from 'node:http';
import { bearerToken } from './context';
import type { Services } from './services';
import type { AppRouter } from './routers/_app';

export function subscriptionPaths(router: AppRouter): Set<string> {
  const all = (router._def as unknown as { procedures: Record<string, { _def: { type: string } }> })
    .procedures;
  return new Set(Object.entries(all).flatMap(([path, p]) => (p._def.type === 'subscription' ? [path] : [])));
}

function refuse(
  res: http.ServerResponse,
  status: number,
  code: string,
  rpcCode: number,
  message: string,
  path: string,
) {
  const body = JSON.stringify({
    error: {
      json: {
        message,
        code: rpcCode,
        data: { code, httpStatus: status, path, zodError: null, issues: null },
      },
    },
  });
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(body);
}

/** Checks a request to a subscription; calls `open` when it may go on to tRPC. */
export function gateSubscription(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
  services: Services,
  open: () => void,
): Promise<void> {
  const token = bearerToken(req.headers.authorization);
  return (token ? services.auth.userForToken(token) : Promise.resolve(null)).then((user) => {
    if (!user)
      return refuse(
        res,
        401,
        'UNAUTHORIZED',
        -32001,
        token ? 'Your session has ended; sign in again' : 'Sign in first',
        path,
      );
    if (req.method !== 'GET')
      return refuse(
        res,
        405,
        'METHOD_NOT_SUPPORTED',
        -32005,
        'A subscription is opened with GET (server-sent events)',
        path,
      );
    open();
  });
}
