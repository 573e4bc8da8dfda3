// @vitest-environment node
// The background (outbox, sync, handlers) against the real server over HTTP, with a real SMTP
// server on loopback. Node environment: the extension's service worker has no page origin, and
// happy-dom's fetch would apply page CORS rules the worker does not have.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground, type Background } from '@/background/create-background';
import { ReachlogDb } from '@/db/database';
import { createDraft, deleteDraft, saveDraft } from '@/sync/local-writes';
import { getSetting, setSetting } from '@/db/settings';
import type { BackgroundReply, RecipientCheck, ToContent } from '@/messaging/protocol';
import { createReachlogApi } from '@/api/api';
import { deadServerUrl, startRealServer, type RealServer } from '@/test-support/real-server';

// real password hashing, SMTP and SQLite on a shared 2-core machine: allow more than 5 s
vi.setConfig({ testTimeout: 30_000 });

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const JANE = {
  name: 'Jane Doe',
  email: 'jane@acme.test',
  linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
};
const JOB = {
  jobTitle: 'Staff Engineer',
  companyName: 'Acme Corp',
  jobUrl: 'https://www.linkedin.com/jobs/view/3791234567/',
};

interface Browser {
  database: ReachlogDb;
  bg: Background;
  toTab: ToContent[];
}

const browsers: Browser[] = [];
afterEach(() => {
  // the live streams opened at sign-in
  for (const b of browsers.splice(0)) b.bg.stop();
});

/** JANE as a draft's recipient fields */
const JANE_DRAFT = {
  recipientName: JANE.name,
  recipientEmail: JANE.email,
  recipientLinkedinUrl: JANE.linkedinUrl,
};

function newBrowser(): Browser {
  const database = new ReachlogDb(`real-${crypto.randomUUID()}`);
  const toTab: ToContent[] = [];
  const bg = createBackground({
    database,
    sendToTab: async (_tabId, msg) => {
      toTab.push(msg);
      return msg.type === 'fill-composer' ? { ok: true, target: msg.target } : undefined;
    },
  });
  const browser = { database, bg, toTab };
  browsers.push(browser);
  return browser;
}

function value<T>(reply: BackgroundReply): T {
  if (!reply.ok) throw new Error(`background refused: ${reply.error}`);
  return reply.value as T;
}

async function signedUp(b: Browser, email = `u-${crypto.randomUUID().slice(0, 8)}@example.com`) {
  const password = 'correct horse battery';
  value(
    await b.bg.handleView({
      type: 'sign-up',
      serverUrl: `${server.url}/`,
      email,
      password,
      name: 'Sam Seeker',
    }),
  );
  await b.bg.sync.run();
  return { email, password };
}

let a: Browser;
beforeEach(() => {
  a = newBrowser();
  server.setSmtp('accept');
});

describe('outbox against the real server', () => {
  it('sends an e-mail once, stores the HistoryRow, and a retry with the same send id sends nothing more', async () => {
    await signedUp(a);
    const before = server.mails.length;
    const { sendId } = value<{ sendId: string }>(
      await a.bg.handleView({
        type: 'send-email',
        input: { recipient: JANE, ...JOB, subject: 'Hello Jane', body: 'About the role…' },
      }),
    );
    await a.bg.outbox.kick();
    const row = await a.database.outbox.get(sendId);
    expect(row).toMatchObject({ state: 'sent', error: null, attempts: 1 });
    expect(server.mails.length - before).toBe(1);
    expect(server.mails.at(-1)!.to).toEqual(['jane@acme.test']);
    const history = await a.database.history.toArray();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      id: row!.historyId,
      channel: 'email',
      status: 'sent',
      emailSubject: 'Hello Jane',
      recipientEmail: 'jane@acme.test',
    });
    expect(typeof history[0]!.sentAt).toBe('number');

    // the same send id again (a retry after a lost answer): the server answers with the same row
    await a.database.outbox.update(sendId, { state: 'waiting', nextAttemptAt: 0 });
    await a.bg.outbox.kick();
    expect(server.mails.length - before).toBe(1);
    expect((await a.database.outbox.get(sendId))!.historyId).toBe(row!.historyId);
    expect(await a.database.history.count()).toBe(1);
  });

  it('marks a permanent SMTP refusal failed with the reason; Retry keeps the send id and sends exactly once', async () => {
    await signedUp(a);
    server.setSmtp('reject-permanently');
    const before = server.mails.length;
    const { sendId } = value<{ sendId: string }>(
      await a.bg.handleView({ type: 'send-email', input: { recipient: JANE, subject: 'Hi', body: 'Body' } }),
    );
    await a.bg.outbox.kick();
    const failed = await a.database.outbox.get(sendId);
    expect(failed!.state).toBe('failed');
    expect(failed!.error).toMatch(/Mail server refused/);

    server.setSmtp('accept');
    value(await a.bg.handleView({ type: 'retry-outbox', id: sendId }));
    await a.bg.outbox.kick();
    const sent = await a.database.outbox.get(sendId);
    expect(sent).toMatchObject({ id: sendId, state: 'sent', error: null, attempts: 2 });
    expect(server.mails.length - before).toBe(1);
    // the server turned its failed row into sent: one history row for the send
    await a.bg.sync.run();
    const rows = await a.database.history.toArray();
    expect(rows.map((r) => [r.id, r.status])).toEqual([[sent!.historyId, 'sent']]);
  });

  it('fails a send the server refuses (draft unknown to the server → NOT_FOUND) and lets the next one through', async () => {
    await signedUp(a);
    const now = Date.now();
    const base = {
      waitingFor: null,
      attempts: 0,
      nextAttemptAt: 0,
      error: null,
      historyId: null,
      updatedAt: now,
    };
    await a.database.outbox.bulkAdd([
      {
        ...base,
        id: 'send-unknown-draft-1',
        kind: 'draft',
        payload: {
          sendId: 'send-unknown-draft-1',
          draftId: 'no-such-draft-1',
          email: false,
          linkedinSent: true,
        },
        recipientName: 'Nobody',
        draftId: null,
        state: 'waiting',
        createdAt: now,
      },
      {
        ...base,
        id: 'send-linkedin-ok-2',
        kind: 'linkedin',
        payload: {
          sendId: 'send-linkedin-ok-2',
          recipient: { name: JANE.name, linkedinUrl: JANE.linkedinUrl },
          message: 'Hi Jane',
        },
        recipientName: JANE.name,
        draftId: null,
        state: 'waiting',
        createdAt: now + 1,
      },
    ]);
    await a.bg.outbox.kick();
    const [first, second] = await a.database.outbox.orderBy('createdAt').toArray();
    expect(first).toMatchObject({ state: 'failed' });
    expect(first!.error).toMatch(/not found/i);
    expect(second).toMatchObject({ state: 'sent' });
  });

  it('waits for the connection with backoff while the server is unreachable, then sends in order', async () => {
    await signedUp(a);
    const realUrl = await getSetting('serverUrl', a.database);
    const deadUrl = await deadServerUrl();
    await setSetting('serverUrl', deadUrl, a.database);
    const ids: string[] = [];
    for (const message of ['first', 'second']) {
      ids.push(
        value<{ sendId: string }>(
          await a.bg.handleView({
            type: 'record-linkedin',
            input: { recipient: { name: JANE.name, linkedinUrl: JANE.linkedinUrl }, message },
          }),
        ).sendId,
      );
    }
    await a.bg.outbox.kick();
    const waiting = await a.database.outbox.get(ids[0]!);
    expect(waiting).toMatchObject({ state: 'waiting', waitingFor: 'connection', attempts: 1 });
    // what is wrong and what happens next, in words (explainError)
    expect(waiting!.error).toMatch(`Can't reach the Reachlog server at ${deadUrl}`);
    expect(waiting!.error).toMatch(/the LinkedIn message will be recorded when it's back\.$/);
    // the first step is 2 s, of which a random half to all is waited (jitter)
    expect(waiting!.nextAttemptAt - waiting!.updatedAt).toBeGreaterThanOrEqual(1_000);
    expect(waiting!.nextAttemptAt - waiting!.updatedAt).toBeLessThanOrEqual(2_000);
    // the second never overtakes the first
    expect(await a.database.outbox.get(ids[1]!)).toMatchObject({ state: 'waiting', attempts: 0 });

    await setSetting('serverUrl', realUrl, a.database);
    await a.bg.onOnline();
    const rows = await a.database.outbox.orderBy('createdAt').toArray();
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent']);
    const history = await a.database.history.orderBy('id').toArray();
    expect(history.map((h) => h.linkedinMessage)).toEqual(['first', 'second']);
    a.bg.stop();
  });
});

describe('drafts and history sync between two browsers', () => {
  it('pushes drafts, pulls them elsewhere, sends a draft and brings its history to the other browser', async () => {
    const account = await signedUp(a);
    const b = newBrowser();
    value(
      await b.bg.handleView({
        type: 'sign-in',
        serverUrl: server.url,
        email: account.email,
        password: account.password,
      }),
    );

    const draft = await createDraft(
      { ...JANE_DRAFT, ...JOB, emailSubject: 'Draft subject', emailBody: 'Draft body' },
      a.database,
    );
    const other = await createDraft(
      { ...JANE_DRAFT, recipientName: 'Other', emailBody: 'to be deleted' },
      a.database,
    );
    expect((await a.bg.sync.run()).state).toBe('synced');
    expect(await a.database.mutations.count()).toBe(0);
    expect((await a.database.drafts.get(draft.id))!.version).toBeGreaterThan(0);

    await b.bg.sync.run();
    expect(await b.database.drafts.get(draft.id)).toMatchObject({
      emailSubject: 'Draft subject',
      deleted: 0,
    });

    // an edit in B made after seeing A's reaches A; a delete in A reaches B
    await saveDraft({ id: draft.id, emailSubject: 'Edited in B' }, b.database);
    await b.bg.sync.run();
    await deleteDraft(other.id, a.database);
    await a.bg.sync.run();
    expect((await a.database.drafts.get(draft.id))!.emailSubject).toBe('Edited in B');
    expect((await a.database.drafts.get(draft.id))!.conflicts).toEqual([]);
    await b.bg.sync.run();
    expect((await b.database.drafts.get(other.id))!.deleted).toBe(1);

    // B changes the body and syncs; A, not live (offline), has not pulled it and sends what A shows:
    // A's text goes out
    a.bg.live.stop();
    await saveDraft({ id: draft.id, emailBody: 'B wrote this' }, b.database);
    await b.bg.sync.run();
    await saveDraft({ id: draft.id, emailBody: 'Final body as A shows it' }, a.database);
    const { sendId } = value<{ sendId: string }>(
      await a.bg.handleView({
        type: 'send-draft',
        input: { draftId: draft.id, email: true, linkedinSent: false },
      }),
    );
    await a.bg.outbox.kick();
    expect(await a.database.outbox.get(sendId)).toMatchObject({ state: 'sent' });
    expect(server.mails.at(-1)!.raw).toContain('Final body as A shows it');
    expect(server.mails.at(-1)!.raw).not.toContain('B wrote this');
    expect((await a.database.drafts.get(draft.id))!.status).toBe('sent');

    await b.bg.sync.run();
    expect((await b.database.drafts.get(draft.id))!.status).toBe('sent');
    const bHistory = await b.database.history.toArray();
    expect(bHistory.map((h) => [h.draftId, h.channel, h.emailSubject, h.emailBody])).toEqual([
      [draft.id, 'email', 'Edited in B', 'Final body as A shows it'],
    ]);
    // both edits of the body are kept: A's pushed later, so it is the draft's; B's is retrievable
    await a.bg.sync.run();
    const merged = (await a.database.drafts.get(draft.id))!;
    expect(merged.emailBody).toBe('Final body as A shows it');
    expect(merged.conflicts).toEqual([
      expect.objectContaining({ kind: 'field', field: 'emailBody', value: 'B wrote this' }),
    ]);
  });
});

describe('a change this browser cannot make', () => {
  it('is refused at once with the reason, and nothing is queued', async () => {
    await signedUp(a);
    const draft = await createDraft({ ...JANE_DRAFT, emailBody: 'x' }, a.database);
    await expect(saveDraft({ id: draft.id, emailBody: 'x'.repeat(100_001) }, a.database)).rejects.toThrow(
      /emailBody/,
    );
    expect((await a.database.drafts.get(draft.id))!.emailBody).toBe('x');
    expect(await a.database.mutations.count()).toBe(1);
    expect((await a.bg.sync.run()).state).toBe('synced');
  });
});

describe('background flows against the real server', () => {
  it('sends the LinkedIn message of a draft today and its e-mail later; refuses only a channel sent twice', async () => {
    await signedUp(a);
    const draft = await createDraft(
      {
        ...JANE_DRAFT,
        ...JOB,
        emailSubject: 'Later by mail',
        emailBody: 'The e-mail, a day after',
        linkedinMessage: 'Hi Jane, quick note first',
      },
      a.database,
    );
    const send = (email: boolean, linkedinSent: boolean) =>
      a.bg.handleView({ type: 'send-draft', input: { draftId: draft.id, email, linkedinSent } });

    const first = value<{ sendId: string }>(await send(false, true));
    await a.bg.outbox.kick();
    expect(await a.database.outbox.get(first.sendId)).toMatchObject({ state: 'sent' });
    expect((await a.database.drafts.get(draft.id))!.status).toBe('sent');

    expect(await send(false, true)).toEqual({
      ok: false,
      error: "This draft's LinkedIn message was already sent.",
    });
    const mailsBefore = server.mails.length;
    const second = value<{ sendId: string }>(await send(true, false));
    await a.bg.outbox.kick();
    expect(await a.database.outbox.get(second.sendId)).toMatchObject({ state: 'sent' });
    expect(server.mails.slice(mailsBefore).map((m) => m.to)).toEqual([[JANE.email]]);
    expect(await send(true, true)).toEqual({
      ok: false,
      error: "This draft's e-mail and LinkedIn message was already sent.",
    });

    // another browser of the same user knows it from the synced history alone
    const rows = await a.database.history.where('draftId').equals(draft.id).toArray();
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'linkedin']);
  });

  it('records a LinkedIn message sent after a fill once, against its draft', async () => {
    await signedUp(a);
    const draft = await createDraft(
      { recipientName: JANE.name, recipientLinkedinUrl: JANE.linkedinUrl, linkedinMessage: 'Hi Jane!' },
      a.database,
    );
    const fill = value<{ ok: boolean }>(
      await a.bg.handleView({
        type: 'fill-composer',
        tabId: 7,
        text: 'Hi Jane!',
        target: 'message',
        draftId: draft.id,
      }),
    );
    expect(fill.ok).toBe(true);
    expect(a.toTab).toEqual([{ type: 'fill-composer', text: 'Hi Jane!', target: 'message' }]);

    const notice = {
      type: 'linkedin-sent' as const,
      recipient: { name: JANE.name, linkedinUrl: JANE.linkedinUrl },
      text: 'Hi Jane!',
      url: 'https://www.linkedin.com/messaging/thread/1/',
    };
    const [r1, r2] = await Promise.all([a.bg.handleContent(notice, 7), a.bg.handleContent(notice, 7)]);
    expect([r1, r2].filter((r) => r.ok && 'sendId' in (r.value as object))).toHaveLength(1);
    await a.bg.outbox.kick();
    const rows = await a.database.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'draft', state: 'sent', draftId: draft.id });
    const history = await a.database.history.toArray();
    expect(history.map((h) => [h.channel, h.linkedinMessage, h.draftId])).toEqual([
      ['linkedin', 'Hi Jane!', draft.id],
    ]);
  });

  it('answers check-recipient from the server, and from the cache (marked cached) when offline', async () => {
    await signedUp(a);
    await a.bg.handleView({
      type: 'record-linkedin',
      input: { recipient: { name: JANE.name, linkedinUrl: JANE.linkedinUrl }, ...JOB, message: 'Hello' },
    });
    await a.bg.outbox.kick();
    await a.database.history.clear(); // only the cache of the check may answer below

    const online = value<RecipientCheck>(
      await a.bg.handleView({ type: 'check-recipient', linkedinUrl: 'https://linkedin.com/in/Jane-Doe?x=1' }),
    );
    expect(online.cached).toBe(false);
    expect(online.rows.map((r) => r.linkedinMessage)).toEqual(['Hello']);

    await setSetting('serverUrl', await deadServerUrl(), a.database);
    const offline = value<RecipientCheck>(
      await a.bg.handleView({ type: 'check-recipient', linkedinUrl: JANE.linkedinUrl }),
    );
    expect(offline).toMatchObject({ cached: true, checkedAt: online.checkedAt });
    expect(offline.rows.map((r) => r.id)).toEqual(online.rows.map((r) => r.id));
    // a job never asked about is answered from the local copy
    const job = value<RecipientCheck>(await a.bg.handleView({ type: 'check-recipient', jobUrl: JOB.jobUrl }));
    expect(job).toMatchObject({ cached: true, checkedAt: null });
  });

  it('signs out: the token stops working and the user data is gone', async () => {
    await signedUp(a);
    await createDraft({ ...JANE_DRAFT, emailBody: 'x' }, a.database);
    await a.bg.handleView({
      type: 'record-linkedin',
      input: { recipient: { name: JANE.name, linkedinUrl: JANE.linkedinUrl }, message: 'Hello' },
    });
    await a.bg.outbox.kick();
    const token = (await getSetting('session', a.database))!.token;

    value(await a.bg.handleView({ type: 'sign-out' }));
    expect(await getSetting('session', a.database)).toBeNull();
    expect([
      await a.database.drafts.count(),
      await a.database.history.count(),
      await a.database.outbox.count(),
    ]).toEqual([0, 0, 0]);
    const stale = createReachlogApi({ serverUrl: server.url, getToken: () => token });
    await expect(stale.me()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('says in words that a server it cannot reach is not there, at sign-in and in the sync status', async () => {
    const dead = await deadServerUrl();
    const reply = await a.bg.handleView({
      type: 'sign-in',
      serverUrl: dead,
      email: 'someone@example.com',
      password: 'correct horse battery',
    });
    expect(reply).toEqual({
      ok: false,
      error: `Can't reach the Reachlog server at ${dead}: nothing answers there (the server may be stopped or restarting) — check the address and that the server is running, then try again.`,
    });

    // a session as a sign-in leaves it (the server is never reached, so the token is not checked)
    await setSetting(
      'session',
      { token: 't', user: { id: 'u1', email: 'a@b.test', name: null } },
      a.database,
    );
    await setSetting('serverUrl', dead, a.database);
    const sync = value<{ state: string; error: string }>(await a.bg.handleView({ type: 'sync-now' }));
    expect(sync.state).toBe('offline');
    expect(sync.error).toBe(
      `Can't reach the Reachlog server at ${dead}: nothing answers there (the server may be stopped or restarting) — your changes are kept on this computer and sync when it's back.`,
    );
    expect((await getSetting('syncStatus', a.database)).error).toBe(sync.error);
  });

  it('refuses wrong credentials with the server message and keeps no session', async () => {
    const reply = await a.bg.handleView({
      type: 'sign-in',
      serverUrl: server.url,
      email: 'nobody@example.com',
      password: 'wrong-password',
    });
    expect(reply.ok).toBe(false);
    expect(await getSetting('session', a.database)).toBeNull();
  });
});
