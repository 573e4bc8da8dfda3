// @vitest-environment node
// "Send e-mail + LinkedIn" and "Follow up" through the background against the real server over
// HTTP (SQLite file, real SMTP server on loopback): the two halves of a both-channel send make
// one `both` row whichever completes first, a failure shows on its half and Retry completes the
// same row; a follow-up draft carries the first send's id through the outbox into its row.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackground, type Background } from '@/background/create-background';
import { ReachlogDb } from '@/db/database';
import { createDraft } from '@/sync/local-writes';
import type { BackgroundReply, FillComposerResult, ToContent } from '@/messaging/protocol';
import { createFollowUpDraft, ensureFollowUpTemplates } from '@/data/follow-up';
import { isFollowUpTemplate } from '@/db/default-templates';
import { startRealServer, type RealServer } from '@/test-support/real-server';

vi.setConfig({ testTimeout: 30_000 });

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const JANE = {
  recipientName: 'Jane Doe',
  recipientEmail: 'jane.both@acme.test',
  recipientLinkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
  jobTitle: 'Staff Engineer',
  companyName: 'Acme Corp',
  emailSubject: 'The Staff Engineer role',
  emailBody: 'Hi Jane,\n\nI would love to talk about the role.\n\nSam',
  linkedinMessage: 'Hi Jane, I just e-mailed you about the Staff Engineer role.',
};

interface Browser {
  database: ReachlogDb;
  bg: Background;
  toTab: ToContent[];
  /** what the page answers to a fill */
  fill: FillComposerResult;
}

const browsers: Browser[] = [];
afterEach(() => {
  for (const b of browsers.splice(0)) b.bg.stop();
});

function newBrowser(): Browser {
  const database = new ReachlogDb(`both-${crypto.randomUUID()}`);
  const b = { database, toTab: [] as ToContent[], fill: { ok: true, target: 'message' } } as Browser;
  b.bg = createBackground({
    database,
    sendToTab: async (_tabId, msg) => {
      b.toTab.push(msg);
      return msg.type === 'fill-composer' ? b.fill : undefined;
    },
  });
  browsers.push(b);
  return b;
}

function value<T>(reply: BackgroundReply): T {
  if (!reply.ok) throw new Error(`background refused: ${reply.error}`);
  return reply.value as T;
}

async function signedUp(b: Browser) {
  value(
    await b.bg.handleView({
      type: 'sign-up',
      serverUrl: `${server.url}/`,
      email: `u-${crypto.randomUUID().slice(0, 8)}@example.com`,
      password: 'correct horse battery',
      name: 'Sam Seeker',
    }),
  );
  await b.bg.sync.run();
}

const TAB = 7;
const notice = (text: string) => ({
  type: 'linkedin-sent' as const,
  recipient: { name: JANE.recipientName, linkedinUrl: JANE.recipientLinkedinUrl },
  text,
  url: 'https://www.linkedin.com/messaging/thread/1/',
});
const mailsTo = (address: string) => server.mails.filter((m) => m.to.includes(address)).length;

let a: Browser;
beforeEach(() => {
  a = newBrowser();
  server.setSmtp('accept');
});

describe('Send e-mail + LinkedIn', () => {
  it('sends the e-mail, fills the composer, and the seen LinkedIn send turns the one row into both', async () => {
    await signedUp(a);
    const draft = await createDraft(JANE, a.database);
    const before = mailsTo(JANE.recipientEmail);
    const sent = value<{ sendId: string; fill: FillComposerResult }>(
      await a.bg.handleView({
        type: 'send-both',
        tabId: TAB,
        text: JANE.linkedinMessage,
        target: 'message',
        draftId: draft.id,
      }),
    );
    expect(sent.fill.ok).toBe(true);
    expect(a.toTab).toEqual([{ type: 'fill-composer', text: JANE.linkedinMessage, target: 'message' }]);
    await a.bg.outbox.kick();
    expect(mailsTo(JANE.recipientEmail) - before).toBe(1);
    const emailRow = (await a.database.history.toArray())[0]!;
    expect(emailRow.channel).toBe('email');

    // the user presses Send on LinkedIn; the page shows it (twice: only one is recorded)
    const [r1, r2] = await Promise.all([
      a.bg.handleContent(notice(JANE.linkedinMessage), TAB),
      a.bg.handleContent(notice(JANE.linkedinMessage), TAB),
    ]);
    expect([r1, r2].filter((r) => r.ok && 'sendId' in (r.value as object))).toHaveLength(1);
    await a.bg.outbox.kick();

    const history = await a.database.history.toArray();
    expect(history.map((h) => [h.id, h.channel, h.linkedinMessage])).toEqual([
      [emailRow.id, 'both', JANE.linkedinMessage],
    ]);
    const outbox = await a.database.outbox.orderBy('createdAt').toArray();
    expect(outbox.map((o) => [o.state, o.historyId, o.bothOf])).toEqual([
      ['sent', emailRow.id, sent.sendId],
      ['sent', emailRow.id, sent.sendId],
    ]);
    expect(mailsTo(JANE.recipientEmail) - before).toBe(1);
    // the local counters follow the row's new channel
    expect(await a.database.historyCounts.get('channel:both')).toMatchObject({ count: 1 });
    expect((await a.database.historyCounts.get('channel:email'))?.count ?? 0).toBe(0);
  });

  it('a composer that could not be filled says so; filling again and "Mark as sent" complete the same row', async () => {
    await signedUp(a);
    const draft = await createDraft(JANE, a.database);
    a.fill = { ok: false, reason: 'no-composer', message: 'Open the conversation with Jane first.' };
    const sent = value<{ sendId: string; fill: FillComposerResult }>(
      await a.bg.handleView({
        type: 'send-both',
        tabId: TAB,
        text: JANE.linkedinMessage,
        target: 'message',
        draftId: draft.id,
      }),
    );
    expect(sent.fill).toMatchObject({ ok: false, message: 'Open the conversation with Jane first.' });
    await a.bg.outbox.kick();
    // the e-mail half went regardless
    expect(await a.database.outbox.get(sent.sendId)).toMatchObject({ state: 'sent' });

    a.fill = { ok: true, target: 'message' };
    value(
      await a.bg.handleView({
        type: 'fill-composer',
        tabId: TAB,
        text: JANE.linkedinMessage,
        target: 'message',
        draftId: draft.id,
      }),
    );
    expect(await a.database.composerFills.get(TAB)).toMatchObject({ completes: sent.sendId });
    // the page does not show the sent message: the user marks it sent
    value(
      await a.bg.handleView({
        type: 'record-linkedin',
        input: {
          draftId: draft.id,
          recipient: { name: JANE.recipientName, linkedinUrl: JANE.recipientLinkedinUrl },
          message: JANE.linkedinMessage,
        },
      }),
    );
    await a.bg.outbox.kick();
    // a late notice from the page records nothing more
    const late = value<object>(await a.bg.handleContent(notice(JANE.linkedinMessage), TAB));
    expect(late).toHaveProperty('ignored');
    await a.bg.outbox.kick();
    const history = await a.database.history.toArray();
    expect(history.map((h) => h.channel)).toEqual(['both']);
    expect(await a.database.outbox.count()).toBe(2);
  });

  it('an e-mail half refused by the mail server shows on its half; the LinkedIn half fails with it, and Retry completes one row', async () => {
    await signedUp(a);
    const draft = await createDraft(JANE, a.database);
    server.setSmtp('reject-permanently');
    const before = mailsTo(JANE.recipientEmail);
    const { sendId } = value<{ sendId: string }>(
      await a.bg.handleView({
        type: 'send-both',
        tabId: TAB,
        text: JANE.linkedinMessage,
        target: 'message',
        draftId: draft.id,
      }),
    );
    await a.bg.outbox.kick();
    expect(await a.database.outbox.get(sendId)).toMatchObject({ state: 'failed' });
    expect((await a.database.outbox.get(sendId))!.error).toMatch(/Mail server refused/);

    // the LinkedIn message was sent on LinkedIn meanwhile: its half also carries the e-mail
    value(await a.bg.handleContent(notice(JANE.linkedinMessage), TAB));
    await a.bg.outbox.kick();
    const linkedinHalf = (await a.database.outbox.toArray()).find((o) => o.id !== sendId)!;
    expect(linkedinHalf).toMatchObject({ state: 'failed', bothOf: sendId });

    server.setSmtp('accept');
    value(await a.bg.handleView({ type: 'retry-outbox', id: linkedinHalf.id }));
    await a.bg.outbox.kick();
    const rows = await a.database.outbox.toArray();
    expect(rows.map((o) => o.state)).toEqual(['sent', 'sent']);
    expect(mailsTo(JANE.recipientEmail) - before).toBe(1);
    // and the e-mail half's own Retry finds that row: nothing more
    value(await a.bg.handleView({ type: 'retry-outbox', id: sendId }));
    await a.bg.outbox.kick();
    await a.bg.sync.run();
    const history = await a.database.history.toArray();
    expect(history.map((h) => [h.channel, h.status])).toEqual([['both', 'sent']]);
    expect(mailsTo(JANE.recipientEmail) - before).toBe(1);
  });
});

describe('Follow up', () => {
  it('a follow-up draft carries the first send through the outbox into its row, on every send kind', async () => {
    await signedUp(a);
    const first = await createDraft(JANE, a.database);
    value(
      await a.bg.handleView({
        type: 'send-draft',
        input: { draftId: first.id, email: true, linkedinSent: false },
      }),
    );
    await a.bg.outbox.kick();
    const firstRow = (await a.database.history.toArray())[0]!;

    const templates = await ensureFollowUpTemplates(a.database);
    const byEmail = templates.find((t) => t.kind === 'email')!;
    const followUp = await createFollowUpDraft(
      firstRow,
      {
        emailSubject: byEmail.subject,
        emailBody: 'Hi Jane, following up.',
        linkedinMessage: 'Hi again Jane',
      },
      a.database,
    );
    expect(followUp).toMatchObject({ followUpOf: firstRow.id, recipientEmail: JANE.recipientEmail });
    // a sync does not lose what the draft follows (kept on this browser's copy)
    await a.bg.sync.run();
    expect((await a.database.drafts.get(followUp.id))?.followUpOf).toBe(firstRow.id);

    // the side panel's e-mail send (outreach.sendEmail with the draft's id)
    const { sendId } = value<{ sendId: string }>(
      await a.bg.handleView({
        type: 'send-email',
        input: {
          draftId: followUp.id,
          recipient: { name: JANE.recipientName, email: JANE.recipientEmail },
          subject: 'Following up',
          body: 'Hi Jane, following up.',
        },
      }),
    );
    expect((await a.database.outbox.get(sendId))!.payload).toMatchObject({ followUpOf: firstRow.id });
    // the LinkedIn message of the same draft (drafts.send)
    value(
      await a.bg.handleView({
        type: 'send-draft',
        input: { draftId: followUp.id, email: false, linkedinSent: true },
      }),
    );
    await a.bg.outbox.kick();
    const rows = (await a.database.history.toArray()).filter((r) => r.draftId === followUp.id);
    expect(rows.map((r) => [r.channel, r.followUpOf]).sort()).toEqual([
      ['email', firstRow.id],
      ['linkedin', firstRow.id],
    ]);
  });

  it('adds the built-in follow-up templates to a user without any, once', async () => {
    await a.database.templates.filter(isFollowUpTemplate).delete();
    const added = await ensureFollowUpTemplates(a.database);
    expect(added.map((t) => t.kind).sort()).toEqual(['email', 'linkedin-message']);
    await ensureFollowUpTemplates(a.database);
    expect(await a.database.templates.filter(isFollowUpTemplate).count()).toBe(2);
    for (const t of added) expect(t.body).toContain('{{firstName}}');
  });
});
