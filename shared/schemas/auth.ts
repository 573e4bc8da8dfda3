import { z } from 'zod';
import { ZEmail } from './common';

/** Strength (length, guessability) is judged by the server, which says in plain words what is wrong. */
const ZNewPassword = z.string().min(1, 'Enter a password').max(128, 'Use at most 128 characters');

export const ZSignUpInput = z.object({
  email: ZEmail,
  password: ZNewPassword,
  name: z.string().trim().min(1).max(100).optional(),
});
export type TSignUpInput = z.input<typeof ZSignUpInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1).max(128),
});
export type TSignInInput = z.input<typeof ZSignInInput>;

/** The 6-digit code the server e-mails (confirming the address, resetting the password). */
export const ZEmailCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'The code is the 6 digits from the e-mail');

export const ZVerifyEmailInput = z.object({ code: ZEmailCode });
export type TVerifyEmailInput = z.input<typeof ZVerifyEmailInput>;

export const ZRequestPasswordResetInput = z.object({ email: ZEmail });
export type TRequestPasswordResetInput = z.input<typeof ZRequestPasswordResetInput>;

export const ZResetPasswordInput = z.object({ email: ZEmail, code: ZEmailCode, password: ZNewPassword });
export type TResetPasswordInput = z.input<typeof ZResetPasswordInput>;

export interface TUser {
  id: string;
  email: string;
  name: string | null;
}

/** The signed-in account as auth.me tells it: the user and whether the e-mail is confirmed. */
export interface TAccount extends TUser {
  /**
   * Confirmed with the code the server e-mailed (or the server asks for no confirmation: no
   * relay, or EMAIL_VERIFICATION=off). The server's relay sends only for these.
   */
  emailVerified: boolean;
}

export interface TAuthResult {
  token: string;
  user: TAccount;
}
