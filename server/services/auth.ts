// Accounts: better-auth (Prisma adapter, bearer plugin) does users, password hashes and
// sessions; this service adapts it to the API's shapes and errors and throttles sign-in.
import type { z } from 'zod';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { TAuthResult, TUser, ZSignInInput, ZSignUpInput } from '../../shared/schemas/auth';
import { AppError } from '../errors';
import { SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S, type Auth } from '../auth/better-auth';
import type { Database } from '../db/client';
import { isUniqueViolation } from './prisma-errors';

export type SignUpInput = z.output<typeof ZSignUpInput>;
export type SignInInput = z.output<typeof ZSignInInput>;

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
}

const toUser = (u: BetterAuthUser): TUser => ({ id: u.id, email: u.email, name: u.name ? u.name : null });

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
}) {
  const { auth } = deps;
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
      try {
        const r = await auth.api.signUpEmail({
          body: { email: input.email, password: input.password, name: input.name ?? '' },
          headers: new Headers(),
        });
        if (!r.token) throw new AppError('INTERNAL', 'Sign-up did not start a session');
        return { token: r.token, user: toUser(r.user) };
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
        return { token: r.token, user: toUser(r.user) };
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

    /** Ends the session: the token stops working at once (sessions are looked up on every call). */
    async signOut(token: string): Promise<{ ok: true }> {
      await auth.api.signOut({ headers: bearerHeaders(token) });
      return { ok: true };
    },

    /**
     * The signed-in user for a bearer token, or null. This runs on every authenticated call, so
     * it reads better-auth's session table directly (one indexed query) instead of going through
     * auth.api.getSession (about 3× the CPU per call, measured). The rules are better-auth's:
     * the token is the session's `token`, expired sessions are gone, and a session is extended
     * (sliding expiry) once it is older than updateAge. Sign-out deletes the row, so it is seen
     * at once, by every process.
     */
    async userForToken(token: string): Promise<TUser | null> {
      if (!token || token.length > 512) return null;
      // SQLite: a cached statement (undefined when it cannot serve; null when there is no session).
      const quick = deps.db.fast?.session(token);
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
      }
      return toUser(s.user);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
