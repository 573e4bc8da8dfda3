// The one definition of what a message is and who it is to: the fields a draft and a history
// row share. The server's columns, the sync protocol, the extension's local rows and the
// benchmarks all derive from this schema (nothing else declares these fields).
import { z } from 'zod';

export const LINKEDIN_MESSAGE_MAX = 8000;
export const LINKEDIN_NOTE_MAX = 300;
export const EMAIL_BODY_MAX = 100_000;
export const TEMPLATE_NAME_MAX = 200;
export const TEMPLATE_ID_MAX = 100;

/**
 * Stored values, as a draft holds them while it is written: plain text within limits, absent =
 * null. Stricter rules (a valid e-mail, a LinkedIn URL, no line break in a subject) are the
 * send's, checked when a message goes out (ZSendEmailInput, ZRecordLinkedInInput).
 */
export const ZOutreachContent = z.object({
  recipientName: z.string().max(200),
  recipientEmail: z.string().max(254).nullable(),
  recipientLinkedinUrl: z.string().max(2048).nullable(),
  jobTitle: z.string().max(300).nullable(),
  companyName: z.string().max(300).nullable(),
  jobUrl: z.string().max(2048).nullable(),
  emailSubject: z.string().max(998).nullable(),
  emailBody: z.string().max(EMAIL_BODY_MAX).nullable(),
  linkedinMessage: z.string().max(LINKEDIN_MESSAGE_MAX).nullable(),
  /**
   * The template the message was written from: its name at the time (what "What works" groups
   * by, kept when the template is renamed or deleted) and its id. Optional, unlike the fields
   * above: drafts and sends made before templates were recorded, or by API clients, have none.
   */
  template: z.string().max(TEMPLATE_NAME_MAX).nullable().optional(),
  templateId: z.string().max(TEMPLATE_ID_MAX).nullable().optional(),
});
export type TOutreachContent = z.infer<typeof ZOutreachContent>;

/** The field names, in one place (draft merges, SQL column lists, conflict notices). */
export const OUTREACH_FIELDS = ZOutreachContent.keyof().options;
export type TOutreachField = (typeof OUTREACH_FIELDS)[number];

/** How a field is named to the user ("the subject was also edited in another browser"). */
export const OUTREACH_FIELD_LABELS: Record<TOutreachField, string> = {
  recipientName: "the recipient's name",
  recipientEmail: "the recipient's e-mail",
  recipientLinkedinUrl: "the recipient's LinkedIn URL",
  jobTitle: 'the job title',
  companyName: 'the company',
  jobUrl: 'the job URL',
  emailSubject: 'the e-mail subject',
  emailBody: 'the e-mail',
  linkedinMessage: 'the LinkedIn message',
  template: 'the template',
  templateId: 'the template',
};

export const EMPTY_OUTREACH_CONTENT: TOutreachContent = {
  recipientName: '',
  recipientEmail: null,
  recipientLinkedinUrl: null,
  jobTitle: null,
  companyName: null,
  jobUrl: null,
  emailSubject: null,
  emailBody: null,
  linkedinMessage: null,
  template: null,
  templateId: null,
};

/** camelCase field → its snake_case column (outreach_history and drafts use the same names). */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
