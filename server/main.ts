// `npm run server`: reads the environment, starts the server, stops cleanly on SIGINT/SIGTERM.
import { startServer } from './app';
import { databaseKind } from './db/client';
import { createLogger } from './logger';
import { loadSecret } from './secret';
import { installCrashHandlers } from './crash-handlers';
import { sendLimitsFromEnv } from './services/send-limits';

const log = createLogger();

/** A whole-number setting ≥ 1 from the environment, or undefined for the default. */
function positiveInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got ${v}`);
  return n;
}

/** A comma-separated list of browser origins (`chrome-extension://<id>`, `moz-extension://*`). */
function originList(name: string): string[] | undefined {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of list) {
    if (!/^[a-z][a-z0-9+.-]*:\/\/([A-Za-z0-9._-]+|\*)$/.test(o))
      throw new Error(`${name}: not an origin like chrome-extension://<id> or moz-extension://*: ${o}`);
  }
  return list;
}

function emailVerification(): 'required' | 'off' {
  const v = process.env.EMAIL_VERIFICATION || 'required';
  if (v !== 'required' && v !== 'off')
    throw new Error(`EMAIL_VERIFICATION must be required or off, got ${v}`);
  return v;
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL || 'file:./data/reachlog.db';
  const host = process.env.HOST || '127.0.0.1';
  const port = Number(process.env.PORT || 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const server = await startServer({
    databaseUrl,
    host,
    port,
    smtpUrl: process.env.SMTP_URL || undefined,
    smtpFrom: process.env.SMTP_FROM || undefined,
    secret: loadSecret(databaseUrl, process.env, (file) =>
      log.info({ file }, 'generated REACHLOG_SECRET into the data folder'),
    ),
    sendLimits: sendLimitsFromEnv(process.env),
    allowPrivateSmtp: process.env.SMTP_ALLOW_PRIVATE === '1',
    trustProxy: process.env.TRUST_PROXY || undefined,
    smtpTimeoutMs: positiveInt('SMTP_TIMEOUT_MS'),
    signUpLimitPerHour: positiveInt('SIGNUP_LIMIT_PER_HOUR'),
    allowedExtensionOrigins: originList('ALLOWED_EXTENSION_ORIGINS'),
    emailVerification: emailVerification(),
    logger: log,
  });
  if (!process.env.SMTP_URL)
    log.warn('SMTP_URL is not set: e-mail goes out only for users with their own SMTP settings');
  // The line scripts and tests wait for.
  console.log(`Reachlog server listening on ${server.url} (database: ${databaseKind(databaseUrl)})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

installCrashHandlers(process, log);

main().catch((err: unknown) => {
  log.fatal({ err }, 'server failed to start');
  console.error(`Reachlog server failed to start: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
