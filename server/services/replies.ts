// Replies to the user's outreach. E-mail: `check` reads the user's mailbox over IMAP (imapflow)
// — only the In-Reply-To and References headers of messages that arrived since the last check,
// never a message's text — and marks each e-mail it answers replied (reply-match.ts). LinkedIn
// and by hand: `mark`. A row turning replied takes the user's next change version, so every
// browser pulls it (docs/pipeline.md).
//
// When: the extension calls `check` on its periodic sync alarm (and the user from the settings);
// at most once per `minIntervalMs` per user, so the call cannot be used to hammer a mail server.
import { ImapFlow } from 'imapflow';
import tls from 'node:tls';
import net from 'node:net';
import type { Logger } from 'pino';
import type { TReplyCheckResult } from '../../shared/schemas/imap';
import type { THistoryRow } from '../../shared/schemas/history';
import { AppError, notFound } from '../errors';
import type { Database } from '../db/client';
import type { SecretBox } from '../crypto/secret-box';
import type { ChangeFeed } from './change-feed';
import { historyRowSelect, toHistoryRow } from './history-row';
import { messageIdLocalPart } from './mailer';
import { matchReplies, type MailboxMessage } from './reply-match';
import { checkMailTarget, IMAP_PORTS, type HostResolver } from './smtp-target';
import { nextVersion } from './versions';

/** Default shortest time between two mailbox checks of one user. */
export const REPLY_CHECK_MIN_INTERVAL_MS = 60_000;
/** Sends older than this are not looked for any more (and bound the first check's search). */
const LOOK_BACK_MS = 180 * 24 * 3600 * 1000;
/** Messages read per check at most; the rest waits for the next check. */
const MAX_MESSAGES_PER_CHECK = 5000;

/** The sentence a user sees for a failed check (no credentials, no server internals). */
export function describeImapError(err: unknown, target: string): string {
  const e = err as { authenticationFailed?: boolean; tlsFailed?: boolean; code?: unknown; message?: unknown };
  if (e?.authenticationFailed)
    return `The mailbox (${target}) refused the login: check the user name and password`;
  if (e?.tlsFailed)
    return `The mailbox server (${target}) does not offer encryption (STARTTLS): Reachlog does not send your password unencrypted`;
  if (typeof e?.code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|ALTNAME/.test(e.code))
    return `Could not connect securely to the mailbox server (${target}): its certificate is not trusted`;
  if (e?.code === 'NoConnection' || e?.code === 'ETIMEOUT' || e?.code === 'ECONNREFUSED')
    return `Could not connect to the mailbox server (${target})`;
  if (typeof e?.message === 'string' && /mailbox|NONEXISTENT/i.test(e.message))
    return `The folder to read was not found in the mailbox (${target})`;
  return `Could not read the mailbox (${target})`;
}

export function createRepliesService(deps: {
  db: Database;
  secretBox: SecretBox;
  changes?: ChangeFeed | undefined;
  allowPrivate: boolean;
  resolve?: HostResolver | undefined;
  tlsCa?: string | undefined;
  minIntervalMs?: number | undefined;
  log: Logger;
}) {
  const prisma = deps.db.prisma;
  const minIntervalMs = deps.minIntervalMs ?? REPLY_CHECK_MIN_INTERVAL_MS;
  const trustedCa = deps.tlsCa ? [...tls.rootCertificates, deps.tlsCa] : null;
  const checking = new Map<string, Promise<TReplyCheckResult>>();

  /** Marks rows replied (each its own version); returns how many changed. */
  async function markRows(userId: string, replies: Map<number, Date>): Promise<number> {
    let changed = 0;
    for (const [id, at] of replies) {
      changed += await prisma.$transaction(async (tx) => {
        const version = await nextVersion(tx, userId);
        const r = await tx.outreachHistory.updateMany({
          where: { id, userId, status: 'sent', repliedAt: null },
          data: { repliedAt: at, version },
        });
        return r.count;
      });
    }
    if (changed > 0) deps.changes?.notify(userId);
    return changed;
  }

  async function readMailbox(
    userId: string,
    settings: NonNullable<Awaited<ReturnType<typeof prisma.imapSettings.findUnique>>>,
    sinceDate: Date,
  ): Promise<{ messages: MailboxMessage[]; uidValidity: string; lastUid: number }> {
    let password = '';
    try {
      password = settings.passwordEnc ? deps.secretBox.decrypt(settings.passwordEnc) : '';
    } catch {
      throw new AppError(
        'PRECONDITION_FAILED',
        'Your stored mailbox password cannot be decrypted (was REACHLOG_SECRET changed?). Enter it again in the settings.',
      );
    }
    // Checked on every connection, not only on save: the rules or the DNS answer may have changed.
    const { address } = await checkMailTarget(settings.host, settings.port, {
      allowPrivate: deps.allowPrivate,
      resolve: deps.resolve,
      ports: IMAP_PORTS,
    });
    const client = new ImapFlow({
      host: address,
      port: settings.port,
      // The login goes only over TLS: from the first byte, or STARTTLS required (never optional).
      secure: settings.secure,
      ...(settings.secure ? {} : { doSTARTTLS: true }),
      tls: {
        // Connect to the checked address; TLS still verifies the name the user gave.
        ...(address !== settings.host && !net.isIP(settings.host) ? { servername: settings.host } : {}),
        ...(trustedCa ? { ca: trustedCa } : {}),
      },
      auth: { user: settings.username, pass: password },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    // An error after connect (the server hangs up) must not become an unhandled 'error' event.
    client.on('error', (err: unknown) => deps.log.debug({ err, userId }, 'imap connection error'));
    try {
      await client.connect();
      const box = await client.mailboxOpen(settings.mailbox, { readOnly: true });
      const uidValidity = String(box.uidValidity);
      const sameBox = settings.uidValidity === uidValidity;
      let range: string | number[];
      if (sameBox) {
        range = `${settings.lastUid + 1}:*`;
      } else {
        // First check (or the folder was rebuilt): only what arrived since the oldest open send.
        const found = await client.search({ since: sinceDate }, { uid: true });
        range = found || [];
      }
      const messages: MailboxMessage[] = [];
      let lastUid = sameBox ? settings.lastUid : 0;
      if (typeof range === 'string' ? box.uidNext > settings.lastUid + 1 : range.length > 0) {
        for await (const msg of client.fetch(
          range,
          { uid: true, internalDate: true, headers: ['in-reply-to', 'references'] },
          { uid: true },
        )) {
          // `n:*` returns the newest message even when it is older than n.
          if (sameBox && msg.uid <= settings.lastUid) continue;
          lastUid = Math.max(lastUid, msg.uid);
          const at = msg.internalDate ? new Date(msg.internalDate) : new Date();
          messages.push({ headers: msg.headers?.toString('utf8') ?? '', receivedAt: at });
          if (messages.length >= MAX_MESSAGES_PER_CHECK) break;
        }
      }
      if (!sameBox) lastUid = Math.max(lastUid, box.uidNext - 1);
      return { messages, uidValidity, lastUid };
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  async function runCheck(userId: string): Promise<TReplyCheckResult> {
    const settings = await prisma.imapSettings.findUnique({ where: { userId } });
    if (!settings) return { checked: false, replied: 0, lastCheckedAt: null };
    const now = new Date();
    if (settings.lastCheckedAt && now.getTime() - settings.lastCheckedAt.getTime() < minIntervalMs) {
      return { checked: false, replied: 0, lastCheckedAt: settings.lastCheckedAt };
    }
    const open = await prisma.outreachHistory.findMany({
      where: {
        userId,
        status: 'sent',
        channel: { in: ['email', 'both'] },
        repliedAt: null,
        sentAt: { gte: new Date(now.getTime() - LOOK_BACK_MS) },
      },
      select: { id: true, sendId: true, sentAt: true },
    });
    const sends = new Map(open.map((r) => [messageIdLocalPart(userId, r.sendId), r.id]));
    const oldest = open.reduce((min, r) => (r.sentAt < min ? r.sentAt : min), now);
    const target = `${settings.host}:${settings.port}`;
    let read: Awaited<ReturnType<typeof readMailbox>>;
    try {
      // A day's margin: IMAP's SINCE compares dates only, in the server's time zone.
      read = await readMailbox(userId, settings, new Date(oldest.getTime() - 24 * 3600 * 1000));
    } catch (err) {
      if (err instanceof AppError && err.code !== 'BAD_GATEWAY') throw err;
      const message = describeImapError(err, target);
      await prisma.imapSettings.updateMany({
        where: { userId },
        data: { lastCheckedAt: now, lastError: message },
      });
      throw new AppError('BAD_GATEWAY', message, { cause: err });
    }
    const replied = await markRows(userId, matchReplies(read.messages, sends));
    await prisma.imapSettings.updateMany({
      where: { userId },
      data: { uidValidity: read.uidValidity, lastUid: read.lastUid, lastCheckedAt: now, lastError: null },
    });
    return { checked: true, replied, lastCheckedAt: now };
  }

  return {
    /** Reads the user's mailbox for replies (no-op without one, or when checked very recently). */
    check(userId: string): Promise<TReplyCheckResult> {
      // One check per user at a time: a second call while one runs shares its answer.
      let running = checking.get(userId);
      if (!running) {
        running = runCheck(userId).finally(() => checking.delete(userId));
        checking.set(userId, running);
      }
      return running;
    },

    /** Sets (a Date) or clears (null) when a sent row was answered: LinkedIn detection, by hand. */
    async mark(userId: string, id: number, repliedAt: Date | null): Promise<THistoryRow> {
      const row = await prisma.$transaction(async (tx) => {
        const version = await nextVersion(tx, userId);
        const r = await tx.outreachHistory.updateMany({
          where: { id, userId, status: 'sent' },
          data: { repliedAt, version },
        });
        if (r.count === 0) throw notFound('Sent message');
        return tx.outreachHistory.findUniqueOrThrow({ where: { id }, select: historyRowSelect });
      });
      deps.changes?.notify(userId);
      return toHistoryRow(row);
    },
  };
}

export type RepliesService = ReturnType<typeof createRepliesService>;
