// After the mail server accepted an e-mail, nothing may send it again: not a takeover of a claim
// whose process died, not a retry after the database write failed. `mailed_at` is the marker.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
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
  sink.beforeReply = null;
});

const email = (sendId: string) => ({
  sendId,
  recipient: { name: 'Rita', email: 'rita@corp.example' },
  subject: 'Hello',
  body: 'Body',
});

/** Makes every update that turns a history row `sent` fail, like a database write failing. */
async function breakCompletion(on: boolean) {
  const p = t.db.prisma;
  if (t.db.kind === 'sqlite') {
    await p.$executeRawUnsafe(
      on
        ? `CREATE TRIGGER fail_sent BEFORE UPDATE ON outreach_history WHEN NEW.status = 'sent'
           BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`
        : 'DROP TRIGGER fail_sent',
    );
  } else if (on) {
    await p.$executeRawUnsafe(`CREATE FUNCTION fail_sent() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'simulated write failure'; END $$ LANGUAGE plpgsql`);
    await p.$executeRawUnsafe(`CREATE TRIGGER fail_sent BEFORE UPDATE ON outreach_history
      FOR EACH ROW WHEN (NEW.status = 'sent') EXECUTE FUNCTION fail_sent()`);
  } else {
    await p.$executeRawUnsafe('DROP TRIGGER fail_sent ON outreach_history');
    await p.$executeRawUnsafe('DROP FUNCTION fail_sent()');
  }
}

describe('mailed_at', { timeout: 60_000 }, () => {
  it('is set once SMTP accepted; a normal send completes the row', async () => {
    const u = await newUser(t.services);
    await t.services.outreach.sendEmail(u.id, email('mark-1'));
    const row = await t.db.prisma.outreachHistory.findFirstOrThrow({ where: { userId: u.id } });
    expect(row.status).toBe('sent');
    expect(row.mailedAt).toBeInstanceOf(Date);
  });

  it('the DB write after SMTP accepted fails: a later retry (stale claim) completes it without a second e-mail', async () => {
    const u = await newUser(t.services);
    await breakCompletion(true);
    try {
      await expect(t.services.outreach.sendEmail(u.id, email('die-after-smtp'))).rejects.toThrow();
    } finally {
      await breakCompletion(false);
    }
    expect(sink.messages).toHaveLength(1);
    const pending = await t.db.prisma.outreachHistory.findFirstOrThrow({ where: { userId: u.id } });
    expect(pending.status).toBe('pending');
    expect(pending.mailedAt).toBeInstanceOf(Date);

    // The claim goes stale (as if the process had died), then the client retries.
    await t.db.prisma.outreachHistory.update({
      where: { id: pending.id },
      data: { claimedAt: new Date(Date.now() - STALE_CLAIM_MS - 60_000) },
    });
    const row = await t.services.outreach.sendEmail(u.id, email('die-after-smtp'));
    expect(row).toMatchObject({ id: pending.id, status: 'sent', error: null });
    expect(row.sentAt.getTime()).toBe(pending.mailedAt!.getTime());
    expect(sink.messages).toHaveLength(1);
    expect((await t.services.stats.get(u.id)).totals).toMatchObject({ all: 1, email: 1 });
  });

  it('a row another request turned failed meanwhile is not reported as sent', async () => {
    const u = await newUser(t.services);
    sink.beforeReply = async () => {
      // While our e-mail is at the mail server, another request took the row over and failed.
      await t.db.prisma.outreachHistory.updateMany({
        where: { userId: u.id },
        data: { status: 'failed', error: 'other request failed', claimedAt: null },
      });
    };
    const err = await t.services.outreach.sendEmail(u.id, email('turned-failed')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect((await t.services.stats.get(u.id)).totals.all).toBe(0);
    sink.beforeReply = null;

    // Our e-mail did go out (mailed_at): the retry completes the row and sends nothing.
    const row = await t.services.outreach.sendEmail(u.id, email('turned-failed'));
    expect(row.status).toBe('sent');
    expect(sink.messages).toHaveLength(1);
    expect((await t.services.stats.get(u.id)).totals.all).toBe(1);
  });
});
