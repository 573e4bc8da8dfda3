import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';

/** Keys whose values never reach a log line, at any of the first four levels of a log object. */
const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'cookie',
  'password',
  'newPassword',
  'currentPassword',
  'pass',
  'passwordEnc',
  'token',
  'secret',
];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

/** Credentials inside strings: `scheme://user:password@host` and `Bearer <token>`. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):[^\s@/]+@/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.replace(URL_PASSWORD, '$1:[redacted]@').replace(BEARER, '$1 [redacted]');
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/**
 * The server's logger: JSON lines on stdout, level from LOG_LEVEL (silent under tests unless
 * set). A safety net under "never log a secret": passwords, tokens, authorization headers and
 * SMTP secrets are replaced by [redacted] by key (pino's redact) and inside strings (URLs with a
 * password, bearer tokens), whatever a log call is handed.
 */
export function createLogger(opts: { level?: string; stream?: DestinationStream } = {}): Logger {
  const level = opts.level ?? process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'reachlog-server' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { log: (object) => scrub(object) as Record<string, unknown> },
  };
  return opts.stream ? pino(options, opts.stream) : pino(options);
}
