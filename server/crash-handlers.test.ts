import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installCrashHandlers } from './crash-handlers';

describe('installCrashHandlers', () => {
  it('logs, then exits 1, on an uncaught exception and on an unhandled rejection', () => {
    for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
      const order: string[] = [];
      const proc = Object.assign(new EventEmitter(), {
        exit: (c: number) => {
          order.push(`exit ${c}`);
        },
      });
      installCrashHandlers(proc, {
        fatal: ((o: { err: Error }) => order.push(`log ${o.err.message}`)) as never,
      });
      proc.emit(event, new Error('boom'));
      expect(order).toEqual(['log boom', 'exit 1']);
    }
  });

  it('a real process with the handlers exits 1 after a stray throw', () => {
    const here = path.dirname(new URL(import.meta.url).pathname);
    const script = `
      const { installCrashHandlers } = await import(${JSON.stringify(path.join(here, 'crash-handlers.ts'))});
      installCrashHandlers(process, { fatal: (o, m) => console.log('FATAL', m, o.err.message) });
      setTimeout(() => { throw new Error('stray'); }, 1);
      setTimeout(() => console.log('still running'), 500);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FATAL uncaught exception; exiting stray');
    expect(r.stdout).not.toContain('still running');
  });
});
