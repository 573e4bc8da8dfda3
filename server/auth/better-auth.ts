// better-auth with its Prisma adapter (email + password), the bearer plugin, so the extension
// sends `Authorization: Bearer <session token>` instead of cookies, and the email-OTP plugin for
// the 6-digit codes that confirm an e-mail address and reset a password. Our services call
// auth.api.* directly; better-auth's own HTTP handler is not mounted.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { bearer, emailOTP } from 'better-auth/plugins';
import type { Database } from '../db/client';
import { hashPassword, verifyPassword } from './password-hash';
import { CODE_MINUTES, type CodePurpose } from '../services/account-mail';

/** Sessions last 30 days from their last refresh; a session is refreshed at most once a day. */
export const SESSION_EXPIRES_IN_S = 60 * 60 * 24 * 30;
export const SESSION_UPDATE_AGE_S = 60 * 60 * 24;
/** Wrong tries one code allows before a new one must be asked for. */
export const CODE_ATTEMPTS = 3;

export interface AuthMailer {
  sendCode(to: string, code: string, purpose: CodePurpose): Promise<void>;
}

export function createAuth(db: Database, secret: string, mail?: AuthMailer) {
  return betterAuth({
    appName: 'Reachlog',
    secret,
    // Only used to build URLs in e-mails/callbacks; ours carry codes, not links.
    baseURL: 'http://127.0.0.1',
    database: prismaAdapter(db.prisma, { provider: db.kind === 'postgres' ? 'postgresql' : 'sqlite' }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: true,
      // Length and guessability are checked before (password-strength.ts), in plain words.
      minPasswordLength: 1,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: verifyPassword },
      // A reset ends every session: whoever knew the old password is signed out everywhere.
      revokeSessionsOnPasswordReset: true,
    },
    session: { expiresIn: SESSION_EXPIRES_IN_S, updateAge: SESSION_UPDATE_AGE_S },
    plugins: [
      bearer(),
      emailOTP({
        otpLength: 6,
        expiresIn: CODE_MINUTES * 60,
        allowedAttempts: CODE_ATTEMPTS,
        // Only a hash of each code is stored: a copy of the database does not reset passwords.
        storeOTP: 'hashed',
        overrideDefaultEmailVerification: true,
        async sendVerificationOTP({ email, otp, type }) {
          if (type !== 'email-verification' && type !== 'forget-password') return;
          if (!mail) throw new Error('no mailer for account codes');
          await mail.sendCode(email, otp, type);
        },
      }),
    ],
    // Throttling is ours (services/auth.ts), with clear messages.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
  });
}

export type Auth = ReturnType<typeof createAuth>;
