// Issue 8, whole system 2: network faults between the extension and the server. Browser A (real
// Chromium, the built extension) reaches the real server (its own process, SQLite) only through
// a fault-injecting proxy on loopback (test/support/fault-proxy.ts); browser B of the same
// account reaches it directly. On a written-down plan, the proxy drops connections, delays
// requests, answers 502 like a reverse proxy whose server is away, and cuts answers mid-way —
// also after the server committed a send (the e-mail is out) but before A got the answer, for
// the sends and for sync pushes and pulls. Meanwhile A queues sends and edits a draft. Then:
//   - every queued send has exactly one history row on the server (the answer lost in a cut
//     is found again by its send id);
//   - the SMTP server counted every e-mail exactly once, with the send's own Message-ID;
//   - the draft edited during the faults is on the server and in B exactly as A left it;
//   - A's sync status ends "synced", nothing waiting;
//   - while the server cannot be reached, A says so in plain words, with what happens next.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createDatabase, type Database } from '../../server/db/client';
import { messageIdFor } from '../../server/services/mailer';
import { messageIdOf } from '../../server/testing/faulty-smtp';
import { createSqliteDatabase, type TestDatabase } from '../support/database';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';
import { openTwoBrowsers, screenshot, until, type ExtensionBrowser, type TwoBrowsers } from './harness';
import type { DashboardPage } from './pages/dashboard-page';
import { SidePanelPage } from './pages/sidepanel-page';

const JOB_URL = 'https://www.linkedin.com/jobs/view/4012345678/';
const RECRUITER = 'Marisol Quintero';
const RECRUITER_EMAIL = 'marisol.quintero@brightline.example';
const SMTP_FROM = 'outreach@reachlog.example';
/** e-mails queued through the background, as the views queue them */
const QUEUED = 6;
/** The first retry after a lost request comes 1–2 s later (backoff with jitter); the periodic sync, after up to a minute. */
const RETRIED_WITHIN_MS = 10_000;

/** Each fault once, then the retry passes: the outbox retries the head of its queue first. */
function thenPass(faults: Fault[]): Fault[] {
  return faults.flatMap((f) => [f, { kind: 'pass' } as Fault]);
}

describe('network faults between the extension and the server', { timeout: 240_000 }, () => {
  let database: TestDatabase;
  let inspect: Database;
  let smtp: SmtpRecorder;
  let server: ServerProcess;
  let proxy: FaultProxy;
  let browsers: TwoBrowsers;
  let a: ExtensionBrowser;
  let pageA: Page;
  let pageB: Page;
  let dashA: DashboardPage;
  let dashB: DashboardPage;
  let panelPage: Page;
  let panel: SidePanelPage;
  const user = {
    email: `faults-${randomBytes(4).toString('hex')}@example.com`,
    password: 'correct horse battery',
  };
  const sendIds: string[] = [];

  beforeAll(async () => {
    database = createSqliteDatabase();
    smtp = await startSmtpRecorder();
    server = await startServerProcess({
      DATABASE_URL: database.url,
      REACHLOG_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: smtp.url,
      SMTP_FROM,
      // the relay sends for unconfirmed addresses: confirming them is tested elsewhere
      EMAIL_VERIFICATION: 'off',
    });
    inspect = createDatabase(database.url);
    proxy = await startFaultProxy(server.url);
    browsers = await openTwoBrowsers({ [JOB_URL]: 'job_view_hiring_team' });
    ({ a, pageA, pageB, dashA, dashB } = browsers);
  }, 180_000);

  afterAll(async () => {
    await browsers?.close();
    await proxy?.close();
    await server?.stop();
    await inspect?.close();
    await smtp?.close();
    await database?.drop();
  });

  it('signs in A through the proxy and B directly', async () => {
    await dashA.signUp({ serverUrl: proxy.url, name: 'Morgan', email: user.email, password: user.password });
    await dashB.signIn({ serverUrl: server.url, ...user });
    await until('A synced', async () => (await dashA.syncStatus()).state === 'synced');
  });

  it('writes a draft in the side panel', async () => {
    const job = await a.context.newPage();
    await job.goto(JOB_URL);
    panelPage = await a.openExtensionPage('/sidepanel.html');
    panel = new SidePanelPage(panelPage);
    await panel.waitForPerson(RECRUITER);
    await panel.setEmail(RECRUITER_EMAIL);
    await panel.subject().fill('Staff Backend Engineer, Payments');
    await panel.body().fill('Hi Marisol,\n\nfirst version');
    await panelPage.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
    await job.close();
  });

  it('keeps sending and syncing through dropped, delayed, 502 and cut answers, nothing twice', async () => {
    // The sends: every kind of fault once, each followed by the retry that passes. A cut
    // answer comes after the server has committed the send and mailed it.
    const sendPath = /outreach\.sendEmail|outreach\.recordLinkedIn|drafts\.send/;
    proxy.plan(
      sendPath,
      thenPass([
        { kind: 'cut-response' },
        { kind: 'drop' },
        { kind: 'bad-gateway' },
        { kind: 'no-response' },
        { kind: 'delay', ms: 1_500 },
        { kind: 'cut-response' },
      ]),
    );
    // Sync: pushes committed but unanswered, lost, late; pulls cut and lost.
    proxy.plan(/sync\.push/, [
      { kind: 'no-response' },
      { kind: 'pass' },
      { kind: 'cut-response' },
      { kind: 'drop' },
      { kind: 'delay', ms: 1_000 },
      { kind: 'bad-gateway' },
    ]);
    proxy.plan(/sync\.pull/, [{ kind: 'cut-response' }, { kind: 'pass' }, { kind: 'drop' }]);

    // Sends queued as the views queue them (the side panel, the dashboard)
    await pageA.bringToFront();
    const queued = await pageA.evaluate(async (n) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const input =
          i === n - 1
            ? {
                recipient: {
                  name: `Recruiter ${i}`,
                  linkedinUrl: `https://www.linkedin.com/in/recruiter-${i}/`,
                },
                message: `LinkedIn message ${i}`,
              }
            : {
                recipient: { name: `Recruiter ${i}`, email: `r${i}@corp.example` },
                subject: `Hello ${i}`,
                body: `E-mail body ${i}`,
              };
        const reply = (await chrome.runtime.sendMessage(
          i === n - 1 ? { type: 'record-linkedin', input } : { type: 'send-email', input },
        )) as { ok: boolean; value?: { sendId: string }; error?: string };
        if (!reply.ok) throw new Error(reply.error);
        ids.push(reply.value!.sendId);
      }
      return ids;
    }, QUEUED + 1);
    sendIds.push(...queued);

    // Meanwhile the side panel's draft is edited in the dashboard, several times.
    const form = await dashA.openDraft(RECRUITER);
    const finalBody = `Hi Marisol,\n\nthe version that must arrive — ünïcode ✓ ${randomBytes(3).toString('hex')}`;
    for (const [i, text] of ['second version', 'third version', finalBody].entries()) {
      await form.getByTestId('form-body').fill(text);
      await form.getByTestId('form-company').fill(`Brightline Freight ${i}`);
      await pageA.waitForTimeout(700);
    }
    // How many pushes the edits make depends on the timing (edits made while a push is out go in
    // the next one): edit on until every push fault of the plan has been met, then set the
    // subject that must arrive.
    const pushes = /sync\.push/;
    for (let i = 0, end = Date.now() + 60_000; proxy.pending(pushes) > 0 && Date.now() < end; i++) {
      await form.getByTestId('form-subject').fill(`Following up (${i})`);
      await pageA.waitForTimeout(700);
    }
    await form.getByTestId('form-subject').fill('Following up on Payments');
    await pageA.waitForTimeout(700);

    // Everything queued goes out; the extension keeps going by itself (no Retry clicked).
    await until(
      'every queued e-mail at the SMTP server',
      () => queued.slice(0, QUEUED).every((_, i) => smtp.to(`r${i}@corp.example`).length >= 1),
      90_000,
    ).catch(async (e) => {
      await screenshot(pageA, 'network-faults-sends-stuck');
      throw new Error(`${String(e)}\napplied: ${JSON.stringify(proxy.applied)}`);
    });
    await until(
      'A synced with nothing waiting',
      async () => {
        const s = await dashA.syncStatus();
        return s.state === 'synced' && !/waiting/.test(s.text);
      },
      90_000,
    ).catch(async (e) => {
      await screenshot(pageA, 'network-faults-sync-stuck');
      throw new Error(`${String(e)}\napplied: ${JSON.stringify(proxy.applied)}`);
    });

    // the draft as A left it: on the server and in B
    const serverDraft = await until('the draft on the server', async () => {
      const d = await inspect.prisma.draft.findFirst({ where: { recipientName: RECRUITER } });
      return d?.emailBody === finalBody ? d : null;
    });
    expect(serverDraft).toMatchObject({
      emailSubject: 'Following up on Payments',
      companyName: 'Brightline Freight 2',
      deletedAt: null,
    });
    const formB = await dashB.openDraft(RECRUITER);
    await until(
      'the draft in B',
      async () => (await formB.getByTestId('form-body').inputValue()) === finalBody,
    );
    expect(await formB.getByTestId('form-subject').inputValue()).toBe('Following up on Payments');
    expect(await formB.getByTestId('form-company').inputValue()).toBe('Brightline Freight 2');

    // Every fault of the plan was met (the sends' cuts after the server committed included).
    expect(proxy.pending(), JSON.stringify(proxy.applied)).toBe(0);
    const cutSends = proxy.applied.filter(
      (f) => sendPath.test(f.path) && (f.kind === 'cut-response' || f.kind === 'no-response'),
    );
    expect(cutSends.map((f) => f.upstreamStatus)).toEqual([200, 200, 200]);

    // Exactly one history row per send …
    const userId = (await inspect.prisma.user.findFirstOrThrow({ where: { email: user.email } })).id;
    const rows = await inspect.prisma.outreachHistory.findMany({
      where: { userId },
      select: { sendId: true, status: true, channel: true },
    });
    expect(rows).toHaveLength(QUEUED + 1);
    expect(new Set(rows.map((r) => r.sendId)).size).toBe(rows.length);
    for (const id of sendIds) {
      expect(
        rows.filter((r) => r.sendId === id),
        `send ${id}`,
      ).toEqual([expect.objectContaining({ status: 'sent' })]);
    }
    // …and every e-mail counted once by the SMTP server, with its send's Message-ID
    for (let i = 0; i < QUEUED; i++) {
      const got = smtp.to(`r${i}@corp.example`);
      expect(got, `e-mail ${i}`).toHaveLength(1);
      expect(messageIdOf(got[0]!.raw)).toBe(messageIdFor(userId, sendIds[i]!, SMTP_FROM));
    }
    expect(smtp.messages).toHaveLength(QUEUED);

    // A's own view agrees: every queued send says "sent", the status line says synced
    await dashA.go('overview');
    await until('A lists every send', async () => (await dashA.attemptRows().count()) === QUEUED + 1);
    const statuses = (await dashA.attempts()).map((r) => r.at(-1));
    expect(statuses).toEqual(Array(QUEUED + 1).fill('sent'));
    expect((await dashA.syncStatus()).state).toBe('synced');
    await screenshot(pageA, 'network-faults-dashboard-after');
  });
  it('a change whose push or pull was lost goes again by itself, long before the minute’s alarm', async () => {
    // Nothing else happens meanwhile (no send, no poke): only the extension itself can retry,
    // and it must not wait for the next periodic sync (a minute) to do so.
    const formA = await dashA.openDraft(RECRUITER);
    proxy.plan(/sync\.push/, [{ kind: 'drop' }]);
    const pushed = `Pushed after a lost request ${randomBytes(3).toString('hex')}`;
    await formA.getByTestId('form-job-title').fill(pushed);
    const t0 = Date.now();
    await until(
      'A’s change on the server',
      async () => {
        const d = await inspect.prisma.draft.findFirst({ where: { recipientName: RECRUITER } });
        return d?.jobTitle === pushed;
      },
      RETRIED_WITHIN_MS,
    );
    const pushMs = Date.now() - t0;
    expect(proxy.applied.at(-1)).toMatchObject({ kind: 'drop' });

    // B's change: its poke reaches A, A's pull is cut mid-way
    proxy.plan(/sync\.pull/, [{ kind: 'cut-response' }]);
    const formB = await dashB.openDraft(RECRUITER);
    const pulled = `Pulled after a cut answer ${randomBytes(3).toString('hex')}`;
    await pageB.bringToFront();
    await formB.getByTestId('form-linkedin').fill(pulled);
    await pageA.bringToFront();
    const t1 = Date.now();
    await until(
      'B’s change in A',
      async () => (await formA.getByTestId('form-linkedin').inputValue()) === pulled,
      RETRIED_WITHIN_MS,
    );
    const pullMs = Date.now() - t1;
    expect(proxy.applied.at(-1)).toMatchObject({ kind: 'cut-response' });
    console.log(
      `network faults e2e: a lost push went again after ${pushMs} ms, a cut pull after ${pullMs} ms`,
    );
    await until('A synced', async () => (await dashA.syncStatus()).state === 'synced');
  });

  it('says in plain words that the server cannot be reached, and what happens next', async () => {
    const job = await a.context.newPage();
    await job.goto(JOB_URL);
    await panel.waitForPerson(RECRUITER);

    // the server goes out of reach: every connection is closed before it gets there
    proxy.setDefault({ kind: 'drop' });
    await panel.sendEmail();
    const status = panelPage.getByTestId('send-status-email');
    await status.filter({ hasText: 'Waiting for connection' }).waitFor({ timeout: 20_000 });
    const words = (await status.textContent()) ?? '';
    expect(words).toContain(`Can't reach the Reachlog server at ${proxy.url}`);
    expect(words).toContain("the e-mail will go out when it's back");
    expect(words).not.toMatch(/failed to fetch|TypeError|TRPC/i);

    // the status line says so too (no Retry clicked: the failed send made the sync find out)
    await pageA.bringToFront();
    await until('A offline', async () => (await dashA.syncStatus()).state === 'offline');
    const sync = (await pageA.getByTestId('sync-status').textContent()) ?? '';
    expect(sync).toContain(`Can't reach the Reachlog server at ${proxy.url}`);
    expect(sync).toMatch(/changes? (is|are) kept on this computer/);
    expect(sync).not.toMatch(/failed to fetch|TypeError/i);
    await screenshot(panelPage, 'network-faults-sidepanel-unreachable');
    await screenshot(pageA, 'network-faults-dashboard-unreachable');

    // back: the send goes out, once
    proxy.heal();
    await panelPage.bringToFront();
    const retry = status.getByRole('button', { name: 'Retry' });
    if (await retry.isVisible()) await retry.click({ timeout: 3_000 }).catch(() => undefined);
    await panelPage
      .locator('[data-testid="send-status-email"][data-state="sent"]')
      .waitFor({ timeout: 60_000 });
    await until('the e-mail at the SMTP server', () => smtp.to(RECRUITER_EMAIL).length === 1);
    await until('A synced', async () => (await dashA.syncStatus()).state === 'synced');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.to(RECRUITER_EMAIL)).toHaveLength(1);
    expect(await inspect.prisma.outreachHistory.count()).toBe(QUEUED + 2);
    await job.close();
  });
});
