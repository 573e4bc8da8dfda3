// The real server as its own process (`server/main.ts`, as `npm run server` starts it, configured
// through the environment), for tests that need several server processes on one database, a
// server that goes down and comes back on the same port, or one that is killed mid-work.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export interface ServerProcess {
  /** http://127.0.0.1:<port> (the same across restarts) */
  url: string;
  /** SIGTERM, as a supervisor stops it (SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown, no flush — a crash of the process. */
  kill(): Promise<void>;
  /** Starts it again, on the same port. */
  start(): Promise<void>;
  /** stdout and stderr of the current (or last) run, e.g. for a failure message. */
  output(): string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = '';

  const start = () =>
    new Promise<void>((resolve, reject) => {
      output = '';
      const c = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: repoRoot,
        env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      const timer = setTimeout(
        () => reject(new Error(`server did not start within 60 s:\n${output}`)),
        60_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Reachlog server listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      c.stdout!.on('data', onData);
      c.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      c.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server process exited (${code}) before listening:\n${output}`));
      });
    });

  const end = async (signal: NodeJS.Signals) => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(signal);
      if (signal !== 'SIGKILL') setTimeout(() => c.kill('SIGKILL'), 5_000).unref();
    });
  };

  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    start,
    output: () => output,
  };
}
