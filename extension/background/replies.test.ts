// @vitest-environment node
// The views' mailbox and reply messages through the background to the real server over HTTP.
// (Reading a real mailbox is tested against dovecot in test/integration/imap-replies.test.ts.)
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ReachlogDb } from '@/db/database';
import type { BackgroundReply } from '@/messaging/protocol';
import { startRealServer, type RealServer } from '@/test-support/real-server';
import { createBackground } from './create-background';
import { routeMessage } from './route-message';

vi.setConfig({ testTimeout: 30_000 });

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

function value<T>(reply: BackgroundReply): T {
  if (!reply.ok) throw new Error(`background refused: ${reply.error}`);
  return reply.value as T;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

it('saves and reads the mailbox (password write-only), says why a check failed, and removes it', async () => {
  const database = new ReachlogDb(`replies-${crypto.randomUUID()}`);
  const bg = createBackground({ database, sendToTab: async () => undefined });
  const ext = 'reachlog-ext';
  const ask = (msg: unknown) =>
    routeMessage(
      bg,
      msg,
      { id: ext, url: `chrome-extension://${ext}/dashboard.html` },
      {
        id: ext,
        baseUrl: `chrome-extension://${ext}/`,
      },
    );

  expect(await ask({ type: 'imap-get' })).toEqual({ ok: false, error: 'Sign in to connect your mailbox.' });
  const email = `imap-${crypto.randomUUID().slice(0, 8)}@example.com`;
  value(await ask({ type: 'sign-up', serverUrl: server.url, email, password: 'correct horse battery' }));
  expect(value(await ask({ type: 'imap-get' }))).toBeNull();
  expect(value(await ask({ type: 'replies-check' }))).toMatchObject({ checked: false, replied: 0 });

  const port = await closedPort();
  const saved = value(
    await ask({
      type: 'imap-save',
      input: { host: '127.0.0.1', port, secure: true, username: 'sam', password: 'mailbox-password' },
    }),
  );
  expect(saved).toMatchObject({ host: '127.0.0.1', port, hasPassword: true, mailbox: 'INBOX' });
  expect(JSON.stringify(saved)).not.toContain('mailbox-password');

  expect(await ask({ type: 'replies-check' })).toEqual({
    ok: false,
    error: `Could not connect to the mailbox server (127.0.0.1:${port})`,
  });
  expect(value<{ lastError: string }>(await ask({ type: 'imap-get' })).lastError).toBe(
    `Could not connect to the mailbox server (127.0.0.1:${port})`,
  );
  value(await ask({ type: 'imap-clear' }));
  expect(value(await ask({ type: 'imap-get' }))).toBeNull();
  bg.stop();
  await database.delete();
});
