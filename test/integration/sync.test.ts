// The sync procedures over HTTP, with the live poke stream as the extension opens it (tRPC's
// httpSubscriptionLink over server-sent events). On PostgreSQL (integration-pg) also two server
// processes on one database: a change pushed through one pokes a client of the other.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { TPoke } from '../../shared/schemas/sync';
import { startServer } from '../../server/app';
import { subscribePokes } from '../../extension/api/pokes';
import { id } from '../support/fixtures';
import { makeClient, setupTestServer } from '../support/server';
import { errorCode } from '../support/trpc-errors';

const t = setupTestServer();

function listen(serverUrl: string, token: string | null) {
  const pokes: TPoke[] = [];
  const errors: unknown[] = [];
  const close = subscribePokes(
    { serverUrl, getToken: () => token },
    { onPoke: (p) => pokes.push(p), onError: (e) => errors.push(e) },
  );
  return { pokes, errors, close };
}

async function until(what: string, fn: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('sync over HTTP', () => {
  it('push, then pull since the cookie; the user’s other browser is poked, another user is not', async () => {
    const other = await t.server.signUpUser();
    const mine = listen(t.server.url, t.user.token);
    const theirs = listen(t.server.url, other.token);
    cleanups.push(mine.close, theirs.close);
    await until('both streams to open', () => mine.pokes.length > 0 && theirs.pokes.length > 0);
    expect(mine.pokes[0]).toEqual({ reason: 'connected' });

    const browserB = id();
    const first = await t.user.client.sync.pull.query({ clientId: browserB, cookie: null });
    let cookie = first.cookie;
    for (let page = first; page.more;) {
      page = await t.user.client.sync.pull.query({ clientId: browserB, cookie });
      cookie = page.cookie;
    }

    const draftId = id();
    const started = Date.now();
    const pushed = await t.user.client.sync.push.mutate({
      clientId: id(),
      mutations: [
        {
          id: 1,
          name: 'draft.put',
          args: { id: draftId, baseVersion: 0, fields: { recipientName: 'Ada', emailBody: 'Hi' } },
        },
      ],
    });
    expect(pushed).toEqual({ lastMutationId: 1, rejected: [] });
    await until('a poke', () => mine.pokes.some((p) => p.reason === 'changed'));
    const pokeMs = Date.now() - started;
    const changed = await t.user.client.sync.pull.query({ clientId: browserB, cookie });
    expect(changed.drafts.map((d) => [d.id, d.emailBody])).toEqual([[draftId, 'Hi']]);
    expect(pokeMs).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(theirs.pokes.filter((p) => p.reason === 'changed')).toEqual([]);
    // and their pull has nothing of mine
    const theirPull = await other.client.sync.pull.query({ clientId: id(), cookie: null });
    expect(theirPull.drafts).toEqual([]);
  });

  it('a send made elsewhere reaches the stream, and the row comes with the next pull', async () => {
    const me = await t.server.signUpUser();
    const stream = listen(t.server.url, me.token);
    cleanups.push(stream.close);
    await until('the stream to open', () => stream.pokes.length > 0);
    const c = id();
    let cookie: string | null = null;
    for (let more = true; more;) {
      const page = await me.client.sync.pull.query({ clientId: c, cookie });
      cookie = page.cookie;
      more = page.more;
    }
    const row = await me.client.outreach.recordLinkedIn.mutate({
      sendId: id(),
      recipient: { name: 'Lin', linkedinUrl: 'https://www.linkedin.com/in/lin/' },
      message: 'Hello Lin',
    });
    await until('a poke', () => stream.pokes.some((p) => p.reason === 'changed'));
    const page = await me.client.sync.pull.query({ clientId: c, cookie });
    expect(page.history).toEqual([row]);
  });

  it('needs a session: no stream, no push, no pull without one; signing out ends the stream', async () => {
    const anonymous = listen(t.server.url, null);
    cleanups.push(anonymous.close);
    await until('the refusal', () => anonymous.errors.length > 0);
    expect(anonymous.pokes).toEqual([]);
    const c = makeClient(t.server.trpcUrl);
    expect(await errorCode(c.sync.pull.query({ clientId: id(), cookie: null }))).toBe('UNAUTHORIZED');
    expect(
      await errorCode(
        c.sync.push.mutate({ clientId: id(), mutations: [{ id: 1, name: 'draft.delete', args: {} }] }),
      ),
    ).toBe('UNAUTHORIZED');

    const leaving = await t.server.signUpUser();
    const stream = listen(t.server.url, leaving.token);
    cleanups.push(stream.close);
    await until('the stream to open', () => stream.pokes.length > 0);
    // the same user is still signed in elsewhere and changes something
    const elsewhere = await t.server
      .client()
      .auth.signIn.mutate({ email: leaving.email, password: leaving.password });
    await leaving.client.auth.signOut.mutate();
    await t.server.client(elsewhere.token).sync.push.mutate({
      clientId: id(),
      mutations: [
        { id: 1, name: 'draft.put', args: { id: id(), baseVersion: 0, fields: { recipientName: 'X' } } },
      ],
    });
    // the signed-out stream is not told: it ends
    await until('the stream to end', () => stream.errors.length > 0);
    expect(stream.pokes.filter((p) => p.reason === 'changed')).toEqual([]);
  });
});

describe.runIf(process.env.TEST_DB === 'postgres')('two server processes on one PostgreSQL database', () => {
  it('a change pushed through one pokes a client connected to the other (LISTEN/NOTIFY)', async () => {
    // A second server on the same database, as a second process behind a load balancer would be.
    const second = await startServer({
      databaseUrl: t.server.db.url,
      host: '127.0.0.1',
      port: 0,
      secret: randomBytes(32).toString('hex'),
    });
    cleanups.push(() => second.close());
    const me = await t.server.signUpUser();
    const stream = listen(second.url, me.token);
    cleanups.push(stream.close);
    await until('the stream to open', () => stream.pokes.length > 0, 15_000);
    await me.client.sync.push.mutate({
      clientId: id(),
      mutations: [
        {
          id: 1,
          name: 'draft.put',
          args: { id: id(), baseVersion: 0, fields: { recipientName: 'Via one' } },
        },
      ],
    });
    await until(
      'the poke on the other process',
      () => stream.pokes.some((p) => p.reason === 'changed'),
      15_000,
    );
  });
});
