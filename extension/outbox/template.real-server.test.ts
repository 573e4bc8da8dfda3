// @vitest-environment node
// A draft written from a template sends with it: every way the extension sends a draft (the
// e-mail, a LinkedIn message marked sent, one seen after a fill) records the draft's template on
// the history row, and another browser of the account gets both the draft's template and the
// rows', and counts them under that template in "What works".
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createBackground, type Background } from '@/background/create-background';
import { ReachlogDb } from '@/db/database';
import { createDraft, saveDraft } from '@/sync/local-writes';
import { queryReplyStats } from '@/data/pipeline';
import type { BackgroundReply } from '@/messaging/protocol';
import { startRealServer, type RealServer } from '@/test-support/real-server';

vi.setConfig({ testTimeout: 30_000 });

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const backgrounds: Background[] = [];
afterEach(() => {
  for (const bg of backgrounds.splice(0)) bg.stop();
});

function newBrowser() {
  const database = new ReachlogDb(`tmpl-${crypto.randomUUID()}`);
  const bg = createBackground({
    database,
    sendToTab: async (_tabId, msg) =>
      msg.type === 'fill-composer' ? { ok: true, target: msg.target } : undefined,
  });
  backgrounds.push(bg);
  return { database, bg };
}

function value<T>(reply: BackgroundReply): T {
  if (!reply.ok) throw new Error(`background refused: ${reply.error}`);
  return reply.value as T;
}

const INTRO = { template: 'Introduction e-mail', templateId: 'default-email' };
const NOTE = { template: 'Connection note', templateId: 'default-linkedin-note' };

it('a draft from a template sends with it on every route, and another browser sees it', async () => {
  const a = newBrowser();
  const b = newBrowser();
  const account = {
    email: `u-${crypto.randomUUID().slice(0, 8)}@example.com`,
    password: 'correct horse battery',
  };
  value(await a.bg.handleView({ type: 'sign-up', serverUrl: server.url, ...account, name: 'Sam Seeker' }));
  value(await b.bg.handleView({ type: 'sign-in', serverUrl: server.url, ...account }));

  // 1. the side panel's "Send e-mail" (outreach.sendEmail, naming the draft)
  const jane = await createDraft(
    {
      recipientName: 'Jane Doe',
      recipientEmail: 'jane@acme.test',
      recipientLinkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
      emailSubject: 'About the role',
      emailBody: 'Hi Jane',
      ...INTRO,
    },
    a.database,
  );
  const email = value<{ sendId: string }>(
    await a.bg.handleView({
      type: 'send-email',
      input: {
        draftId: jane.id,
        recipient: { name: 'Jane Doe', email: 'jane@acme.test' },
        subject: 'About the role',
        body: 'Hi Jane',
      },
    }),
  );

  // 2. the LinkedIn message put in the composer and seen sent (drafts.send with the draft's content)
  const raj = await createDraft(
    {
      recipientName: 'Raj Patel',
      recipientLinkedinUrl: 'https://www.linkedin.com/in/raj-patel/',
      linkedinMessage: 'Hi Raj!',
      ...NOTE,
    },
    a.database,
  );
  value(
    await a.bg.handleView({
      type: 'fill-composer',
      tabId: 3,
      text: 'Hi Raj!',
      target: 'note',
      draftId: raj.id,
    }),
  );
  const seen = value<{ sendId: string }>(
    await a.bg.handleContent(
      {
        type: 'linkedin-sent',
        recipient: { name: 'Raj Patel', linkedinUrl: 'https://www.linkedin.com/in/raj-patel/' },
        text: 'Hi Raj!',
        url: 'https://www.linkedin.com/in/raj-patel/',
      },
      3,
    ),
  );

  // 3. "Mark as sent" (outreach.recordLinkedIn, naming the draft), the template changed before
  const lee = await createDraft(
    {
      recipientName: 'Lee Chen',
      recipientLinkedinUrl: 'https://www.linkedin.com/in/lee-chen/',
      linkedinMessage: 'Hi Lee',
    },
    a.database,
  );
  await saveDraft({ id: lee.id, ...NOTE }, a.database);
  const marked = value<{ sendId: string }>(
    await a.bg.handleView({
      type: 'record-linkedin',
      input: {
        draftId: lee.id,
        recipient: { name: 'Lee Chen', linkedinUrl: 'https://www.linkedin.com/in/lee-chen/' },
        message: 'Hi Lee',
      },
    }),
  );

  // 4. a message written without a template
  const plain = value<{ sendId: string }>(
    await a.bg.handleView({
      type: 'record-linkedin',
      input: {
        recipient: { name: 'Ann Other', linkedinUrl: 'https://www.linkedin.com/in/ann-other/' },
        message: 'Hi Ann',
      },
    }),
  );

  await a.bg.outbox.kick();
  const outbox = await Promise.all([email, seen, marked, plain].map((s) => a.database.outbox.get(s.sendId)));
  expect(outbox.map((o) => o?.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
  const rowOf = async (sendId: string, database: ReachlogDb) => {
    const historyId = (await a.database.outbox.get(sendId))!.historyId!;
    const r = (await database.history.get(historyId))!;
    return [r.recipientName, r.channel, r.template, r.templateId];
  };
  const expected = [
    ['Jane Doe', 'email', INTRO.template, INTRO.templateId],
    ['Raj Patel', 'linkedin', NOTE.template, NOTE.templateId],
    ['Lee Chen', 'linkedin', NOTE.template, NOTE.templateId],
    ['Ann Other', 'linkedin', null, null],
  ];
  expect(await Promise.all([email, seen, marked, plain].map((s) => rowOf(s.sendId, a.database)))).toEqual(
    expected,
  );

  // the other browser: the rows and the drafts carry the template
  expect((await b.bg.sync.run()).state).toBe('synced');
  expect(await Promise.all([email, seen, marked, plain].map((s) => rowOf(s.sendId, b.database)))).toEqual(
    expected,
  );
  expect(await b.database.drafts.get(jane.id)).toMatchObject(INTRO);
  expect(await b.database.drafts.get(lee.id)).toMatchObject(NOTE);
  const stats = await queryReplyStats(Date.now(), b.database);
  expect(stats.byTemplate.map((t) => [t.template, t.sent])).toEqual([
    ['Connection note', 2],
    ['Introduction e-mail', 1],
    [null, 1],
  ]);
});
