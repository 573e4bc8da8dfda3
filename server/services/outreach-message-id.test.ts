// Issue 8, finding 9: SMTP cannot promise exactly once — a mail server may store a message and
// then fail, or the Reachlog server may die before the "250" arrives — and the retry sends it
// again. Its harm is closed by making every attempt of a send the same message: one
// Message-ID, derived from the user and the send id, which mail stores and clients use to
// collapse duplicates. And a send that stalls is cut off at the SMTP deadline, so its claim is
// provably dead after it (the stale-claim limit), not after minutes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { newUser, tempServices, TEST_RELAY_FROM, type TempServices } from '../testing/temp-services';
import { messageIdOf, startFaultySmtp, type FaultySmtp } from '../testing/faulty-smtp';
import { messageIdFor } from './mailer';
import { staleClaimMs } from './outreach';

/** The stall test's deadline: short, so it runs quickly. */
const SMTP_TIMEOUT_MS = 1_500;
let smtp: FaultySmtp;
let t: TempServices;
/** A second server process on the same database, with the short deadline. */
let quick: TempServices;
beforeAll(async () => {
  smtp = await startFaultySmtp();
  // the default deadline: a loaded machine must not turn a normal send into a timeout
  t = await tempServices({ smtpUrl: smtp.url });
  quick = await tempServices({ smtpUrl: smtp.url, smtpTimeoutMs: SMTP_TIMEOUT_MS, shareWith: t });
}, 60_000);
afterAll(async () => {
  await quick?.close();
  await t?.close();
  await smtp?.close();
}, 60_000);
beforeEach(async () => {
  await smtp.setFault('accept');
  smtp.received.length = 0;
  smtp.accepted.length = 0;
});

const email = (sendId: string) => ({
  sendId,
  recipient: { name: 'Rita', email: 'rita@corp.example' },
  subject: 'Hello',
  body: 'Body',
});

describe('one send, one message', { timeout: 60_000 }, () => {
  it('the mail server stored the message but failed: the retry is the same message (same Message-ID)', async () => {
    const u = await newUser(t.services);
    await smtp.setFault('store-then-temporary');
    await expect(t.services.outreach.sendEmail(u.id, email('stored-1'))).rejects.toBeInstanceOf(AppError);
    await smtp.setFault('accept');
    const row = await t.services.outreach.sendEmail(u.id, email('stored-1'));
    expect(row.status).toBe('sent');

    // The window SMTP leaves open: the server kept both copies…
    expect(smtp.received).toHaveLength(2);
    // …but they are one message to every mail store and client.
    const ids = smtp.received.map(messageIdOf);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toBe(messageIdFor(u.id, 'stored-1', TEST_RELAY_FROM));
  });

  it('the Message-ID is the same for a user and send id, and differs across send ids and users', async () => {
    const [a, b] = [await newUser(t.services), await newUser(t.services)];
    await t.services.outreach.sendEmail(a.id, email('same-send-id'));
    await t.services.outreach.sendEmail(b.id, email('same-send-id'));
    await t.services.outreach.sendEmail(a.id, email('other-send-id'));
    const ids = smtp.accepted.map(messageIdOf);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toMatch(/^<[a-z0-9]+@relay\.example>$/);
    expect(messageIdFor(a.id, 'same-send-id', TEST_RELAY_FROM)).toBe(ids[0]);
  });

  it('a send that stalls mid-DATA is cut off within the SMTP deadline, recorded failed, and its claim let go', async () => {
    const u = await newUser(t.services);
    await smtp.setFault('stall-mid-data');
    const started = Date.now();
    const err = await quick.services.outreach.sendEmail(u.id, email('stall-1')).catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((err as Error).message).toMatch(/stopped answering/);
    // the whole attempt, not only one idle period, is bounded (slack for a loaded machine; it
    // took 30 s before)
    expect(took).toBeLessThan(SMTP_TIMEOUT_MS + 5_000);
    const row = await t.db.prisma.outreachHistory.findFirstOrThrow({ where: { userId: u.id } });
    expect(row).toMatchObject({ status: 'failed', claimedAt: null, mailedAt: null });
    expect(row.error).toMatch(/stopped answering/);
    // a claim older than the deadline plus a margin for the database write is provably dead
    expect(staleClaimMs(SMTP_TIMEOUT_MS)).toBeGreaterThan(SMTP_TIMEOUT_MS);
  });

  it('an interrupted send (a fresh claim nobody here is working on) says what is happening', async () => {
    const u = await newUser(t.services);
    await t.db.prisma.outreachHistory.create({
      data: {
        userId: u.id,
        sendId: 'interrupted-1',
        recipientName: 'Rita',
        recipientEmail: 'rita@corp.example',
        channel: 'email',
        status: 'pending',
        sentAt: new Date(),
        claimedAt: new Date(),
      },
    });
    const err = await t.services.outreach.sendEmail(u.id, email('interrupted-1')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect((err as Error).message).toMatch(/interrupted.*not sent twice/);
    expect(smtp.received).toHaveLength(0);
  });
});
