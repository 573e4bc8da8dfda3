import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { newUser, tempServices, TEST_RELAY_FROM, type TempServices } from '../testing/temp-services';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink';
import { STALE_CLAIM_MS } from './outreach';

let sink: SmtpSink;
let t: TempServices;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await tempServices({ smtpUrl: sink.url });
}, 60_000);
afterAll(async () => {
  await t.close();
  await sink.close();
}, 60_000);
beforeEach(() => {
  sink.messages.length = 0;
  sink.refuseWith = null;
  sink.beforeReply = null;
});

const email = (sendId: string, extra: Record<string, unknown> = {}) => ({
  sendId,
  recipient: { name: 'Rita Recruiter', email: 'rita@corp.example' },
  jobTitle: 'Engineer',
  companyName: 'Corp',
  subject: 'Hello Rita',
  body: 'I would like to apply.',
  ...extra,
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('outreach.sendEmail', { timeout: 60_000 }, () => {
  it('sends once and records a sent row; the same sendId again returns the same row without sending', async () => {
    const u = await newUser(t.services);
    const row = await t.services.outreach.sendEmail(u.id, email('send-0001'));
    expect(row).toMatchObject({
      status: 'sent',
      channel: 'email',
      recipientEmail: 'rita@corp.example',
      error: null,
      draftId: null,
      jobUrl: null,
    });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.to).toEqual(['rita@corp.example']);
    expect(sink.messages[0]?.from).toBe(TEST_RELAY_FROM);
    expect(sink.messages[0]?.raw).toMatch(new RegExp(`^Reply-To: .*<${u.email}>`, 'm'));
    expect(sink.messages[0]?.raw).toContain('Subject: Hello Rita');

    const again = await t.services.outreach.sendEmail(u.id, email('send-0001'));
    expect(again).toEqual(row);
    expect(sink.messages).toHaveLength(1);
    expect((await t.services.stats.get(u.id)).totals).toEqual({ all: 1, email: 1, linkedin: 0, both: 0 });
  });

  it('concurrent duplicates send one e-mail and all get the same row', async () => {
    const u = await newUser(t.services);
    const rows = await Promise.all(
      Array.from({ length: 8 }, () => t.services.outreach.sendEmail(u.id, email('send-concurrent'))),
    );
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(sink.messages).toHaveLength(1);
    expect(await t.db.prisma.outreachHistory.count({ where: { userId: u.id } })).toBe(1);
  });

  it('an SMTP failure records a failed row with the error; a retry with the same sendId sends once and turns it sent', async () => {
    const u = await newUser(t.services);
    sink.refuseWith = 'Mailbox on fire';
    const err = await t.services.outreach.sendEmail(u.id, email('send-fail-1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_GATEWAY');
    expect((err as AppError).message).toMatch(/^Mail server refused: .*Mailbox on fire/);
    const [failed] = await t.services.history.latest(u.id);
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('Mailbox on fire') });
    expect((await t.services.stats.get(u.id)).totals.all).toBe(0);

    sink.refuseWith = null;
    const ok = await t.services.outreach.sendEmail(u.id, email('send-fail-1'));
    expect(ok).toMatchObject({ id: failed?.id, status: 'sent', error: null });
    await t.services.outreach.sendEmail(u.id, email('send-fail-1'));
    expect(sink.messages).toHaveLength(1);
    expect((await t.services.stats.get(u.id)).totals).toEqual({ all: 1, email: 1, linkedin: 0, both: 0 });
  });

  it('a fresh pending claim from another process answers CONFLICT; a stale one is taken over', async () => {
    const u = await newUser(t.services);
    const base = {
      userId: u.id,
      recipientName: 'Rita',
      recipientEmail: 'rita@corp.example',
      channel: 'email',
      status: 'pending',
      sentAt: new Date(),
    };
    await t.db.prisma.outreachHistory.create({
      data: { ...base, sendId: 'other-proc-1', claimedAt: new Date() },
    });
    expect(await codeOf(t.services.outreach.sendEmail(u.id, email('other-proc-1')))).toBe('CONFLICT');
    expect(sink.messages).toHaveLength(0);
    expect(await t.services.history.latest(u.id)).toEqual([]); // pending rows never leave the server

    await t.db.prisma.outreachHistory.create({
      data: { ...base, sendId: 'other-proc-2', claimedAt: new Date(Date.now() - STALE_CLAIM_MS - 1000) },
    });
    const row = await t.services.outreach.sendEmail(u.id, email('other-proc-2'));
    expect(row.status).toBe('sent');
    expect(sink.messages).toHaveLength(1);
  });

  it('two server processes on one database racing on one sendId send one e-mail', async () => {
    const second = await tempServices({ smtpUrl: sink.url, shareWith: t });
    try {
      const u = await newUser(t.services);
      const results = await Promise.allSettled([
        t.services.outreach.sendEmail(u.id, email('two-procs-1')),
        second.services.outreach.sendEmail(u.id, email('two-procs-1')),
        t.services.outreach.sendEmail(u.id, email('two-procs-1')),
        second.services.outreach.sendEmail(u.id, email('two-procs-1')),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled').map((r) => r.value.id);
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r.reason as AppError).code);
      expect(ok.length).toBeGreaterThan(0);
      expect(new Set(ok).size).toBe(1);
      expect(refused.every((c) => c === 'CONFLICT')).toBe(true);
      expect(sink.messages).toHaveLength(1);
      expect(await t.db.prisma.outreachHistory.count({ where: { userId: u.id } })).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('a send whose claim was taken over meanwhile does not count twice', async () => {
    const u = await newUser(t.services);
    // While our e-mail is on the wire, "another process" decides we died and re-claims the row.
    sink.beforeReply = async () => {
      await t.db.prisma.outreachHistory.updateMany({
        where: { userId: u.id, sendId: 'taken-over-1' },
        data: { claimedAt: new Date(Date.now() + 1000) },
      });
    };
    const err = await t.services.outreach.sendEmail(u.id, email('taken-over-1')).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(err?.code).toBe('CONFLICT');
    expect((await t.services.stats.get(u.id)).totals.all).toBe(0);
    expect(await t.services.stats.recompute(u.id)).toEqual({ all: 0, email: 0, linkedin: 0, both: 0 });
    const rows = await t.db.prisma.outreachHistory.findMany({ where: { userId: u.id } });
    expect(rows.map((r) => r.status)).toEqual(['pending']);
  });

  it('with no mail server anywhere: PRECONDITION_FAILED and nothing recorded', async () => {
    const bare = await tempServices();
    try {
      const u = await newUser(bare.services);
      const err = await bare.services.outreach.sendEmail(u.id, email('no-server-1')).catch((e: unknown) => e);
      expect((err as AppError).code).toBe('PRECONDITION_FAILED');
      expect((err as AppError).message).toBe(
        'No mail server configured: set SMTP_URL or your own SMTP settings',
      );
      expect(await bare.db.prisma.outreachHistory.count()).toBe(0);

      // A retry of a send that went out earlier (through settings since removed) still answers with its row.
      await bare.services.smtp.set(u.id, {
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        fromAddress: 'me@own.example',
      });
      const row = await bare.services.outreach.sendEmail(u.id, email('no-server-2'));
      await bare.services.smtp.clear(u.id);
      expect(await bare.services.outreach.sendEmail(u.id, email('no-server-2'))).toEqual(row);
    } finally {
      await bare.close();
    }
  });

  it('marks the given draft sent only when it belongs to the user', async () => {
    const a = await newUser(t.services);
    const b = await newUser(t.services);
    await t.services.drafts.upsert(a.id, { id: 'draft-of-a-1', recipient: { name: 'Rita' } });
    // Another user's draft, or one that does not exist: NOT_FOUND, nothing sent or recorded.
    expect(
      await codeOf(t.services.outreach.sendEmail(b.id, email('b-send-1', { draftId: 'draft-of-a-1' }))),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        t.services.outreach.recordLinkedIn(b.id, {
          sendId: 'b-send-2',
          draftId: 'draft-of-a-1',
          recipient: { name: 'Lars', linkedinUrl: 'https://www.linkedin.com/in/lars/' },
          message: 'Hi',
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(t.services.outreach.sendEmail(a.id, email('a-send-0', { draftId: 'no-such-draft' }))),
    ).toBe('NOT_FOUND');
    expect(sink.messages).toHaveLength(0);
    expect(await t.db.prisma.outreachHistory.count({ where: { userId: { in: [a.id, b.id] } } })).toBe(0);
    expect((await t.services.drafts.list(a.id))[0]?.status).toBe('draft');
    const row = await t.services.outreach.sendEmail(a.id, email('a-send-1', { draftId: 'draft-of-a-1' }));
    expect(row.draftId).toBe('draft-of-a-1');
    expect((await t.services.drafts.list(a.id))[0]?.status).toBe('sent');

    // A deleted (tombstoned) own draft is fine: the send is recorded with its id, the draft untouched.
    await t.services.drafts.upsert(a.id, { id: 'draft-of-a-2', recipient: { name: 'Rita' } });
    await t.services.drafts.delete(a.id, 'draft-of-a-2');
    const late = await t.services.outreach.sendEmail(a.id, email('a-send-2', { draftId: 'draft-of-a-2' }));
    expect(late).toMatchObject({ status: 'sent', draftId: 'draft-of-a-2' });
    const tomb = await t.db.prisma.draft.findUniqueOrThrow({ where: { id: 'draft-of-a-2' } });
    expect(tomb.status).toBe('draft');
    expect(tomb.deletedAt).toBeInstanceOf(Date);
  });
});

describe('outreach.recordLinkedIn', { timeout: 60_000 }, () => {
  const li = (sendId: string) => ({
    sendId,
    recipient: { name: 'Lars', linkedinUrl: 'https://www.linkedin.com/in/lars/' },
    jobUrl: 'https://www.linkedin.com/jobs/view/1234567/',
    message: 'Hi Lars',
  });

  it('records once per sendId, even concurrently, and counts it', async () => {
    const u = await newUser(t.services);
    const rows = await Promise.all(
      Array.from({ length: 6 }, () => t.services.outreach.recordLinkedIn(u.id, li('li-send-1'))),
    );
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(rows[0]).toMatchObject({
      channel: 'linkedin',
      status: 'sent',
      linkedinMessage: 'Hi Lars',
      recipientEmail: null,
      emailSubject: null,
    });
    await t.services.outreach.recordLinkedIn(u.id, li('li-send-1'));
    expect(await t.db.prisma.outreachHistory.count({ where: { userId: u.id } })).toBe(1);
    expect((await t.services.stats.get(u.id)).totals).toEqual({ all: 1, email: 0, linkedin: 1, both: 0 });
    expect(sink.messages).toHaveLength(0);
  });

  it('the same sendId for two users is two rows', async () => {
    const a = await newUser(t.services);
    const b = await newUser(t.services);
    const ra = await t.services.outreach.recordLinkedIn(a.id, li('shared-send-id'));
    const rb = await t.services.outreach.recordLinkedIn(b.id, li('shared-send-id'));
    expect(ra.id).not.toBe(rb.id);
  });
});

describe('stats never drift from history', { timeout: 60_000 }, () => {
  it('counters equal a recount after a mixed run of sends, retries, failures and duplicates', async () => {
    const u = await newUser(t.services);
    await t.services.drafts.upsert(u.id, {
      id: 'drift-draft-1',
      recipient: { name: 'Bo', email: 'bo@x.example', linkedinUrl: 'https://www.linkedin.com/in/bo/' },
      emailSubject: 'S',
      emailBody: 'B',
      linkedinMessage: 'M',
    });
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      const id = `drift-${i % 12}`;
      if (i % 3 === 0) ops.push(t.services.outreach.sendEmail(u.id, email(`${id}-e`)));
      else if (i % 3 === 1)
        ops.push(
          t.services.outreach.recordLinkedIn(u.id, {
            sendId: `${id}-l`,
            recipient: { name: 'L', linkedinUrl: 'https://www.linkedin.com/in/l/' },
            message: 'm',
          }),
        );
      else
        ops.push(
          t.services.drafts.send(u.id, {
            draftId: 'drift-draft-1',
            sendId: `${id}-d`,
            email: true,
            linkedinSent: true,
          }),
        );
    }
    sink.refuseWith = null;
    await Promise.allSettled(ops);
    // one failure, then its retry
    sink.refuseWith = 'nope';
    await t.services.outreach.sendEmail(u.id, email('drift-failing')).catch(() => {});
    sink.refuseWith = null;
    await t.services.outreach.sendEmail(u.id, email('drift-failing'));

    const stats = await t.services.stats.get(u.id);
    expect(stats.totals).toEqual(await t.services.stats.recompute(u.id));
    expect(stats.totals.all).toBe(
      await t.db.prisma.outreachHistory.count({ where: { userId: u.id, status: 'sent' } }),
    );
    expect(stats.totals.both).toBeGreaterThan(0);
    expect(stats.last7Days).toBe(stats.totals.all);
  });
});
