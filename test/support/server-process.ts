// The real server as its own process (`server/main.ts`, as `npm run server` starts it), for tests
// that need several server processes on one database or a server that goes down and comes back
// on the same port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export interface ServerProcess {
  /** http://127.0.0.1:<port> (the same across restarts) */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
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
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Reachlog server listening on')) resolve();
      };
      c.stdout!.on('data', onData);
      c.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      c.once('exit', (code) =>
        reject(new Error(`server process exited (${code}) before listening:\n${output}`)),
      );
    });

  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 5_000).unref();
    });
  };

  await start();
  return { url: `http://127.0.0.1:${port}`, stop, start };
}
