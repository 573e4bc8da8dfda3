import { z } from 'zod';
import { ZEmail } from './common';

export const ZSignUpInput = z.object({
  email: ZEmail,
  password: z.string().min(8, 'Use at least 8 characters').max(128),
  name: z.string().trim().min(1).max(100).optional(),
});
export type TSignUpInput = z.input<typeof ZSignUpInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1).max(128),
});
export type TSignInInput = z.input<typeof ZSignInInput>;

export interface TUser {
  id: string;
  email: string;
  name: string | null;
}

export interface TAuthResult {
  token: string;
  user: TUser;
}
