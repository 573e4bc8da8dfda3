// @vitest-environment node
// The views' smtp-* messages through the background to the real server over HTTP (node: the
// service worker has no page origin for happy-dom's CORS rules), with a real SMTP server.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TSmtpSettings } from '@@/shared/schemas/smtp';
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

describe('own SMTP settings through the background', () => {
  it('saves, reads (password write-only), sends a test through it, and removes them', async () => {
    const database = new ReachlogDb(`smtp-${crypto.randomUUID()}`);
    const bg = createBackground({ database, sendToTab: async () => undefined });
    const ext = 'reachlog-ext';
    const fromPage = { id: ext, url: `chrome-extension://${ext}/dashboard.html` };
    const ask = (msg: unknown) =>
      routeMessage(bg, msg, fromPage, { id: ext, baseUrl: `chrome-extension://${ext}/` });

    expect(await ask({ type: 'smtp-get' })).toEqual({
      ok: false,
      error: 'Sign in to manage your mail server.',
    });

    const email = `smtp-${crypto.randomUUID().slice(0, 8)}@example.com`;
    value(await ask({ type: 'sign-up', serverUrl: server.url, email, password: 'correct horse battery' }));
    expect(value(await ask({ type: 'smtp-get' }))).toBeNull();

    const saved = value<TSmtpSettings>(
      await ask({
        type: 'smtp-save',
        input: {
          host: '127.0.0.1',
          port: server.smtpPort,
          secure: false,
          username: 'sam',
          password: 'app-password',
          fromAddress: 'sam@seeker.test',
          fromName: 'Sam Seeker',
        },
      }),
    );
    expect(saved).toMatchObject({ host: '127.0.0.1', port: server.smtpPort, hasPassword: true });
    expect(saved).not.toHaveProperty('password');
    expect(value(await ask({ type: 'smtp-get' }))).toEqual(saved);

    const before = server.mails.length;
    expect(value(await ask({ type: 'smtp-test', to: 'check@reachlog.test' }))).toEqual({
      ok: true,
      via: 'user',
      to: 'check@reachlog.test',
    });
    expect(server.mails.slice(before).map((m) => m.to)).toEqual([['check@reachlog.test']]);
    expect(server.mails.at(-1)?.raw).toContain('sam@seeker.test');
    expect(server.smtpLogins).toEqual(['sam:app-password']);

    // bad input comes back as the server's readable message, not a crash
    const bad = await ask({ type: 'smtp-save', input: { ...saved, port: 0, fromAddress: 'x' } });
    expect(bad.ok).toBe(false);

    expect(value(await ask({ type: 'smtp-clear' }))).toEqual({ ok: true });
    expect(value(await ask({ type: 'smtp-get' }))).toBeNull();
    expect(value(await ask({ type: 'smtp-test' }))).toMatchObject({ via: 'server', to: email });
    bg.stop();
  });
});
