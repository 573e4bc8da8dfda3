// Sends e-mail with nodemailer. Transport precedence: the user's own SMTP settings, else the
// server-wide SMTP_URL relay, else a clear PRECONDITION_FAILED. Transports are cached: the relay
// once (pooled), a user's transport until their settings change (keyed by updated_at, so a
// change made through another server process is noticed too).
import { createHash } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { AppError } from '../errors';
import type { Database } from '../db/client';
import type { SecretBox } from '../crypto/secret-box';
import { checkSmtpTarget, type HostResolver } from './smtp-target';

export interface MailAddress {
  name?: string | null;
  address: string;
}

export interface OutgoingMail {
  to: MailAddress;
  subject: string;
  text: string;
  /** The same for every attempt of one send (messageIdFor), so a resent copy is the same message. */
  messageId?: string;
}

/** Where a user's mail goes out from, resolved before anything is recorded. */
export interface MailRoute {
  transport: Transporter;
  from: MailAddress;
  replyTo: MailAddress | null;
  via: 'user' | 'server';
  /** `host:port` of the user's own server, named in connection errors (the relay's is not). */
  target: string | null;
}

export interface Mailer {
  /** The longest one send may take, from reserve() to the mail server's answer (or giving up). */
  readonly sendTimeoutMs: number;
  route(userId: string): Promise<MailRoute>;
  /**
   * Waits for one of the route's sending slots (as many as the relay pool has connections) and
   * returns its release. Taken before a send is claimed, so the wait for a free connection is
   * not part of the claim's life: a claim then lasts at most `sendTimeoutMs` plus the database
   * writes around it.
   */
  reserve(route: MailRoute): Promise<() => void>;
  send(route: MailRoute, mail: OutgoingMail): Promise<{ messageId: string }>;
  verify(route: MailRoute): Promise<void>;
  /** Forget a user's cached transport (their settings changed). */
  invalidate(userId: string): void;
  close(): void;
}

/** Default SMTP_TIMEOUT_MS: the longest one send may take. */
export const SMTP_TIMEOUT_MS = 50_000;

/**
 * nodemailer's timeouts as shares of the whole send's deadline (50 s: 10 s to connect, 10 s for
 * the greeting, 30 s of silence at any later step). They catch a dead or silent server early;
 * the deadline itself (an AbortSignal on each send) also stops a server that answers too slowly
 * to trip any of them, so no send outlives it.
 */
export function smtpTimeouts(totalMs: number) {
  return {
    connectionTimeout: Math.round(totalMs * 0.2),
    greetingTimeout: Math.round(totalMs * 0.2),
    socketTimeout: Math.round(totalMs * 0.6),
  };
}

/** Sends in flight per transport: the relay pool's connection count (maxConnections). */
const SENDS_IN_FLIGHT_PER_TRANSPORT = 4;

/**
 * The Message-ID of every attempt of one send: derived from the user and the send id only (and
 * the sender's domain, as mail servers expect), so a copy sent again after an interrupted
 * attempt is the same message, which mail stores and clients show once.
 */
export function messageIdFor(userId: string, sendId: string, senderAddress: string): string {
  const domain = /@([^@\s>]+)$/.exec(senderAddress)?.[1]?.toLowerCase() ?? 'reachlog.invalid';
  return `<${messageIdLocalPart(userId, sendId)}@${domain}>`;
}

/**
 * The part of a send's Message-ID before the @: it alone names the send (the domain is the
 * sender's, which may change), so reply detection matches on it (reply-match.ts).
 */
export function messageIdLocalPart(userId: string, sendId: string): string {
  return createHash('sha256')
    .update(`reachlog-send\u0000${userId}\u0000${sendId}`)
    .digest('hex')
    .slice(0, 40);
}

/** A counting semaphore: at most `size` holders, the others wait in arrival order. */
function slots(size: number) {
  let free = size;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  const holder = () => {
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      release();
    };
  };
  return (): Promise<() => void> => {
    if (free > 0) {
      free -= 1;
      return Promise.resolve(holder());
    }
    return new Promise((resolve) => waiting.push(() => resolve(holder())));
  };
}
const MAX_CACHED_USER_TRANSPORTS = 200;

export const NO_MAIL_SERVER = 'No mail server configured: set SMTP_URL or your own SMTP settings';
export const RELAY_HAS_NO_SENDER = "The server's mail relay has no sender address: set SMTP_FROM";
export const emailNotConfirmed = (email: string) =>
  `Confirm your e-mail address first: enter the code sent to ${email} in Settings → Account (or use your own mail server).`;

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/**
 * The sender for mail through the relay: SMTP_FROM, else the relay login when it is an e-mail
 * address (what most relays accept as sender), else none. Never the account's e-mail: sign-up
 * does not prove the user owns it, and the relay would vouch for it.
 */
export function relaySender(smtpUrl: string, smtpFrom: string | undefined): string | null {
  if (smtpFrom) return smtpFrom;
  let user = '';
  try {
    user = decodeURIComponent(new URL(smtpUrl).username);
  } catch {
    return null;
  }
  return EMAIL.test(user) ? user : null;
}

export function createMailer(opts: {
  db: Database;
  secretBox: SecretBox;
  smtpUrl?: string | undefined;
  smtpFrom?: string | undefined;
  /** SMTP_ALLOW_PRIVATE=1: users' servers may be on any port and private addresses. */
  allowPrivateSmtp?: boolean | undefined;
  resolve?: HostResolver | undefined;
  /** A CA (PEM) trusted for mail servers on top of the system's (a private CA; the tests). */
  tlsCa?: string | undefined;
  /** The relay sends only for accounts whose e-mail address is confirmed (EMAIL_VERIFICATION). */
  requireVerifiedEmail?: boolean | undefined;
  /** SMTP_TIMEOUT_MS: the longest one send may take (default SMTP_TIMEOUT_MS). */
  timeoutMs?: number | undefined;
  log: Logger;
}): Mailer {
  const { db, secretBox } = opts;
  const sendTimeoutMs = opts.timeoutMs ?? SMTP_TIMEOUT_MS;
  const TIMEOUTS = smtpTimeouts(sendTimeoutMs);
  const sendingSlots = new WeakMap<Transporter, () => Promise<() => void>>();
  let relay: Transporter | null = null;
  const trustedCa = opts.tlsCa ? [...tls.rootCertificates, opts.tlsCa] : null;
  // A user's transport is kept until their settings change or the pinned address's DNS answer expires.
  const userTransports = new Map<string, { key: number; expiresAt: number; transport: Transporter }>();

  function relayTransport(): Transporter | null {
    if (!opts.smtpUrl) return null;
    relay ??= nodemailer.createTransport({
      url: opts.smtpUrl,
      pool: true,
      maxConnections: 4,
      ...(trustedCa ? { tls: { ca: trustedCa } } : {}),
      ...TIMEOUTS,
    } as never);
    return relay;
  }

  return {
    sendTimeoutMs,

    reserve(route) {
      let take = sendingSlots.get(route.transport);
      if (!take) sendingSlots.set(route.transport, (take = slots(SENDS_IN_FLIGHT_PER_TRANSPORT)));
      return take();
    },

    async route(userId) {
      const [settings, user] = await Promise.all([
        db.prisma.smtpSettings.findUnique({ where: { userId } }),
        db.prisma.user.findUnique({
          where: { id: userId },
          select: { email: true, name: true, emailVerified: true },
        }),
      ]);
      if (!user) throw new AppError('UNAUTHORIZED', 'Account not found');
      if (settings) {
        const key = settings.updatedAt.getTime();
        let cached = userTransports.get(userId);
        if (!cached || cached.key !== key || Date.now() >= cached.expiresAt) {
          cached?.transport.close();
          let password: string | undefined;
          try {
            password = settings.passwordEnc ? secretBox.decrypt(settings.passwordEnc) : undefined;
          } catch {
            throw new AppError(
              'PRECONDITION_FAILED',
              'Your stored SMTP password cannot be decrypted (was REACHLOG_SECRET changed?). Enter it again in the settings.',
            );
          }
          // Checked again here, not only on save: the rules or the DNS answer may have changed.
          const { address, ttlSeconds } = await checkSmtpTarget(settings.host, settings.port, {
            allowPrivate: Boolean(opts.allowPrivateSmtp),
            resolve: opts.resolve,
          });
          const transport = nodemailer.createTransport({
            host: address,
            port: settings.port,
            secure: settings.secure,
            // A password goes only over TLS: from the first byte (secure), else STARTTLS is
            // required — not offered (or stripped on the way) means no login is sent at all.
            requireTLS: Boolean(settings.username),
            tls: {
              // Connect to the checked address; TLS still verifies the name the user gave.
              ...(address !== settings.host && !net.isIP(settings.host) ? { servername: settings.host } : {}),
              ...(trustedCa ? { ca: trustedCa } : {}),
            },
            auth: settings.username ? { user: settings.username, pass: password ?? '' } : undefined,
            ...TIMEOUTS,
          });
          if (userTransports.size >= MAX_CACHED_USER_TRANSPORTS) {
            const oldest = userTransports.keys().next().value;
            if (oldest !== undefined) {
              userTransports.get(oldest)?.transport.close();
              userTransports.delete(oldest);
            }
          }
          cached = { key, expiresAt: Date.now() + ttlSeconds * 1000, transport };
          userTransports.set(userId, cached);
        }
        return {
          transport: cached.transport,
          from: { name: settings.fromName ?? user.name ?? null, address: settings.fromAddress },
          replyTo: null,
          via: 'user',
          target: `${settings.host}:${settings.port}`,
        };
      }
      const transport = relayTransport();
      if (!transport || !opts.smtpUrl) throw new AppError('PRECONDITION_FAILED', NO_MAIL_SERVER);
      const sender = relaySender(opts.smtpUrl, opts.smtpFrom);
      if (!sender) throw new AppError('PRECONDITION_FAILED', RELAY_HAS_NO_SENDER);
      // The account e-mail becomes Reply-To, so the relay vouches for it: only once it is proven.
      if (opts.requireVerifiedEmail && !user.emailVerified)
        throw new AppError('PRECONDITION_FAILED', emailNotConfirmed(user.email));
      // The relay sends as itself; replies reach the user through Reply-To.
      return {
        transport,
        from: { name: user.name || null, address: sender },
        replyTo: { name: user.name || null, address: user.email },
        via: 'server',
        target: null,
      };
    },

    async send(route, mail) {
      // Schemas refuse CR/LF in subjects and addresses; names are flattened here as a last guard.
      const flat = (s: string) => s.replace(/[\r\n]+/g, ' ');
      const addr = (a: MailAddress) => (a.name ? { name: flat(a.name), address: a.address } : a.address);
      const info = await route.transport.sendMail({
        from: addr(route.from),
        to: addr(mail.to),
        ...(route.replyTo ? { replyTo: addr(route.replyTo) } : {}),
        subject: flat(mail.subject),
        text: mail.text,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        // The whole send, however the server trickles its answers: gives up (and closes the
        // connection) at the deadline.
        signal: AbortSignal.timeout(sendTimeoutMs),
      });
      return { messageId: String(info.messageId ?? '') };
    },

    async verify(route) {
      await route.transport.verify();
    },

    invalidate(userId) {
      userTransports.get(userId)?.transport.close();
      userTransports.delete(userId);
    },

    close() {
      relay?.close();
      relay = null;
      for (const { transport } of userTransports.values()) transport.close();
      userTransports.clear();
    },
  };
}

/** Failures after the SMTP conversation started, where the server's reply helps the user. */
const PROTOCOL_ERRORS = new Set(['EENVELOPE', 'EMESSAGE', 'EAUTH']);
const MAX_REPLY_CHARS = 300;
/** Node's codes for a certificate that does not check out (unknown issuer, wrong name, expired). */
const TLS_TRUST_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|ALTNAME/;

/**
 * The user-facing sentence for a failed send (no stack, no credentials). The mail server's own
 * reply is quoted only for SMTP protocol errors (a refused sender, recipient, message or login):
 * anything at connection level gets a generic sentence, so the API cannot be used to read what
 * arbitrary services answer, nor learn the relay's internal address.
 */
export function describeMailError(err: unknown, route: Pick<MailRoute, 'target'>): string {
  const e = err as { response?: unknown; code?: unknown; originalCode?: unknown };
  const reply = typeof e?.response === 'string' ? e.response.replace(/\s+/g, ' ').trim() : '';
  if (typeof e?.code === 'string' && PROTOCOL_ERRORS.has(e.code) && reply) {
    return `Mail server refused: ${reply.slice(0, MAX_REPLY_CHARS)}`;
  }
  if (e?.code === 'EAUTH') return 'Mail server refused the login: check the user name and password';
  if (route.target && e?.code === 'ETLS') {
    return `The mail server (${route.target}) does not offer encryption (STARTTLS): Reachlog does not send your password unencrypted`;
  }
  if (route.target && typeof e?.originalCode === 'string' && TLS_TRUST_ERRORS.test(e.originalCode)) {
    return `Could not connect securely to the mail server (${route.target}): its certificate is not trusted`;
  }
  return route.target
    ? `Could not connect to the mail server (${route.target})`
    : 'Could not reach the mail server';
}
