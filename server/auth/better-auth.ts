// better-auth with its Prisma adapter (email + password) and the bearer plugin, so the extension
// sends `Authorization: Bearer <session token>` instead of cookies. Our services call
// auth.api.* directly; better-auth's own HTTP handler is not mounted.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { bearer } from 'better-auth/plugins';
import type { Database } from '../db/client';
import { hashPassword, verifyPassword } from './password-hash';

/** Sessions last 30 days from their last refresh; a session is refreshed at most once a day. */
export const SESSION_EXPIRES_IN_S = 60 * 60 * 24 * 30;
export const SESSION_UPDATE_AGE_S = 60 * 60 * 24;

export function createAuth(db: Database, secret: string) {
  return betterAuth({
    appName: 'Reachlog',
    secret,
    // Only used to build URLs in e-mails/callbacks, which we do not send.
    baseURL: 'http://127.0.0.1',
    database: prismaAdapter(db.prisma, { provider: db.kind === 'postgres' ? 'postgresql' : 'sqlite' }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: { expiresIn: SESSION_EXPIRES_IN_S, updateAge: SESSION_UPDATE_AGE_S },
    plugins: [bearer()],
    // Sign-in throttling is ours (services/auth.ts: per e-mail and per IP), with clear messages.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
  });
}

export type Auth = ReturnType<typeof createAuth>;
