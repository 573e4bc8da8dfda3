// @vitest-environment node
// LinkedIn reply detection through the background against the real server over HTTP: a capture
// showing the partner's answer marks the send replied here and on the server (so every browser
// gets it); the no-reply, group and other-person cases mark nothing; offline marks wait.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { Capture, Conversation } from '@@/shared/capture';
import { createBackground, type Background } from '@/background/create-background';
import { ReachlogDb } from '@/db/database';
import { getSetting, setSetting } from '@/db/settings';
import type { BackgroundReply } from '@/messaging/protocol';
import { deadServerUrl, startRealServer, type RealServer } from '@/test-support/real-server';

vi.setConfig({ testTimeout: 30_000 });

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

interface Browser {
  database: ReachlogDb;
  bg: Background;
}
const browsers: Browser[] = [];
afterEach(async () => {
  for (const b of browsers.splice(0)) {
    b.bg.stop();
    await b.database.delete();
  }
});

function newBrowser(): Browser {
  const database = new ReachlogDb(`li-replies-${crypto.randomUUID()}`);
  const b = { database, bg: createBackground({ database, sendToTab: async () => undefined }) };
  browsers.push(b);
  return b;
}

function value<T>(reply: BackgroundReply): T {
  if (!reply.ok) throw new Error(`background refused: ${reply.error}`);
  return reply.value as T;
}

const NOOR = { name: 'Noor Haddad', linkedinUrl: 'https://www.linkedin.com/in/noor-haddad-recruits/' };
const PASSWORD = 'correct horse battery';

async function signedIn(b: Browser, email: string, signUp: boolean): Promise<void> {
  value(
    await b.bg.handleView(
      signUp
        ? { type: 'sign-up', serverUrl: `${server.url}/`, email, password: PASSWORD, name: 'Morgan Ellery' }
        : { type: 'sign-in', serverUrl: `${server.url}/`, email, password: PASSWORD },
    ),
  );
  await b.bg.sync.run();
}

/** Records a LinkedIn message to Noor and waits for its history row. */
async function sentToNoor(b: Browser): Promise<{ id: number; sentAt: number }> {
  value(await b.bg.handleView({ type: 'record-linkedin', input: { recipient: NOOR, message: 'Hi Noor' } }));
  await b.bg.outbox.kick();
  const row = (await b.database.history.toArray()).find((r) => r.recipientLinkedinUrl === NOOR.linkedinUrl);
  if (!row) throw new Error('the LinkedIn send has no history row');
  return { id: row.id, sentAt: row.sentAt };
}

const iso = (ms: number) => new Date(ms).toISOString();

function captureOf(conversation: Conversation): Capture {
  return {
    pageType: 'messaging',
    url: 'https://www.linkedin.com/messaging/thread/2-Tm9vcg==/',
    people: [{ ...NOOR, headline: null, title: null, company: null, email: null, location: null }],
    job: null,
    conversation,
  };
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + 10_000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('a reply after the send marks it replied here, on the server and in another browser', async () => {
  const a = newBrowser();
  const email = `lr-${crypto.randomUUID().slice(0, 8)}@example.com`;
  await signedIn(a, email, true);
  const send = await sentToNoor(a);
  const b = newBrowser();
  await signedIn(b, email, false);
  expect((await b.database.history.get(send.id))?.repliedAt).toBeNull();

  // The page stamps the send and the answer with the send's minute: their order proves the reply,
  // which cannot precede the send it answers.
  const minute = Math.floor(send.sentAt / 60_000) * 60_000;
  const reply = await a.bg.handleContent(
    {
      type: 'capture',
      capture: captureOf({
        partnerProfileUrl: NOOR.linkedinUrl,
        isGroup: false,
        messages: [
          { at: iso(send.sentAt - 3_600_000), fromMe: false },
          { at: iso(minute), fromMe: true },
          { at: iso(minute), fromMe: false },
        ],
      }),
    },
    7,
  );
  expect(value(reply)).toEqual({ contacts: 1, replies: 1 });
  // Shown at once in this browser…
  expect((await a.database.history.get(send.id))?.repliedAt).toBe(send.sentAt);
  // …on the server, and nothing left waiting…
  await until(
    () => getSetting('pendingReplyMarks', a.database),
    (p) => p.length === 0,
    'the mark to reach the server',
  );
  const api = (await b.bg.getApi())!;
  const onServer = (await api.historyList({ limit: 10 })).items.find((r) => r.id === send.id);
  expect(onServer?.repliedAt?.getTime()).toBe(send.sentAt);
  // …and in the other browser after its pull.
  await b.bg.sync.run();
  expect((await b.database.history.get(send.id))?.repliedAt).toBe(send.sentAt);

  // The same page read again marks nothing more.
  expect(
    value(
      await a.bg.handleContent(
        {
          type: 'capture',
          capture: captureOf({
            partnerProfileUrl: NOOR.linkedinUrl,
            isGroup: false,
            messages: [{ at: iso(minute + 120_000), fromMe: false }],
          }),
        },
        7,
      ),
    ),
  ).toEqual({ contacts: 1, replies: 0 });
});

it('the user writing last, a group, another person: nothing is marked', async () => {
  const a = newBrowser();
  await signedIn(a, `lr-${crypto.randomUUID().slice(0, 8)}@example.com`, true);
  const send = await sentToNoor(a);
  const later = Math.floor(send.sentAt / 60_000) * 60_000 + 5 * 60_000;
  const cases: Conversation[] = [
    {
      partnerProfileUrl: NOOR.linkedinUrl,
      isGroup: false,
      messages: [
        { at: iso(send.sentAt - 60_000), fromMe: false },
        { at: iso(later), fromMe: true },
      ],
    },
    { partnerProfileUrl: null, isGroup: true, messages: [{ at: iso(later), fromMe: false }] },
    {
      partnerProfileUrl: 'https://www.linkedin.com/in/someone-else/',
      isGroup: false,
      messages: [{ at: iso(later), fromMe: false }],
    },
  ];
  for (const conversation of cases) {
    expect(
      value(await a.bg.handleContent({ type: 'capture', capture: captureOf(conversation) }, 3)),
    ).toMatchObject({
      replies: 0,
    });
  }
  expect((await a.database.history.get(send.id))?.repliedAt).toBeNull();
  expect(await getSetting('pendingReplyMarks', a.database)).toEqual([]);
});

it('offline: the mark is shown at once, waits, and reaches the server when it is back', async () => {
  const a = newBrowser();
  await signedIn(a, `lr-${crypto.randomUUID().slice(0, 8)}@example.com`, true);
  const send = await sentToNoor(a);
  await a.bg.sync.run(); // the send's own poke and pull are over before the server goes away
  const serverUrl = await getSetting('serverUrl', a.database);
  await setSetting('serverUrl', await deadServerUrl(), a.database);

  const minute = Math.floor(send.sentAt / 60_000) * 60_000;
  const replyAt = send.sentAt;
  const conversation: Conversation = {
    partnerProfileUrl: NOOR.linkedinUrl,
    isGroup: false,
    messages: [
      { at: iso(minute), fromMe: true },
      { at: iso(minute), fromMe: false },
    ],
  };
  expect(
    value(await a.bg.handleContent({ type: 'capture', capture: captureOf(conversation) }, 4)),
  ).toMatchObject({
    replies: 1,
  });
  expect((await a.database.history.get(send.id))?.repliedAt).toBe(replyAt);
  await until(
    () => getSetting('pendingReplyMarks', a.database),
    (p) => p.length === 1,
    'the mark to wait for the server',
  );
  // still waiting after a failed attempt
  await a.bg.onAlarm().catch(() => undefined);
  expect(await getSetting('pendingReplyMarks', a.database)).toEqual([{ id: send.id, repliedAt: replyAt }]);

  await setSetting('serverUrl', serverUrl, a.database);
  await a.bg.onOnline();
  await until(
    () => getSetting('pendingReplyMarks', a.database),
    (p) => p.length === 0,
    'the mark to be sent',
  );
  const onServer = (await (await a.bg.getApi())!.historyList({ limit: 10 })).items.find(
    (r) => r.id === send.id,
  );
  expect(onServer?.repliedAt?.getTime()).toBe(replyAt);
});
