// Issue 11's journey, "from first message to reply", in real Chromium with the built extension,
// the real server over HTTP (SQLite file) and a real SMTP server on loopback; two browsers of one
// user (A writes, B only watches its dashboard):
// send on both channels ("Send e-mail + LinkedIn": the e-mail goes, the message is put in
// LinkedIn's composer and the user's own Send is seen → one "Email + LinkedIn" row) → the recruiter
// answers in the LinkedIn conversation → replied in the side panel and in the other browser → another
// recruiter gets an e-mail from a template and does not reply → a follow-up comes due (the clock:
// below) in both browsers → "Follow up" sends a draft from the follow-up template, linked to the
// first → Stats → "What works" counts by channel and by template.
//
// The clock: a follow-up is due 7 days after a send. Rather than shifting the browsers' clocks,
// the test makes the first send old where it is kept: it moves that row's `sent_at` back 8 days in
// the server's SQLite file with the user's next change version (as every server-side change
// takes, services/versions.ts), then asks both browsers to sync: the pull brings the row with its
// old time and each extension's own clock finds it due.
//
// Screenshots (1000 px wide) go to test-results/screenshots/pipeline-*.png; docs/images/ keeps
// copies for the README and docs/pipeline.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  EMAIL_TO_PARTNER,
  PARTNER_EMAIL,
  THREAD_PARTNER,
  THREAD_PATH,
  THREAD_URL,
  collectPageErrors,
  openTwoBrowsers,
  pressLinkedInSendForBoth,
  screenshot,
  serveFixtureVariants,
  until,
  untilComposerHolds,
  type PageErrors,
  type TwoBrowsers,
} from './harness';
import { backdateSend, readHistoryRow } from './harness/server-history';
import { startServerWithMail, type ServerWithMail } from './harness/server-with-mail';
import { signUpWithCode } from './harness/sign-up-with-code';
import { SidePanelPage } from './pages/sidepanel-page';

const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
/** on the job page; written to by e-mail, never answers */
const SILENT = 'Marisol Quintero';
const SILENT_EMAIL = 'marisol.quintero@brightline.example';
/** the conversation's partner; written to on LinkedIn */
const PARTNER = THREAD_PARTNER;
const DAY = 24 * 3600 * 1000;
const WIDTH = 1000;

describe('From first message to reply, in Chromium', () => {
  let stack: ServerWithMail;
  let two: TwoBrowsers;
  let panel: SidePanelPage;
  let panelPage: Page;
  const errors: PageErrors[] = [];
  const sentIds: Record<string, number> = {};

  const serverRow = (id: number) => readHistoryRow(stack.database.url, id);
  const syncBoth = async () => {
    for (const page of [two.pageA, two.pageB])
      await page.evaluate(() => chrome.runtime.sendMessage({ type: 'sync-now' }));
  };
  /** the history row id of the newest attempt to `name`, as the Overview lists it (A) */
  const attemptId = async (name: string) => {
    await two.dashA.go('overview');
    const row = await until(`${name}'s attempt row`, async () => {
      const rows = two.dashA.attemptRows().filter({ hasText: name });
      return (await rows.count()) > 0 ? rows.first() : null;
    });
    return Number(await row.getAttribute('data-history-id'));
  };

  beforeAll(async () => {
    stack = await startServerWithMail();
    two = await openTwoBrowsers({ [JOB_URL]: 'job_view_hiring_team', [THREAD_PATH]: 'messaging_thread' });
    for (const page of [two.pageA, two.pageB]) {
      errors.push(collectPageErrors(page));
      await page.setViewportSize({ width: WIDTH, height: 800 });
    }
  });

  afterAll(async () => {
    await two?.close();
    await stack?.close();
  });

  it('signs up in browser A and in with the same account in browser B', async () => {
    const account = { email: 'morgan.pipeline@example.com', password: 'correct horse battery' };
    await signUpWithCode(two.dashA, stack.smtp, {
      serverUrl: stack.serverUrl,
      name: 'Morgan Ellery',
      ...account,
    });
    await two.dashB.signIn({ serverUrl: stack.serverUrl, ...account });
  });

  it('sends to the conversation partner on both channels: one "Email + LinkedIn" row', async () => {
    const thread = await two.a.context.newPage();
    await thread.goto(THREAD_URL);
    panelPage = await two.a.openExtensionPage('/sidepanel.html');
    errors.push(collectPageErrors(panelPage));
    await panelPage.setViewportSize({ width: 400, height: 1000 });
    panel = new SidePanelPage(panelPage);
    await panel.waitForPerson(PARTNER);
    await panel.writeEmail(EMAIL_TO_PARTNER);
    await panel.channel('LinkedIn');
    await panel.useTemplate('LinkedIn message');
    await expect.poll(() => panel.linkedinMessage().inputValue()).toMatch(/^Hi Ingrid,/);
    // a conversation has no job: the user types it where the template wanted one
    const text = (await panel.linkedinMessage().inputValue()).replaceAll('{{jobTitle}}', 'Perception');
    await panel.linkedinMessage().fill(text);
    await panelPage.getByTestId('send-both').click();
    await until('the e-mail at the SMTP server', () => stack.smtp.to(PARTNER_EMAIL).length === 1).catch(
      async (e) => {
        await screenshot(panelPage, 'pipeline-both-email-failed');
        throw e;
      },
    );
    await untilComposerHolds(thread, 'Hi Ingrid,');
    await pressLinkedInSendForBoth(thread, panelPage, text, 'pipeline-both-linkedin-failed');
    sentIds[PARTNER] = await attemptId(PARTNER);
    const [row] = await two.dashA.attempts();
    expect(row!.slice(1)).toEqual([
      PARTNER,
      'Vesper Robotics',
      'Talent Acquisition Lead',
      'Email + LinkedIn',
      'sent',
    ]);
    expect(serverRow(sentIds[PARTNER]!)).toMatchObject({ channel: 'both', template: 'LinkedIn message' });
    await thread.close();
  });

  it('the partner replies on LinkedIn: replied in the side panel and in the other browser', async () => {
    const sentAt = await two.pageA.evaluate(async (id) => {
      const open = indexedDB.open('reachlog');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const row = await new Promise<{ sentAt: number }>((resolve, reject) => {
        const req = db.transaction('history').objectStore('history').get(id);
        req.onsuccess = () => resolve(req.result as { sentAt: number });
        req.onerror = () => reject(req.error);
      });
      db.close();
      return row.sentAt;
    }, sentIds[PARTNER]!);
    const minute = await two.pageA.evaluate((t) => {
      const d = new Date(t);
      const h = d.getHours() % 12 || 12;
      return `${h}:${String(d.getMinutes()).padStart(2, '0')} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
    }, sentAt);
    // the conversation as LinkedIn shows it just after the answer: the user's message, then hers
    const reply = `<li class="msg-s-message-list__event clearfix"><div class="msg-s-event-listitem msg-s-event-listitem--other" data-event-urn="urn:li:msg_message:(urn:li:fsd_profile:X,2-reply)"><div class="msg-s-message-group__meta"><a class="msg-s-event-listitem__link" href="https://www.linkedin.com/in/ingrid-solberg-talent"><img alt="Ingrid Solberg"></a><span class="msg-s-message-group__profile-link msg-s-message-group__name">Ingrid Solberg</span><time class="msg-s-message-group__timestamp">${minute}</time></div><div class="msg-s-event-listitem__message-bubble"><p class="msg-s-event-listitem__body">Thanks Morgan, let us talk on Thursday.</p></div></div></li>`;
    // (the route answers every LinkedIn page from here on: the job page the next step opens too)
    await serveFixtureVariants(two.a.context, {
      [THREAD_PATH]: {
        fixture: 'messaging_thread',
        edit: (html) => {
          const base = html.replaceAll('>10:15 AM<', `>${minute}<`).replaceAll('>10:42 AM<', `>${minute}<`);
          // her answer goes after the user's last message, at the end of the thread's message list
          const listEnd = base.indexOf('</ul>', base.lastIndexOf('msg-s-message-list__event'));
          expect(listEnd).toBeGreaterThan(0);
          return `${base.slice(0, listEnd)}${reply}${base.slice(listEnd)}`;
        },
      },
      [JOB_URL]: 'job_view_hiring_team',
    });
    const thread = await two.a.context.newPage();
    await thread.goto(THREAD_URL, { waitUntil: 'domcontentloaded' });
    await panel.waitForPerson(PARTNER);
    await panelPage
      .locator('[data-testid="contact-status"][data-status="replied"]')
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (e) => {
        await screenshot(panelPage, 'pipeline-reply-not-seen');
        throw e;
      });
    await screenshot(panelPage, 'pipeline-sidepanel-replied');
    await two.dashB.go('history');
    await until(
      'the reply in B',
      async () =>
        (await two.pageB
          .getByTestId('history-row')
          .filter({ hasText: PARTNER })
          .getByTestId('history-replied')
          .count()) === 1,
      30_000,
    );
    await thread.close();
  });

  it('another recruiter gets an e-mail from a template, and does not reply', async () => {
    const job = await two.a.context.newPage();
    await job.goto(JOB_URL);
    await panel.waitForPerson(SILENT);
    await panel.channel('E-mail');
    await panel.setEmail(SILENT_EMAIL);
    await panel.useTemplate('Introduction e-mail');
    await expect.poll(() => panel.body().inputValue()).toMatch(/^Hi Marisol,/);
    await panelPage.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
    await panel.sendEmail();
    await until('the e-mail at the SMTP server', () => stack.smtp.to(SILENT_EMAIL).length === 1);
    await panelPage
      .locator('[data-testid="send-status-email"][data-state="sent"]')
      .waitFor({ timeout: 15_000 });
    sentIds[SILENT] = await attemptId(SILENT);
    await job.close();
  });

  it('a week later, a follow-up comes due for the one who did not reply, in both browsers', async () => {
    await two.dashA.go('overview');
    expect(await two.pageA.getByTestId('follow-ups-due').getAttribute('data-count')).toBe('0');
    backdateSend(stack.database.url, sentIds[SILENT]!, 8 * DAY);
    await syncBoth();
    for (const dash of [two.dashA, two.dashB]) {
      await dash.go('overview');
      await dash.page.locator('[data-testid="follow-ups-due"][data-count="1"]').waitFor({ timeout: 15_000 });
      expect(await dash.page.getByTestId('follow-up-row').textContent()).toContain(SILENT);
    }
    await screenshot(two.pageA, 'pipeline-overview-follow-ups-due');
  });

  it('"Follow up" opens a draft from the follow-up template; its send is linked to the first', async () => {
    const dashPage = two.pageA;
    await two.dashA.go('overview');
    await dashPage.getByTestId('follow-up-row').getByTestId('follow-up').click();
    const form = dashPage.getByTestId('draft-form');
    await form.waitFor({ timeout: 15_000 });
    const subject = await form.getByTestId('form-subject').inputValue();
    expect(subject).toContain('Following up');
    expect(subject).not.toContain('{{');
    expect(await form.getByTestId('form-body').inputValue()).toMatch(/^Hi Marisol,/);
    await form.getByTestId('draft-send').click();
    await until('the follow-up e-mail', () => stack.smtp.to(SILENT_EMAIL).length === 2);
    expect(stack.smtp.to(SILENT_EMAIL)[1]!.subject).toBe(subject);
    for (const dash of [two.dashA, two.dashB]) {
      await dash.go('overview');
      await dash.page.locator('[data-testid="follow-ups-due"][data-count="0"]').waitFor({ timeout: 15_000 });
    }
    const followUpId = await attemptId(SILENT);
    expect(followUpId).not.toBe(sentIds[SILENT]);
    expect(serverRow(followUpId)).toMatchObject({
      follow_up_of: sentIds[SILENT],
      channel: 'email',
      template: 'Follow-up e-mail',
    });
    // the other browser's history shows the link
    await two.dashB.go('history');
    await until('three rows in B', async () => (await two.pageB.getByTestId('history-row').count()) === 3);
    await two.pageB.getByTestId('history-row').first().click();
    await two.pageB.getByTestId('history-follow-up-of').filter({ hasText: /\S/ }).waitFor();
    expect(await two.pageB.getByTestId('history-follow-up-of').textContent()).toContain(SILENT);
  });

  it('Stats → "What works": reply rates by channel and by template', async () => {
    await two.dashB.go('stats');
    const section = two.pageB.getByTestId('reply-stats');
    await section.waitFor();
    const rates = section.getByTestId('template-rate');
    await until('both templates in the table', async () => (await rates.count()) === 2);
    const byTemplate = await rates.evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(byTemplate).toEqual([
      ['Introduction e-mail', '1', '0', '0 %'],
      ['LinkedIn message', '1', '1', '100 %'],
    ]);
    expect(await section.getByTestId('follow-ups-sent').textContent()).toBe('Follow-ups sent: 1');
    await section.scrollIntoViewIfNeeded();
    await screenshot(two.pageB, 'pipeline-stats-what-works');
    for (const e of errors) expect(e.uncaught).toEqual([]);
  });
});
