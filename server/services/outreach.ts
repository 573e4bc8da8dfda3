// Sending and recording outreach. One send action = one outreach_history row, made idempotent by
// the client's sendId (unique per user):
//   - existing sent row        → returned as is, nothing sent again;
//   - existing failed row      → claimed (failed → pending, atomically) and tried again;
//   - no row                   → inserted as pending (the unique index settles races between
//                                 processes), then sent;
//   - pending row, fresh claim → another request is sending it: the same process waits for it
//                                 (in-flight map), another process answers CONFLICT;
//   - pending row, stale claim → the process that claimed it died; taken over.
// The moment the mail server accepts the e-mail, `mailed_at` is written: a row that has it is
// never sent again (a takeover or a retry only completes it as sent), so dying, or failing to
// write, after SMTP accepted cannot lead to a second e-mail. Claim times come from the
// database's clock, so processes with different clocks judge staleness alike. A claim is made
// only once a sending slot is free and the send has a hard deadline (mailer.ts), so a live
// claim is never older than that deadline plus the database writes around it: older ones are
// dead (staleClaimMs). What SMTP leaves open — the mail server took the message, but its "250"
// never arrived (it failed, or we died) — sends it again on the retry, as the same message:
// every attempt carries one Message-ID (messageIdFor), by which mail stores collapse copies.
// After the send, one transaction marks the row sent (or failed), bumps the user's stats and
// marks the draft sent, so stats and history never disagree.
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { THistoryRow, TChannel, TSendFields } from '../../shared/schemas/history';
import type { TOutreachContent } from '../../shared/schemas/outreach-content';
import type { ZRecordLinkedInInput, ZSendEmailInput } from '../../shared/schemas/outreach';
import { AppError, notFound } from '../errors';
import type { Database, Tx } from '../db/client';
import { messageIdFor, SMTP_TIMEOUT_MS, type Mailer, type MailRoute, type OutgoingMail } from './mailer';
import { mailFault } from './mail-faults';
import { historyRowSelect, STATS_FIELD, toHistoryRow } from './history-row';
import { isUniqueViolation } from './prisma-errors';
import { nextVersion } from './versions';
import type { SendLimiter } from './send-limits';
import type { ChangeFeed } from './change-feed';

/**
 * Time allowed, on top of the SMTP deadline, for the database writes of a live claim (the claim
 * itself, `mailed_at` after the mail server accepted); SQLite's busy timeout is 10 s.
 */
export const CLAIM_MARGIN_MS = 15_000;

/** A pending claim older than this belongs to a process that died mid-send. */
export function staleClaimMs(smtpTimeoutMs: number): number {
  return smtpTimeoutMs + CLAIM_MARGIN_MS;
}

/** The stale-claim limit with the default SMTP deadline (65 s). */
export const STALE_CLAIM_MS = staleClaimMs(SMTP_TIMEOUT_MS);

/** What a message is and who it is to: the fields a draft and a history row share (one zod schema). */
export type OutreachContent = TOutreachContent;

/** What a history row records about one send action. */
export type SendFields = TSendFields;

export type SendEmailInput = z.output<typeof ZSendEmailInput>;
export type RecordLinkedInInput = z.output<typeof ZRecordLinkedInInput>;

/** A pending row this call owns: its id, the claimed_at it wrote, and whether it was mailed. */
interface Claim {
  id: number;
  at: Date;
  /** When an earlier attempt's e-mail was accepted; such a claim only completes the row. */
  mailedAt: Date | null;
}

/** +1 on the user's counters for one sent row of this channel. */
function statsUpsert(userId: string, channel: TChannel) {
  const field = STATS_FIELD[channel];
  return {
    where: { userId },
    create: { userId, totalAll: 1, [field]: 1 },
    update: { totalAll: { increment: 1 }, [field]: { increment: 1 } },
  };
}

export function createOutreachService(deps: {
  db: Database;
  mailer: Mailer;
  sendLimiter: SendLimiter;
  log: Logger;
  changes?: ChangeFeed;
}) {
  const { db, mailer, sendLimiter, changes } = deps;
  const prisma = db.prisma;
  const inFlight = new Map<string, Promise<THistoryRow>>();
  const staleAfterMs = staleClaimMs(mailer.sendTimeoutMs);

  async function findBySendId(userId: string, sendId: string) {
    return prisma.outreachHistory.findUnique({
      where: { userId_sendId: { userId, sendId } },
      select: { ...historyRowSelect, claimedAt: true, mailedAt: true },
    });
  }

  /** The database's clock (ms precision), so every process judges claim ages alike. */
  async function dbNow(): Promise<Date> {
    const sql =
      db.kind === 'sqlite'
        ? "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS now"
        : 'SELECT clock_timestamp() AS now';
    const [row] = await prisma.$queryRawUnsafe<{ now: string | Date }[]>(sql);
    const now = new Date(row?.now ?? Date.now());
    return Number.isNaN(now.getTime()) ? new Date() : now;
  }

  /**
   * Marks our claimed row sent, bumps stats and the draft: one transaction. If the claim was
   * taken over meanwhile (we looked dead), the row is left to its new owner and nothing is counted.
   */
  async function completeSent(tx: Tx, userId: string, claim: Claim, fields: SendFields, sentAt: Date) {
    const version = await nextVersion(tx, userId);
    const won = await tx.outreachHistory.updateMany({
      where: { id: claim.id, status: 'pending', claimedAt: claim.at },
      data: { status: 'sent', error: null, sentAt, claimedAt: null, version },
    });
    const row = await tx.outreachHistory.findUniqueOrThrow({
      where: { id: claim.id },
      select: historyRowSelect,
    });
    if (won.count === 0) {
      if (row.status === 'sent') return toHistoryRow(row);
      // Another request took the row over (we looked dead) and it is still at it, or it failed
      // there: not a success to report. A retry completes it without a second e-mail.
      throw new AppError(
        'CONFLICT',
        row.status === 'pending'
          ? 'This send is being completed by another request; check your history shortly'
          : 'This send was taken over by another request, which failed; try again',
      );
    }
    await countSent(tx, userId, fields, sentAt);
    return toHistoryRow(row);
  }

  /** What goes with a row becoming sent, in its transaction: the stats, and the draft. */
  async function countSent(tx: Tx, userId: string, fields: SendFields, sentAt: Date) {
    await tx.userStats.upsert(statsUpsert(userId, fields.channel));
    if (fields.draftId) await markDraftSent(tx, userId, fields.draftId, sentAt);
  }

  async function markDraftSent(tx: Tx, userId: string, draftId: string, at: Date) {
    const draft = await tx.draft.findFirst({
      where: { id: draftId, userId, deletedAt: null },
      select: { id: true },
    });
    if (!draft) return; // another user's or a deleted draft: the send is still recorded
    const version = await nextVersion(tx, userId);
    await tx.draft.update({ where: { id: draftId }, data: { status: 'sent', updatedAt: at, version } });
  }

  /**
   * No-mail fast path: a new row goes in straight as sent, with stats and draft, in one
   * transaction and without a prior lookup. Null when the sendId exists already.
   */
  async function insertSent(userId: string, sendId: string, fields: SendFields): Promise<THistoryRow | null> {
    const now = new Date();
    // SQLite: the same effects as below as one synchronous transaction (server/db/sqlite-fast-path.ts).
    const quick = db.fast?.insertSent(userId, sendId, fields, now);
    if (quick !== undefined) return quick;
    const data = { ...fields, userId, sendId, status: 'sent', sentAt: now };
    try {
      return await prisma.$transaction(async (tx) => {
        const version = await nextVersion(tx, userId);
        const row = await tx.outreachHistory.create({ data: { ...data, version }, select: historyRowSelect });
        await countSent(tx, userId, fields, now);
        return toHistoryRow(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) return null; // recorded before: take the general path
      throw err;
    }
  }

  /** Returns the id of a row this call now owns (status pending), or a finished row. */
  async function claim(
    userId: string,
    sendId: string,
    fields: SendFields,
  ): Promise<{ claimed: Claim } | { done: THistoryRow }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await findBySendId(userId, sendId);
      const now = await dbNow();
      if (!existing) {
        try {
          const created = await prisma.outreachHistory.create({
            data: { ...fields, userId, sendId, status: 'pending', sentAt: now, claimedAt: now },
            select: { id: true },
          });
          return { claimed: { id: created.id, at: now, mailedAt: null } };
        } catch (err) {
          if (isUniqueViolation(err)) continue; // a concurrent insert won; look again
          throw err;
        }
      }
      if (existing.status === 'sent') return { done: toHistoryRow(existing) };
      const age = existing.claimedAt ? now.getTime() - existing.claimedAt.getTime() : Infinity;
      if (existing.status === 'pending' && age <= staleAfterMs) {
        // Not ours (ours would be in `inFlight`): another process is sending it, or one died
        // doing so. Whether the mail server got it cannot be known before the claim expires.
        const wait = Math.max(1, Math.ceil((staleAfterMs - age) / 1000));
        throw new AppError(
          'CONFLICT',
          `This send was interrupted or is still going out: it is finished once it is certain it was not sent twice (within ${wait} s)`,
        );
      }
      // failed, or a stale pending claim: take it over only if nobody else did in between. A
      // mailed row keeps what was mailed: it is only completed, never sent again.
      const mailed = existing.mailedAt != null;
      const taken = await prisma.outreachHistory.updateMany({
        where: { id: existing.id, status: existing.status, claimedAt: existing.claimedAt },
        data: { ...(mailed ? {} : fields), status: 'pending', claimedAt: now, error: null },
      });
      if (taken.count === 1) return { claimed: { id: existing.id, at: now, mailedAt: existing.mailedAt } };
    }
    throw new AppError('CONFLICT', 'This send is already in progress; try again in a moment');
  }

  async function deliverNow(
    userId: string,
    sendId: string,
    fields: SendFields,
    mail: OutgoingMail | null,
  ): Promise<THistoryRow> {
    if (!mail) {
      const row = await insertSent(userId, sendId, fields);
      if (row) return row;
    }
    const existing = await findBySendId(userId, sendId);
    if (existing?.status === 'sent') return toHistoryRow(existing);
    // Resolve where mail goes before recording anything: no mail server → nothing to record.
    const route: MailRoute | null = mail ? await mailer.route(userId) : null;
    // Counted before the claim, so a refused send leaves no row; given back if nothing is sent.
    if (mail) await sendLimiter.take(userId);
    // A free connection first: the claim's life is the send itself, not the wait for a slot.
    const release = route ? await mailer.reserve(route) : null;
    let own: Claim;
    try {
      let claimed: Awaited<ReturnType<typeof claim>>;
      try {
        claimed = await claim(userId, sendId, fields);
      } catch (err) {
        if (mail) await sendLimiter.giveBack(userId);
        throw err;
      }
      if ('done' in claimed) {
        if (mail) await sendLimiter.giveBack(userId);
        return claimed.done;
      }
      own = claimed.claimed;
      if (own.mailedAt && mail) await sendLimiter.giveBack(userId);
      if (mail && route && !own.mailedAt) {
        try {
          await mailer.send(route, { ...mail, messageId: messageIdFor(userId, sendId, route.from.address) });
        } catch (err) {
          const fault = mailFault(err, route, mailer.sendTimeoutMs);
          // failed is a state clients see: it takes a change version (sync pulls by it)
          await prisma.$transaction(async (tx) => {
            const version = await nextVersion(tx, userId);
            await tx.outreachHistory.updateMany({
              where: { id: own.id, status: 'pending', claimedAt: own.at },
              data: { status: 'failed', error: fault.message, claimedAt: null, version },
            });
          });
          // Temporary faults are retried by the client (with backoff); permanent ones need the user.
          throw new AppError(fault.temporary ? 'SERVICE_UNAVAILABLE' : 'BAD_GATEWAY', fault.message, {
            cause: err,
          });
        }
        // Accepted: from here on this row must never be mailed again, whatever happens next. Not
        // tied to our claim: even if another request took the row over, the e-mail went out.
        await prisma.outreachHistory.update({ where: { id: own.id }, data: { mailedAt: await dbNow() } });
      }
    } finally {
      release?.();
    }
    const sentAt = own.mailedAt ?? new Date();
    return prisma.$transaction((tx) => completeSent(tx, userId, own, fields, sentAt));
  }

  /**
   * Sends (when `mail` is given) and records one send action, exactly once per (user, sendId).
   * Concurrent calls with the same key in this process share one attempt.
   */
  function deliver(userId: string, sendId: string, fields: SendFields, mail: OutgoingMail | null) {
    const key = `${userId}\u0000${sendId}`;
    const running = inFlight.get(key);
    if (running) return running;
    const p = deliverNow(userId, sendId, fields, mail).finally(() => {
      inFlight.delete(key);
      // sent or failed, the user's other browsers pull the row
      changes?.notify(userId);
    });
    inFlight.set(key, p);
    return p;
  }

  /**
   * A draftId given with a send must be one of the user's drafts (a deleted one too: history
   * outlives drafts). Anything else is NOT_FOUND rather than stored as a dangling reference.
   */
  async function assertOwnDraft(userId: string, draftId: string | undefined) {
    if (!draftId) return;
    const draft = await prisma.draft.findFirst({ where: { id: draftId, userId }, select: { id: true } });
    if (!draft) throw notFound('Draft');
  }

  /** A follow-up names one of the user's own sent rows; anything else is NOT_FOUND. */
  async function ownFollowUpOf(userId: string, id: number | undefined): Promise<number | null> {
    if (id === undefined) return null;
    const row = await prisma.outreachHistory.findFirst({
      where: { id, userId, status: 'sent' },
      select: { id: true },
    });
    if (!row) throw notFound('The message this follows up');
    return row.id;
  }

  /**
   * The LinkedIn half of a both-channel send completes the row its e-mail half made (same send
   * id): the e-mail row becomes `both`, with the LinkedIn message, in one transaction that also
   * moves its count from e-mail to both. Idempotent: a row already `both` is returned as is.
   */
  async function completeBoth(
    userId: string,
    rowId: number,
    linkedin: { linkedinMessage: string; recipientLinkedinUrl: string },
  ): Promise<THistoryRow> {
    const row = await prisma.$transaction(async (tx) => {
      const version = await nextVersion(tx, userId);
      const won = await tx.outreachHistory.updateMany({
        where: { id: rowId, userId, status: 'sent', channel: 'email' },
        data: { channel: 'both', ...linkedin, version },
      });
      if (won.count === 1) {
        await tx.userStats.update({
          where: { userId },
          data: { [STATS_FIELD.email]: { decrement: 1 }, [STATS_FIELD.both]: { increment: 1 } },
        });
      }
      return tx.outreachHistory.findUniqueOrThrow({ where: { id: rowId }, select: historyRowSelect });
    });
    changes?.notify(userId);
    return toHistoryRow(row);
  }

  return {
    deliver,
    ownFollowUpOf,
    completeBoth,

    /** The finished row for a sendId, if there is one (to answer retries before re-validating). */
    async findSent(userId: string, sendId: string): Promise<THistoryRow | null> {
      const row = await findBySendId(userId, sendId);
      return row && row.status === 'sent' ? toHistoryRow(row) : null;
    },

    async sendEmail(userId: string, input: SendEmailInput): Promise<THistoryRow> {
      await assertOwnDraft(userId, input.draftId);
      const fields: SendFields = {
        channel: 'email',
        recipientName: input.recipient.name,
        recipientEmail: input.recipient.email,
        recipientLinkedinUrl: input.recipient.linkedinUrl ?? null,
        jobTitle: input.jobTitle || null,
        companyName: input.companyName || null,
        jobUrl: input.jobUrl ?? null,
        emailSubject: input.subject,
        emailBody: input.body,
        linkedinMessage: null,
        template: input.template ?? null,
        templateId: input.templateId ?? null,
        draftId: input.draftId ?? null,
        followUpOf: await ownFollowUpOf(userId, input.followUpOf),
      };
      return deliver(userId, input.sendId, fields, {
        to: { name: input.recipient.name, address: input.recipient.email },
        subject: input.subject,
        text: input.body,
      });
    },

    async recordLinkedIn(userId: string, input: RecordLinkedInInput): Promise<THistoryRow> {
      await assertOwnDraft(userId, input.draftId);
      const fields: SendFields = {
        channel: 'linkedin',
        recipientName: input.recipient.name,
        recipientEmail: null,
        recipientLinkedinUrl: input.recipient.linkedinUrl,
        jobTitle: input.jobTitle || null,
        companyName: input.companyName || null,
        jobUrl: input.jobUrl ?? null,
        emailSubject: null,
        emailBody: null,
        linkedinMessage: input.message,
        template: input.template ?? null,
        templateId: input.templateId ?? null,
        draftId: input.draftId ?? null,
        followUpOf: await ownFollowUpOf(userId, input.followUpOf),
      };
      return deliver(userId, input.sendId, fields, null);
    },
  };
}

export type OutreachService = ReturnType<typeof createOutreachService>;
