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
import { createDirectLane } from './trpc-direct';
import { createLogger } from './logger';
import { gateSubscription, subscriptionPaths } from './subscription-gate';
import type { TrustProxy } from './client-ip';
import { MAX_BATCH_SIZE } from '../shared/api-limits';
import { CHROME_EXTENSION_ORIGIN } from '../shared/extension-identity';

export { appRouter, type AppRouter } from './routers/_app';
export { createDatabase, tuneSqlite, type Database, type DbKind } from './db/client';
export { migrate } from './db/migrate';
export { createServices, type Services } from './services';
export { contextForUser, type Context } from './context';
export { createCallerFactory } from './trpc';

export const MAX_BODY_BYTES = 1024 * 1024;
const COMPACT_EVERY_MS = 6 * 60 * 60_000;
/**
 * After a 413 the server keeps reading (and discarding) the upload so the client is not reset
 * before it reads the answer, up to this much or this long; then the connection is cut.
 */
const REFUSED_DRAIN_BYTES = 64 * MAX_BODY_BYTES;
const REFUSED_DRAIN_MS = 30_000;

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
  /** TRUST_PROXY: proxies in front (a number, or their addresses); see client-ip.ts. */
  trustProxy?: TrustProxy;
  sendLimits?: ServicesOptions['sendLimits'];
  /** SMTP_ALLOW_PRIVATE=1: users' own mail servers may be on any port and private addresses. */
  allowPrivateSmtp?: boolean;
  /** EMAIL_VERIFICATION: 'required' (default) or 'off' (see ServicesOptions). */
  emailVerification?: ServicesOptions['emailVerification'];
  /** ALLOWED_EXTENSION_ORIGINS: browser origins granted CORS (default DEFAULT_EXTENSION_ORIGINS). */
  allowedExtensionOrigins?: readonly string[];
  /** A CA (PEM) trusted for mail servers on top of the system's (tests; NODE_EXTRA_CA_CERTS otherwise). */
  smtpTlsCa?: string;
  /** SMTP_TIMEOUT_MS: the longest one e-mail send may take (default 50 s). */
  smtpTimeoutMs?: number;
  /** Shortest time between two mailbox checks of one user (default 60 s; tests 0). */
  replyCheckMinIntervalMs?: number;
  /** SQLite `synchronous` (default FULL); NORMAL only for `npm run bench:durability`. */
  sqliteSynchronous?: SqliteSynchronous;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  close(): Promise<void>;
}

/**
 * Browser origins granted CORS: by default the extension's own Chrome origin (its id is fixed by
 * the manifest key) and Firefox extension origins (each install has a random UUID, so none can be
 * named in advance); ALLOWED_EXTENSION_ORIGINS replaces the list (`moz-extension://*` stands for
 * any Firefox extension). Web pages never get a grant.
 */
export const DEFAULT_EXTENSION_ORIGINS = [CHROME_EXTENSION_ORIGIN, 'moz-extension://*'];

function corsPolicy(allowed: readonly string[]): (origin: string) => boolean {
  const exact = new Set(allowed.filter((o) => !o.endsWith('://*')));
  const anyOf = allowed.filter((o) => o.endsWith('://*')).map((o) => o.slice(0, -1));
  const wellFormed = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[A-Za-z0-9._-]+$/;
  return (origin) =>
    exact.has(origin) || (wellFormed.test(origin) && anyOf.some((p) => origin.startsWith(p)));
}

function applyCors(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  allows: (origin: string) => boolean,
): void {
  const origin = req.headers.origin;
  // Vary either way: an answer without the grant must not be cached for the extension.
  res.setHeader('Vary', 'Origin');
  if (!origin || !allows(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'Access-Control-Allow-Headers',
    'Authorization, Content-Type, X-Request-Id, trpc-accept, x-trpc-source, trpc-batch-mode, Cache-Control, Last-Event-ID',
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

const tooLarge = (req: http.IncomingMessage) => Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;

/**
 * 413 for a declared body over the limit, without reading it. The whole answer is written at
 * once, but the connection is closed only when the upload is over: closing while the client is
 * still writing makes its kernel get a reset, which throws away the 413 it has not read yet
 * (clients that write the whole body before reading saw a broken pipe one time in three).
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  const body = JSON.stringify({
    error: { message: `Request body too large (limit ${MAX_BODY_BYTES} bytes)` },
  });
  res.writeHead(413, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  });
  res.write(body);
  let drained = 0;
  const finish = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  // A client that keeps sending past the budget, or never ends, is cut off.
  const timer = setTimeout(finish, REFUSED_DRAIN_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > REFUSED_DRAIN_BYTES) finish();
  });
  req.once('end', finish);
  req.once('close', finish);
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
    smtpTlsCa: opts.smtpTlsCa,
    emailVerification: opts.emailVerification,
    smtpTimeoutMs: opts.smtpTimeoutMs,
    replyCheckMinIntervalMs: opts.replyCheckMinIntervalMs,
  });

  // Tombstones older than the retention are removed now and every few hours (docs/sync.md).
  const compact = () =>
    services.sync
      .compact()
      .then((r) => {
        if (r.drafts || r.items || r.clients) log.info(r, 'sync: compacted tombstones');
      })
      .catch((err: unknown) => log.warn({ err }, 'sync: compaction failed'));
  const compactTimer = setInterval(() => void compact(), COMPACT_EVERY_MS);
  compactTimer.unref();
  setTimeout(() => void compact(), 5_000).unref();

  const subscriptions = subscriptionPaths(appRouter);
  const createContext = createContextFactory(services, { trustProxy: opts.trustProxy });
  const direct = createDirectLane({
    router: appRouter,
    createContext,
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_SIZE,
  });
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    allowBatching: true,
    // A batch is one request that runs every call in it: bounded, or one request is unbounded work.
    maxBatchSize: MAX_BATCH_SIZE,
    createContext,
    onError({ error, path, ctx }) {
      // Unexpected errors are logged (with the request id) by the error boundary in trpc.ts;
      // this catches what happens outside procedures (bad batch, body too large, bad JSON).
      if (!ctx && error.code !== 'NOT_FOUND')
        log.warn({ path, code: error.code, msg: error.message }, 'request refused');
    },
  });

  const corsAllows = corsPolicy(opts.allowedExtensionOrigins ?? DEFAULT_EXTENSION_ORIGINS);
  const server = http.createServer((req, res) => {
    const requestId = requestIdOf(req);
    (req as { reachlogRequestId?: string }).reachlogRequestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    try {
      applyCors(req, res, corsAllows);
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
        // Refused before reading; the adapter's maxBodySize covers chunked bodies.
        if (tooLarge(req)) return refuseTooLarge(req, res);
        // The adapter writes head, body and chunk terminator separately (one syscall each, ~15%
        // of the server's CPU); corked, they leave in one write at res.end(). Only the live
        // event stream (sync.poke, server-sent events) must go out as it is written.
        if (!String(req.headers.accept ?? '').includes('text/event-stream')) corkUntilEnd(res);
        const procedure = url.pathname.slice('/trpc/'.length);
        if (subscriptions.has(procedure)) {
          gateSubscription(req, res, procedure, services, () => trpc(req, res)).catch((err: unknown) => {
            log.error({ reqId: requestId, err }, 'subscription check failed');
            if (!res.headersSent)
              sendJson(res, 500, { error: { message: `Internal error (request id ${requestId})` } });
          });
          return;
        }
        // Plain calls skip the fetch adapter (trpc-direct.ts); streams and the rest take it.
        if (direct(req, res, procedure, url.search)) return;
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
  // A client that asks before sending (Expect: 100-continue) is refused before it sends.
  server.on('checkContinue', (req, res) => {
    if (tooLarge(req)) {
      res.setHeader('X-Request-Id', requestIdOf(req));
      applyCors(req, res, corsAllows);
      return refuseTooLarge(req, res);
    }
    res.writeContinue();
    server.emit('request', req, res);
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
        clearInterval(compactTimer);
        // ends the live event streams, so their connections can close
        await services.sync.changes.close();
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
