import { z } from 'zod';
import { ZEmail, ZJobUrl, ZLinkedinUrl } from './common';
import { ZOutreachContent, type TOutreachContent } from './outreach-content';

export const CHANNELS = ['email', 'linkedin', 'both'] as const;
export const ZChannel = z.enum(CHANNELS);
export type TChannel = z.infer<typeof ZChannel>;

export const HISTORY_STATUSES = ['sent', 'failed'] as const;
export type THistoryStatus = (typeof HISTORY_STATUSES)[number];

/** One permanent outreach record, as the API returns it (absent values are null). */
export const ZHistoryRow = z.object({
  id: z.number().int(),
  ...ZOutreachContent.shape,
  channel: ZChannel,
  status: z.enum(HISTORY_STATUSES),
  error: z.string().nullable(),
  sentAt: z.date(),
  createdAt: z.date(),
  draftId: z.string().nullable(),
  /** When the recipient answered (detected or set by hand); null: no answer seen yet. */
  repliedAt: z.date().nullable(),
  /** The history row this send follows up; null for a first message. */
  followUpOf: z.number().int().nullable(),
});
export type THistoryRow = z.infer<typeof ZHistoryRow>;
/** The row's field names, in one place (the server's selects and SQL column lists). */
export const HISTORY_ROW_FIELDS = ZHistoryRow.keyof().options;

/** What a history row records about one send action, as a service writes it. */
export type TSendFields = TOutreachContent & {
  channel: TChannel;
  draftId: string | null;
  /** the user's earlier sent row this one follows up (docs/pipeline.md) */
  followUpOf?: number | null;
};

/** A send may follow up one of the user's earlier sent rows (its id). */
/** A history row's id: an `integer` column on PostgreSQL, so nothing above 2^31 − 1 can name a row. */
export const ZHistoryRowId = z.number().int().min(1).max(2_147_483_647);
export const ZFollowUpOf = ZHistoryRowId;

export const ZHistoryLatestInput = z
  .object({ limit: z.number().int().min(1).max(100).default(20) })
  .default({ limit: 20 });

/** A date filter, within years every database stores (PostgreSQL refused year 0: a 500, found by fuzzing). */
const ZFilterDate = z.coerce
  .date()
  .min(new Date('1900-01-01T00:00:00Z'), 'Pick a date after 1900')
  .max(new Date('9999-12-31T23:59:59Z'), 'Pick a date before the year 10000');

export const ZHistoryListInput = z
  .object({
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(200).default(50),
    query: z.string().trim().max(200).optional(),
    channel: ZChannel.optional(),
    from: ZFilterDate.optional(),
    to: ZFilterDate.optional(),
  })
  .default({ limit: 50 });
export type THistoryListInput = z.input<typeof ZHistoryListInput>;

export interface THistoryPage {
  items: THistoryRow[];
  nextCursor: string | null;
}

export const ZForRecipientInput = z
  .object({
    linkedinUrl: ZLinkedinUrl.optional(),
    email: ZEmail.optional(),
    jobUrl: ZJobUrl.optional(),
  })
  .refine((v) => v.linkedinUrl || v.email || v.jobUrl, {
    message: 'Give a LinkedIn URL, an e-mail or a job URL',
  });
export type TForRecipientInput = z.input<typeof ZForRecipientInput>;

export interface TStats {
  totals: { all: number; email: number; linkedin: number; both: number };
  last7Days: number;
  latest: THistoryRow[];
}
