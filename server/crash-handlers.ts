// After an uncaught exception (or an unhandled rejection) the process is in an unknown state:
// a half-done request may hold a transaction or a claim. Log it and exit(1) so the supervisor
// restarts a clean process; stale send claims are taken over by design (services/outreach.ts).
import type { Logger } from 'pino';

interface ProcessLike {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (err: unknown) => void): unknown;
  exit(code: number): never | void;
}

export function installCrashHandlers(proc: ProcessLike, log: Pick<Logger, 'fatal'>): void {
  const crash = (kind: string) => (err: unknown) => {
    try {
      log.fatal({ err }, `${kind}; exiting`);
    } finally {
      proc.exit(1);
    }
  };
  proc.on('uncaughtException', crash('uncaught exception'));
  proc.on('unhandledRejection', crash('unhandled rejection'));
}
