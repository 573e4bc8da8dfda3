// Per-request context. The session is looked up lazily (once per HTTP request, even for a batch)
// by the authed middleware, so public procedures never touch the session table.
import crypto from 'node:crypto';
import type http from 'node:http';
import type { Logger } from 'pino';
import type { TUser } from '../shared/schemas/auth';
import type { Services } from './services';
import { clientIp, compileTrustProxy, type TrustProxy } from './client-ip';

export interface Context {
  services: Services;
  requestId: string;
  log: Logger;
  ip: string;
  /** The bearer token sent with the request, if any. */
  token: string | null;
  /** The signed-in user, or null (memoised per request). */
  getUser(): Promise<TUser | null>;
}

export function bearerToken(header: string | undefined): string | null {
  if (!header || header.slice(0, 7).toLowerCase() !== 'bearer ') return null;
  const token = header.slice(7).trim();
  return token || null;
}

export function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : crypto.randomUUID();
}

export function createContextFactory(services: Services, opts: { trustProxy?: TrustProxy } = {}) {
  const trust = compileTrustProxy(opts.trustProxy);
  return ({ req }: { req: http.IncomingMessage }): Context => {
    const requestId = (req as { reachlogRequestId?: string }).reachlogRequestId ?? requestIdOf(req);
    const token = bearerToken(req.headers.authorization);
    let user: Promise<TUser | null> | null = null;
    return {
      services,
      requestId,
      log: services.log.child({ reqId: requestId }),
      ip: clientIp(req, trust),
      token,
      getUser: () => (user ??= token ? services.auth.userForToken(token) : Promise.resolve(null)),
    };
  };
}

/**
 * A context for calling the router in-process as a given user (benchmarks, scripts):
 * `appRouter.createCaller(contextForUser(services, user))`.
 */
export function contextForUser(services: Services, user: TUser, token = 'in-process'): Context {
  return {
    services,
    requestId: `in-process-${crypto.randomUUID()}`,
    log: services.log,
    ip: '127.0.0.1',
    token,
    getUser: () => Promise.resolve(user),
  };
}
