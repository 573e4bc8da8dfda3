import pino from 'pino';
import type { Logger } from 'pino';

/** The default logger: JSON lines on stdout, level from LOG_LEVEL (silent under tests unless set). */
export function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return pino({ level, base: { service: 'reachlog-server' } });
}
