import { z } from 'zod';
import { ZEmail, ZHeaderText } from './common';

/** A user's own mail server. The password is write-only: it is stored encrypted and never returned. */
export const ZSmtpSettingsInput = z.object({
  host: ZHeaderText(253).pipe(z.string().min(1, 'Host is required')),
  port: z.number().int().min(1).max(65535),
  /** true: TLS from the first byte (465); false: STARTTLS when offered (587, 25). */
  secure: z.boolean(),
  username: ZHeaderText(254).optional(),
  /** Omit to keep the stored password. */
  password: z.string().max(1024).optional(),
  fromAddress: ZEmail,
  fromName: ZHeaderText(200).optional(),
});
export type TSmtpSettingsInput = z.input<typeof ZSmtpSettingsInput>;

export interface TSmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  hasPassword: boolean;
  fromAddress: string;
  fromName: string | null;
}

export const ZSmtpTestInput = z.object({ to: ZEmail.optional() }).default({});
