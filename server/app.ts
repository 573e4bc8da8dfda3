// The HTTP server: migrations, then /trpc (batching on), GET /health, CORS for the extension,
// and a 1 MB cap on request bodies.
//
// In-process use (benchmarks, scripts) without HTTP:
//   const db = createDatabase(url); await migrate(url); await tuneSqlite(db);
//   const services = createServices({ db, secret, smtpUrl, log });
//   const { user } = await services.auth.signUp({ email, password });
//   const caller = appRouter.createCaller(contextForUser(services, user));
//   await caller.history.latest({ limit: 20 });
//   ... services.close(); await db.close();
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createDatabase, tuneSqlite, type SqliteSynchronous } from './db/client';
import { migrate } from './db/migrate';
import { createServices, type ServicesOptions } from './services';
import { appRouter } from './routers/_app';
import { createContextFactory, requestIdOf } from './context';
import { createLogger } from './logger';

export { appRouter, type AppRouter } from './routers/_app';
export { createDatabase, tuneSqlite, type Database, type DbKind } from './db/client';
export { migrate } from './db/migrate';
export { createServices, type Services } from './services';
export { contextForUser, type Context } from './context';
export { createCallerFactory } from './trpc';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface StartServerOptions {
  databaseUrl: string;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  smtpUrl?: string;
  /** Sender for mail through SMTP_URL (default: the relay login if it is an e-mail address). */
  smtpFrom?: string;
  secret: string;
  logger?: Logger;
  signInLimits?: ServicesOptions['signInLimits'];
  signUpLimitPerHour?: number;
  /** TRUST_PROXY=1: the client IP (for rate limits) is the first X-Forwarded-For entry. */
  trustProxy?: boolean;
  sendLimits?: ServicesOptions['sendLimits'];
  /** SMTP_ALLOW_PRIVATE=1: users' own mail servers may be on any port and private addresses. */
  allowPrivateSmtp?: boolean;
  /** SMTP_TIMEOUT_MS: the longest one e-mail send may take (default 50 s). */
  smtpTimeoutMs?: number;
  /** SQLite `synchronous` (default FULL); NORMAL only for `npm run bench:durability`. */
  sqliteSynchronous?: SqliteSynchronous;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  close(): Promise<void>;
}

/** Extension pages call from these origins; plain web pages get no CORS grant. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[A-Za-z0-9._-]+$/;

function applyCors(req: http.IncomingMessage, res: http.ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin || !EXTENSION_ORIGIN.test(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    'Authorization, Content-Type, X-Request-Id, trpc-accept, x-trpc-source, trpc-batch-mode',
  );
  res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id');
  res.setHeader('Access-Control-Max-Age', '600');
}

/**
 * Holds the response's writes until res.end() sends them in one go. A write the socket cannot
 * take (a large answer) uncorks at once: whoever waits for 'drain' must not wait forever.
 */
function corkUntilEnd(res: http.ServerResponse): void {
  res.cork();
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  res.write = ((...args: unknown[]) => {
    const ok = write(...args);
    if (!ok && res.writableCorked > 0) res.uncork();
    return ok;
  }) as typeof res.write;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const log = opts.logger ?? createLogger();
  await migrate(opts.databaseUrl, { log: (msg) => log.info(msg) });
  const db = createDatabase(opts.databaseUrl);
  await tuneSqlite(db, opts.sqliteSynchronous);
  const services = createServices({
    db,
    secret: opts.secret,
    smtpUrl: opts.smtpUrl,
    smtpFrom: opts.smtpFrom,
    log,
    signInLimits: opts.signInLimits,
    signUpLimitPerHour: opts.signUpLimitPerHour,
    sendLimits: opts.sendLimits,
    allowPrivateSmtp: opts.allowPrivateSmtp,
    smtpTimeoutMs: opts.smtpTimeoutMs,
  });

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    allowBatching: true,
    createContext: createContextFactory(services, { trustProxy: opts.trustProxy }),
    onError({ error, path, ctx }) {
      // Unexpected errors are logged (with the request id) by the error boundary in trpc.ts;
      // this catches what happens outside procedures (bad batch, body too large, bad JSON).
      if (!ctx && error.code !== 'NOT_FOUND')
        log.warn({ path, code: error.code, msg: error.message }, 'request refused');
    },
  });

  const server = http.createServer((req, res) => {
    const requestId = requestIdOf(req);
    (req as { reachlogRequestId?: string }).reachlogRequestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    try {
      applyCors(req, res);
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        res.end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
        db.prisma
          .$queryRawUnsafe('SELECT 1')
          .then(() => sendJson(res, 200, { ok: true, db: db.kind }))
          .catch((err: unknown) => {
            log.error({ reqId: requestId, err }, 'health check failed');
            sendJson(res, 503, { ok: false });
          });
        return;
      }
      if (url.pathname === '/trpc' || url.pathname.startsWith('/trpc/')) {
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > MAX_BODY_BYTES) {
          // Refuse before reading the body; the adapter's maxBodySize covers chunked bodies.
          res.setHeader('Connection', 'close');
          sendJson(res, 413, {
            error: { message: `Request body too large (limit ${MAX_BODY_BYTES} bytes)` },
          });
          req.resume();
          return;
        }
        // The adapter writes head, body and chunk terminator separately (one syscall each, ~15%
        // of the server's CPU); corked, they leave in one write at res.end(). Answers are never
        // streamed (the extension uses httpBatchLink), so nothing waits longer.
        corkUntilEnd(res);
        trpc(req, res);
        return;
      }
      sendJson(res, 404, { error: { message: 'Not found' } });
    } catch (err) {
      log.error({ reqId: requestId, err }, 'request handler crashed');
      if (!res.headersSent)
        sendJson(res, 500, { error: { message: `Internal error (request id ${requestId})` } });
      else res.destroy();
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Give in-flight requests a moment, then cut what is left.
          setTimeout(() => server.closeAllConnections(), 2_000).unref();
        });
        services.close();
        await db.close();
      })();
      return closing;
    },
  };
}
