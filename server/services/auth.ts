// Accounts: better-auth (Prisma adapter, bearer and email-OTP plugins) does users, password
// hashes, sessions and e-mailed codes; this service adapts it to the API's shapes and errors,
// refuses weak passwords, throttles sign-in and the codes, and confirms e-mail addresses.
import type { z } from 'zod';
import type { Logger } from 'pino';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type {
  TAccount,
  TAuthResult,
  TUser,
  ZRequestPasswordResetInput,
  ZResetPasswordInput,
  ZSignInInput,
  ZSignUpInput,
} from '../../shared/schemas/auth';
import { AppError } from '../errors';
import { SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S, type Auth } from '../auth/better-auth';
import { assertStrongPassword } from '../auth/password-strength';
import type { Database } from '../db/client';
import type { AccountMail } from './account-mail';
import { isUniqueViolation } from './prisma-errors';
import { createSessionCache } from '../auth/session-cache';

export type SignUpInput = z.output<typeof ZSignUpInput>;
export type SignInInput = z.output<typeof ZSignInInput>;
export type RequestPasswordResetInput = z.output<typeof ZRequestPasswordResetInput>;
export type ResetPasswordInput = z.output<typeof ZResetPasswordInput>;

/** E-mailed codes: per account (confirmation) or address (reset), and per client IP, per hour. */
export const CODE_LIMITS = { perAddress: 5, perIp: 20, windowSeconds: 60 * 60 };

/**
 * Failed sign-ins allowed per window before TOO_MANY_REQUESTS: per (e-mail, client IP) pair and
 * per client IP. Deliberately no per-e-mail limit: anyone who knows an address could then lock
 * its owner out (docs/security.md says why the pair is enough against guessing).
 */
export const SIGN_IN_LIMITS = { perEmailAndIp: 5, perIp: 20, windowSeconds: 15 * 60 };

/** Sign-ups allowed per IP per hour (SIGNUP_LIMIT_PER_HOUR). */
export const SIGN_UP_LIMIT_PER_HOUR = 10;

interface BetterAuthUser {
  id: string;
  email: string;
  name?: string | null;
  emailVerified?: boolean | null;
}

const toUser = (u: BetterAuthUser): TUser => ({ id: u.id, email: u.email, name: u.name ? u.name : null });

const minutes = (ms: number) => {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return `${m} minute${m === 1 ? '' : 's'}`;
};

/** better-auth's code errors, in plain words. */
function codeError(err: unknown): AppError | null {
  const code = apiErrorCode(err);
  if (code === 'OTP_EXPIRED') return new AppError('BAD_REQUEST', 'That code has expired: ask for a new one.');
  if (code === 'TOO_MANY_ATTEMPTS')
    return new AppError('BAD_REQUEST', 'Too many wrong codes: ask for a new one and use the latest e-mail.');
  if (code === 'INVALID_OTP' || code === 'USER_NOT_FOUND')
    return new AppError(
      'BAD_REQUEST',
      'That code is not right: check the 6 digits in the latest e-mail, or ask for a new code.',
    );
  return null;
}

function apiErrorCode(err: unknown): string | undefined {
  const e = err as { body?: { code?: unknown }; status?: unknown };
  return typeof e?.body?.code === 'string' ? e.body.code : undefined;
}

function bearerHeaders(token: string): Headers {
  return new Headers({ authorization: `Bearer ${token}` });
}

export function createAuthService(deps: {
  auth: Auth;
  db: Database;
  limits?: typeof SIGN_IN_LIMITS | undefined;
  signUpLimitPerHour?: number | undefined;
  /** Sends the e-mailed codes (through the server's relay). */
  accountMail?: AccountMail | undefined;
  log?: Logger | undefined;
  /** EMAIL_VERIFICATION (default 'required'). */
  emailVerification?: 'required' | 'off' | undefined;
  /** How long a session read from the database is trusted (default SESSION_CACHE_MS; 0: never). */
  sessionCacheMs?: number | undefined;
}) {
  const { auth } = deps;
  const sessions = createSessionCache(deps.sessionCacheMs);
  // Nothing to confirm when the server does not ask for it, or has no relay to send for anyone.
  const confirmationRequired = deps.emailVerification !== 'off' && Boolean(deps.accountMail?.available);
  const toAccount = (u: BetterAuthUser): TAccount => ({
    ...toUser(u),
    emailVerified: Boolean(u.emailVerified) || !confirmationRequired,
  });
  const codesByAddress = new RateLimiterMemory({
    keyPrefix: 'codes-address',
    points: CODE_LIMITS.perAddress,
    duration: CODE_LIMITS.windowSeconds,
  });
  const codesByIp = new RateLimiterMemory({
    keyPrefix: 'codes-ip',
    points: CODE_LIMITS.perIp,
    duration: CODE_LIMITS.windowSeconds,
  });

  /** Counts a code request; TOO_MANY_REQUESTS past either limit. */
  async function takeCodeRequest(address: string, ip: string | null): Promise<void> {
    try {
      await codesByAddress.consume(address);
      if (ip) await codesByIp.consume(ip);
    } catch (res) {
      const ms = (res as { msBeforeNext?: number }).msBeforeNext ?? 3_600_000;
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `Too many codes asked for. Try again in ${minutes(ms)}; the last code sent still works for 10 minutes.`,
      );
    }
  }

  function requireAccountMail(what: string): AccountMail {
    if (!deps.accountMail?.available)
      throw new AppError(
        'PRECONDITION_FAILED',
        `This server has no mail relay (SMTP_URL), so it cannot ${what}: ask the person who runs it.`,
      );
    return deps.accountMail;
  }

  async function sendConfirmationCode(email: string): Promise<void> {
    try {
      await auth.api.sendVerificationOTP({ body: { email, type: 'email-verification' } });
    } catch (err) {
      deps.log?.warn({ err }, 'could not send the e-mail confirmation code');
      throw new AppError(
        'BAD_GATEWAY',
        "Could not send the code: the server's mail relay did not take it. Try again later.",
        {
          cause: err,
        },
      );
    }
  }
  const limits = deps.limits ?? SIGN_IN_LIMITS;
  const signUpLimit = deps.signUpLimitPerHour ?? SIGN_UP_LIMIT_PER_HOUR;
  const signUpsByIp = new RateLimiterMemory({ keyPrefix: 'signup-ip', points: signUpLimit, duration: 3600 });
  const byPair = new RateLimiterMemory({
    keyPrefix: 'signin-email-ip',
    points: limits.perEmailAndIp,
    duration: limits.windowSeconds,
  });
  const pairKey = (email: string, ip: string) => `${ip} ${email}`;
  const byIp = new RateLimiterMemory({
    keyPrefix: 'signin-ip',
    points: limits.perIp,
    duration: limits.windowSeconds,
  });

  async function refuseIfThrottled(email: string, ip: string): Promise<void> {
    const [e, i] = await Promise.all([byPair.get(pairKey(email, ip)), byIp.get(ip)]);
    const blocked = [
      e && e.consumedPoints >= limits.perEmailAndIp ? e.msBeforeNext : 0,
      i && i.consumedPoints >= limits.perIp ? i.msBeforeNext : 0,
    ];
    const wait = Math.max(...blocked);
    if (wait > 0) {
      const minutes = Math.max(1, Math.ceil(wait / 60_000));
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      );
    }
  }

  async function recordFailure(email: string, ip: string): Promise<void> {
    // consume() rejects once the budget is spent; that rejection is the limit, not an error.
    await Promise.allSettled([byPair.consume(pairKey(email, ip)), byIp.consume(ip)]);
  }

  async function account(user: TUser): Promise<TAccount> {
    const row = await deps.db.prisma.user.findUnique({
      where: { id: user.id },
      select: { emailVerified: true },
    });
    return { ...user, emailVerified: Boolean(row?.emailVerified) || !confirmationRequired };
  }

  return {
    /** `meta.ip`: counted against the per-IP sign-up limit (absent for in-process callers). */
    async signUp(input: SignUpInput, meta?: { ip: string }): Promise<TAuthResult> {
      if (meta) {
        try {
          await signUpsByIp.consume(meta.ip);
        } catch (res) {
          const ms = (res as { msBeforeNext?: number }).msBeforeNext ?? 3_600_000;
          const minutes = Math.max(1, Math.ceil(ms / 60_000));
          throw new AppError(
            'TOO_MANY_REQUESTS',
            `Too many sign-ups from this network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          );
        }
      }
      assertStrongPassword(input.password, [input.email, input.name ?? '']);
      try {
        const r = await auth.api.signUpEmail({
          body: { email: input.email, password: input.password, name: input.name ?? '' },
          headers: new Headers(),
        });
        if (!r.token) throw new AppError('INTERNAL', 'Sign-up did not start a session');
        // The code that confirms the address goes out at once; a failure here is not the
        // sign-up's: the user can ask for another code.
        if (confirmationRequired) {
          await sendConfirmationCode(r.user.email).catch(() => undefined);
        }
        return { token: r.token, user: toAccount(r.user) };
      } catch (err) {
        if (err instanceof AppError) throw err;
        const code = apiErrorCode(err);
        // Two simultaneous sign-ups can both pass better-auth's check; the unique index stops
        // the second, which better-auth reports as FAILED_TO_CREATE_USER.
        const lostRace =
          (code === 'FAILED_TO_CREATE_USER' || isUniqueViolation(err)) &&
          (await deps.db.prisma.user.count({ where: { email: input.email } })) > 0;
        if (code?.startsWith('USER_ALREADY_EXISTS') || lostRace) {
          throw new AppError('CONFLICT', 'An account with this e-mail already exists; sign in instead');
        }
        if (code === 'PASSWORD_TOO_SHORT' || code === 'PASSWORD_TOO_LONG' || code === 'INVALID_EMAIL') {
          throw new AppError('BAD_REQUEST', (err as Error).message);
        }
        throw err;
      }
    },

    async signIn(input: SignInInput, meta: { ip: string }): Promise<TAuthResult> {
      await refuseIfThrottled(input.email, meta.ip);
      try {
        const r = await auth.api.signInEmail({
          body: { email: input.email, password: input.password },
          headers: new Headers(),
        });
        await byPair.delete(pairKey(input.email, meta.ip));
        return { token: r.token, user: toAccount(r.user) };
      } catch (err) {
        const code = apiErrorCode(err);
        if (
          code === 'INVALID_EMAIL_OR_PASSWORD' ||
          code === 'CREDENTIAL_ACCOUNT_NOT_FOUND' ||
          code === 'USER_NOT_FOUND'
        ) {
          await recordFailure(input.email, meta.ip);
          throw new AppError('UNAUTHORIZED', 'Wrong e-mail or password');
        }
        throw err;
      }
    },

    /** The signed-in account, with whether its e-mail address is confirmed. */
    account,

    /** E-mails a new 6-digit code to the account's address (the previous one stops working). */
    async sendVerificationCode(
      user: TUser,
      meta: { ip: string },
    ): Promise<{ sentTo: string; alreadyConfirmed: boolean }> {
      if ((await account(user)).emailVerified) return { sentTo: user.email, alreadyConfirmed: true };
      requireAccountMail('confirm e-mail addresses');
      await takeCodeRequest(`verify ${user.id}`, meta.ip);
      await sendConfirmationCode(user.email);
      return { sentTo: user.email, alreadyConfirmed: false };
    },

    /** Confirms the account's e-mail address with the code that was sent to it. */
    async verifyEmail(user: TUser, code: string): Promise<TAccount> {
      try {
        await auth.api.verifyEmailOTP({ body: { email: user.email, otp: code } });
      } catch (err) {
        throw codeError(err) ?? err;
      }
      return account(user);
    },

    /**
     * Sends a reset code if an account has this address. The answer is the same either way, and
     * is given before the mail goes out, so neither it nor its timing tells who has an account.
     */
    async requestPasswordReset(
      input: RequestPasswordResetInput,
      meta: { ip: string },
    ): Promise<{ ok: true }> {
      requireAccountMail('reset passwords');
      await takeCodeRequest(`reset ${input.email}`, meta.ip);
      void auth.api.requestPasswordResetEmailOTP({ body: { email: input.email } }).catch((err: unknown) => {
        deps.log?.warn({ err }, 'could not send a password reset code');
      });
      return { ok: true };
    },

    /**
     * Sets a new password with the e-mailed code, ends every session of the account (whoever
     * knew the old password is signed out), confirms the address (the code proved it) and signs
     * in with the new password.
     */
    async resetPassword(input: ResetPasswordInput, meta: { ip: string }): Promise<TAuthResult> {
      assertStrongPassword(input.password, [input.email]);
      try {
        await auth.api.resetPasswordEmailOTP({
          body: { email: input.email, otp: input.code, password: input.password },
        });
      } catch (err) {
        throw codeError(err) ?? err;
      }
      // better-auth ended the account's sessions in the database; here they end at once too.
      sessions.forgetAccount(input.email);
      await byPair.delete(pairKey(input.email, meta.ip));
      const r = await auth.api.signInEmail({
        body: { email: input.email, password: input.password },
        headers: new Headers(),
      });
      return { token: r.token, user: toAccount(r.user) };
    },

    /**
     * Ends the session: the token stops working at once in this process, and within
     * SESSION_CACHE_MS in other server processes on the same database (session-cache.ts).
     */
    async signOut(token: string): Promise<{ ok: true }> {
      // Before the row goes: a lookup already under way cannot cache it again (session-cache.ts).
      sessions.forget(token);
      await auth.api.signOut({ headers: bearerHeaders(token) });
      return { ok: true };
    },

    /**
     * The signed-in user for a bearer token, or null. This runs on every authenticated call, so
     * it reads better-auth's session table directly (one indexed query) instead of going through
     * auth.api.getSession (about 3× the CPU per call, measured). The rules are better-auth's:
     * the token is the session's `token`, expired sessions are gone, and a session is extended
     * (sliding expiry) once it is older than updateAge. Live sessions are cached briefly
     * (session-cache.ts: sign-out is seen at once here, within SESSION_CACHE_MS elsewhere).
     */
    async userForToken(token: string): Promise<TUser | null> {
      if (!token || token.length > 512) return null;
      const cached = sessions.get(token);
      if (cached) return cached;
      // SQLite: a cached statement (undefined when it cannot serve; null when there is no session).
      const quick = await deps.db.fast?.session(token);
      const s =
        quick !== undefined
          ? quick
          : await deps.db.prisma.session.findUnique({
              where: { token },
              select: { id: true, expiresAt: true, user: { select: { id: true, email: true, name: true } } },
            });
      const now = Date.now();
      if (!s || s.expiresAt.getTime() <= now) return null;
      const refreshAfter = s.expiresAt.getTime() - (SESSION_EXPIRES_IN_S - SESSION_UPDATE_AGE_S) * 1000;
      if (now >= refreshAfter) {
        await deps.db.prisma.session.updateMany({
          where: { id: s.id },
          data: { expiresAt: new Date(now + SESSION_EXPIRES_IN_S * 1000), updatedAt: new Date(now) },
        });
        return toUser(s.user); // cached from the next call on, with its new expiry
      }
      const user = toUser(s.user);
      sessions.set(token, user, { expiresAt: s.expiresAt.getTime(), refreshAfter }, now);
      return user;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
