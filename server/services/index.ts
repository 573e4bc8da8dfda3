// Builds every service from an open database. No tRPC here: tests, scripts and benchmarks call
// these directly (see server/app.ts for the in-process tRPC caller).
import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { createAuth } from '../auth/better-auth';
import { createSecretBox } from '../crypto/secret-box';
import { createAccountMail } from './account-mail';
import { createAuthService, type SIGN_IN_LIMITS } from './auth';
import { createDraftsService } from './drafts';
import { createHistoryService } from './history';
import { createMailer } from './mailer';
import { createOutreachService } from './outreach';
import { createSendLimiter, type SendLimits } from './send-limits';
import { createSmtpSettingsService } from './smtp-settings';
import { createImapSettingsService } from './imap-settings';
import { createRepliesService } from './replies';
import type { HostResolver } from './smtp-target';
import { createStatsService } from './stats';
import { createLocalChangeFeed, createPostgresChangeFeed } from './change-feed';
import { createSyncService } from './sync';

export interface ServicesOptions {
  db: Database;
  /** REACHLOG_SECRET: signs sessions, derives the key that seals stored SMTP passwords. */
  secret: string;
  /** Server-wide relay, used when a user has no SMTP settings of their own. */
  smtpUrl?: string | undefined;
  /** Sender address for mail through the relay (replies go to the user's account e-mail). */
  smtpFrom?: string | undefined;
  log: Logger;
  signInLimits?: typeof SIGN_IN_LIMITS | undefined;
  /** Sign-ups per IP per hour (default SIGN_UP_LIMIT_PER_HOUR). */
  signUpLimitPerHour?: number | undefined;
  /** E-mails per user per minute and per hour (default SEND_LIMITS). */
  sendLimits?: SendLimits | undefined;
  /** SMTP_ALLOW_PRIVATE=1: users' own mail servers may be on any port and private addresses. */
  allowPrivateSmtp?: boolean | undefined;
  /** Resolves users' mail server names (default: the system's DNS); tests point it at their own. */
  smtpResolver?: HostResolver | undefined;
  /** A CA (PEM) trusted for users' mail servers on top of the system's (tests, private CAs). */
  smtpTlsCa?: string | undefined;
  /**
   * EMAIL_VERIFICATION: 'required' (default) — the relay sends nothing for an account until its
   * e-mail address is confirmed with an e-mailed code; 'off' — a private server whose relay only
   * its own people use.
   */
  emailVerification?: 'required' | 'off' | undefined;
  /**
   * How long a live session read from the database is trusted (default SESSION_CACHE_MS, 5 s):
   * the bound within which a sign-out in another server process reaches this one.
   */
  sessionCacheMs?: number | undefined;
  /** SMTP_TIMEOUT_MS: the longest one send may take (default mailer.ts SMTP_TIMEOUT_MS). */
  smtpTimeoutMs?: number | undefined;
  /** Shortest time between two mailbox checks of one user (default replies.ts REPLY_CHECK_MIN_INTERVAL_MS). */
  replyCheckMinIntervalMs?: number | undefined;
}

export function createServices(opts: ServicesOptions) {
  const { db, log } = opts;
  const secretBox = createSecretBox(opts.secret);
  const allowPrivateSmtp = Boolean(opts.allowPrivateSmtp);
  const mailer = createMailer({
    db,
    secretBox,
    smtpUrl: opts.smtpUrl,
    smtpFrom: opts.smtpFrom,
    allowPrivateSmtp,
    resolve: opts.smtpResolver,
    tlsCa: opts.smtpTlsCa,
    requireVerifiedEmail: opts.emailVerification !== 'off',
    timeoutMs: opts.smtpTimeoutMs,
    log,
  });
  const accountMail = createAccountMail({
    smtpUrl: opts.smtpUrl,
    smtpFrom: opts.smtpFrom,
    tlsCa: opts.smtpTlsCa,
    log,
  });
  const auth = createAuthService({
    auth: createAuth(db, opts.secret, accountMail),
    db,
    limits: opts.signInLimits,
    signUpLimitPerHour: opts.signUpLimitPerHour,
    accountMail,
    log,
    emailVerification: opts.emailVerification,
    sessionCacheMs: opts.sessionCacheMs,
  });
  const sendLimiter = createSendLimiter(opts.sendLimits);
  // Live pokes: across processes through PostgreSQL LISTEN/NOTIFY, in memory on SQLite.
  const changes = db.kind === 'postgres' ? createPostgresChangeFeed(db.url, log) : createLocalChangeFeed();
  const outreach = createOutreachService({ db, mailer, sendLimiter, log, changes });
  const history = createHistoryService({ db });
  // Mailbox passwords are sealed under their own key (another HKDF purpose than SMTP's).
  const imapBox = createSecretBox(opts.secret, 'imap-password');
  return {
    db,
    log,
    mailer,
    auth,
    outreach,
    history,
    drafts: createDraftsService({ db, outreach, changes }),
    sync: createSyncService({ db, changes }),
    stats: createStatsService({ db, history }),
    smtp: createSmtpSettingsService({
      db,
      secretBox,
      mailer,
      sendLimiter,
      allowPrivateSmtp,
      resolve: opts.smtpResolver,
      log,
    }),
    imap: createImapSettingsService({
      db,
      secretBox: imapBox,
      allowPrivate: allowPrivateSmtp,
      resolve: opts.smtpResolver,
    }),
    replies: createRepliesService({
      db,
      secretBox: imapBox,
      changes,
      allowPrivate: allowPrivateSmtp,
      resolve: opts.smtpResolver,
      tlsCa: opts.smtpTlsCa,
      minIntervalMs: opts.replyCheckMinIntervalMs,
      log,
    }),
    close() {
      mailer.close();
      accountMail.close();
      void changes.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
