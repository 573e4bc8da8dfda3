// The server address: https:// anywhere, plain http:// only for this computer — elsewhere the
// password and the session token would cross the network in clear.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ReachlogApi } from '@/api/api';
import { checkServerUrl } from '@/api/server-url';
import { ReachlogDb } from '@/db/database';
import { getSetting } from '@/db/settings';
import { createBackground, type Background } from './create-background';

describe('checkServerUrl', () => {
  it.each([
    ['https://reachlog.example.com/', 'https://reachlog.example.com'],
    ['https://10.0.0.5:8443', 'https://10.0.0.5:8443'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    ['http://127.8.9.10:8787', 'http://127.8.9.10:8787'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['http://reachlog.localhost:8787', 'http://reachlog.localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
  ])('%s is accepted as %s', (raw, url) => expect(checkServerUrl(raw)).toEqual({ ok: true, url }));

  it.each([
    'http://reachlog.example.com',
    'http://10.0.0.5:8787',
    'http://192.168.1.20:8787',
    'http://0.0.0.0:8787',
    'http://[::ffff:7f00:1]:8787',
    'http://127.0.0.1.nip.io:8787',
  ])('%s (plain http to another machine) is refused', (raw) =>
    expect(checkServerUrl(raw)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Use https:\/\/ for .+: over plain http:\/\/ your password and session/),
    }),
  );

  it.each(['ftp://x.example', 'javascript:alert(1)', 'not a url', ''])('%s is not a server address', (raw) =>
    expect(checkServerUrl(raw)).toMatchObject({ ok: false, error: expect.stringContaining('https://') }),
  );
});

describe('signing in', () => {
  let database: ReachlogDb;
  let bg: Background;
  let asked: string[];
  beforeEach(() => {
    fakeBrowser.reset();
    database = new ReachlogDb(`server-url-${crypto.randomUUID()}`);
    asked = [];
    bg = createBackground({
      database,
      sendToTab: async () => undefined,
      makeApi: (serverUrl) => {
        asked.push(serverUrl);
        return new Proxy({} as ReachlogApi, {
          get: (_t, key) =>
            key === 'then' ? undefined : () => Promise.reject(new TypeError('fetch failed')),
        });
      },
    });
  });
  afterEach(async () => {
    bg.stop();
    bg.outbox.stop();
    await database.delete();
  });

  it('to a plain http:// server on another machine is refused before the password is sent', async () => {
    for (const type of ['sign-in', 'sign-up'] as const) {
      const reply = await bg.handleView({
        type,
        serverUrl: 'http://reachlog.example.com:8787',
        email: 'sam@example.com',
        password: 'violet-harbour-kettle-42',
      });
      expect(reply).toEqual({
        ok: false,
        error: expect.stringMatching(/^Use https:\/\/ for reachlog\.example\.com/),
      });
    }
    expect(asked).toEqual([]);
    expect(await getSetting('session', database)).toBeNull();
  });
});
