import { z } from 'zod';
import { ZHeaderText } from './common';
import { ZHistoryRowId } from './history';

/**
 * A user's mailbox, read to find replies to Reachlog's e-mails. Always over TLS: from the first
 * byte (`secure`, port 993) or by STARTTLS, which is then required. The password is write-only.
 */
export const ZImapSettingsInput = z.object({
  host: ZHeaderText(253).pipe(z.string().min(1, 'Host is required')),
  port: z.number().int().min(1).max(65535),
  /** true: TLS from the first byte (993); false: STARTTLS, required (143). */
  secure: z.boolean(),
  username: ZHeaderText(254).pipe(z.string().min(1, 'User name is required')),
  /** Omit to keep the stored password. */
  password: z.string().max(1024).optional(),
  /** The folder replies arrive in. */
  mailbox: ZHeaderText(200).pipe(z.string().min(1)).default('INBOX'),
});
export type TImapSettingsInput = z.input<typeof ZImapSettingsInput>;

export interface TImapSettings {
  host: string;
  port: number;
  secure: boolean;
  username: string;
  hasPassword: boolean;
  mailbox: string;
  lastCheckedAt: Date | null;
  /** Why the last check failed, in plain words; null after a good one. */
  lastError: string | null;
}

export interface TReplyCheckResult {
  /** false: no mailbox connected, or checked too recently (`lastCheckedAt` says when). */
  checked: boolean;
  /** History rows newly marked replied by this check. */
  replied: number;
  lastCheckedAt: Date | null;
}

/** Set (a time) or clear (null) when a sent message was answered. */
export const ZMarkRepliedInput = z.object({
  id: ZHistoryRowId,
  repliedAt: z.coerce
    .date()
    .min(new Date('2000-01-01T00:00:00Z'))
    .max(new Date('9999-12-31T23:59:59Z'))
    .nullable(),
});
