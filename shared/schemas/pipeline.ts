// Where each person stands in the user's outreach (docs/pipeline.md). One definition: the
// contact's synced data carries the status set by hand; everything else derives from history.
import { z } from 'zod';

export const CONTACT_STATUSES = [
  'contacted',
  'replied',
  'interviewing',
  'offer',
  'rejected',
  'no-answer',
] as const;
export const ZContactStatus = z.enum(CONTACT_STATUSES);
export type TContactStatus = z.infer<typeof ZContactStatus>;

export const CONTACT_STATUS_LABELS: Record<TContactStatus, string> = {
  contacted: 'Contacted',
  replied: 'Replied',
  interviewing: 'Interviewing',
  offer: 'Offer',
  rejected: 'Rejected',
  'no-answer': 'No answer',
};
