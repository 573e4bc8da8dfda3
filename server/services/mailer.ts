// Sends e-mail with nodemailer. Transport precedence: the user's own SMTP settings, else the
// server-wide SMTP_URL relay, else a clear PRECONDITION_FAILED. Transports are cached: the relay
// once (pooled), a user's transport until their settings change (keyed by updated_at, so a
// change made through another server process is noticed too).
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { AppError } from '../errors';
import type { Database } from '../db/client';
import type { SecretBox } from '../crypto/secret-box';

export interface MailAddress {
  name?: string | null;
  address: string;
}

export interface OutgoingMail {
  to: MailAddress;
  subject: string;
  text: string;
}

/** Where a user's mail goes out from, resolved before anything is recorded. */
export interface MailRoute {
  transport: Transporter;
  from: MailAddress;
  replyTo: MailAddress | null;
  via: 'user' | 'server';
}

export interface Mailer {
  route(userId: string): Promise<MailRoute>;
  send(route: MailRoute, mail: OutgoingMail): Promise<{ messageId: string }>;
  verify(route: MailRoute): Promise<void>;
  /** Forget a user's cached transport (their settings changed). */
  invalidate(userId: string): void;
  close(): void;
}

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
const MAX_CACHED_USER_TRANSPORTS = 200;

export const NO_MAIL_SERVER = 'No mail server configured: set SMTP_URL or your own SMTP settings';
export const RELAY_HAS_NO_SENDER = "The server's mail relay has no sender address: set SMTP_FROM";

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
  log: Logger;
}): Mailer {
  const { db, secretBox } = opts;
  let relay: Transporter | null = null;
  const userTransports = new Map<string, { key: number; transport: Transporter }>();

  function relayTransport(): Transporter | null {
    if (!opts.smtpUrl) return null;
    relay ??= nodemailer.createTransport({
      url: opts.smtpUrl,
      pool: true,
      maxConnections: 4,
      ...TIMEOUTS,
    } as never);
    return relay;
  }

  return {
    async route(userId) {
      const [settings, user] = await Promise.all([
        db.prisma.smtpSettings.findUnique({ where: { userId } }),
        db.prisma.user.findUnique({ where: { id: userId }, select: { email: true, name: true } }),
      ]);
      if (!user) throw new AppError('UNAUTHORIZED', 'Account not found');
      if (settings) {
        const key = settings.updatedAt.getTime();
        let cached = userTransports.get(userId);
        if (!cached || cached.key !== key) {
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
          const transport = nodemailer.createTransport({
            host: settings.host,
            port: settings.port,
            secure: settings.secure,
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
          cached = { key, transport };
          userTransports.set(userId, cached);
        }
        return {
          transport: cached.transport,
          from: { name: settings.fromName ?? user.name ?? null, address: settings.fromAddress },
          replyTo: null,
          via: 'user',
        };
      }
      const transport = relayTransport();
      if (!transport || !opts.smtpUrl) throw new AppError('PRECONDITION_FAILED', NO_MAIL_SERVER);
      const sender = relaySender(opts.smtpUrl, opts.smtpFrom);
      if (!sender) throw new AppError('PRECONDITION_FAILED', RELAY_HAS_NO_SENDER);
      // The relay sends as itself; replies reach the user through Reply-To.
      return {
        transport,
        from: { name: user.name || null, address: sender },
        replyTo: { name: user.name || null, address: user.email },
        via: 'server',
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

/** A short, user-facing description of an SMTP failure (no stack, no credentials). */
export function describeMailError(err: unknown): string {
  const e = err as { message?: unknown; response?: unknown; responseCode?: unknown; code?: unknown };
  const text = typeof e?.response === 'string' && e.response ? e.response : String(e?.message ?? err);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
