import { z } from 'zod';
import { ZClientId, ZEmail, ZHeaderText, ZJobUrl, ZLinkedinUrl, ZName } from './common';
import { EMAIL_BODY_MAX, LINKEDIN_MESSAGE_MAX, TEMPLATE_ID_MAX, TEMPLATE_NAME_MAX } from './outreach-content';
import { ZFollowUpOf } from './history';

export { LINKEDIN_MESSAGE_MAX, LINKEDIN_NOTE_MAX } from './outreach-content';

const ZJobFields = {
  jobTitle: z.string().trim().max(300).optional(),
  companyName: z.string().trim().max(300).optional(),
  jobUrl: ZJobUrl.optional(),
};

/** The template the message was written from (its name at the time, and id), if any. */
export const ZTemplateRef = {
  template: z.string().trim().min(1).max(TEMPLATE_NAME_MAX).optional(),
  templateId: z.string().trim().min(1).max(TEMPLATE_ID_MAX).optional(),
};

export const ZSendEmailInput = z.object({
  sendId: ZClientId,
  draftId: ZClientId.optional(),
  followUpOf: ZFollowUpOf.optional(),
  recipient: z.object({
    name: ZHeaderText(200).pipe(z.string().min(1)),
    email: ZEmail,
    linkedinUrl: ZLinkedinUrl.optional(),
  }),
  ...ZJobFields,
  ...ZTemplateRef,
  subject: ZHeaderText(998).pipe(z.string().min(1, 'A subject is required')),
  body: z.string().min(1, 'The message is empty').max(EMAIL_BODY_MAX),
});
export type TSendEmailInput = z.input<typeof ZSendEmailInput>;

export const ZRecordLinkedInInput = z.object({
  sendId: ZClientId,
  draftId: ZClientId.optional(),
  followUpOf: ZFollowUpOf.optional(),
  recipient: z.object({ name: ZName, linkedinUrl: ZLinkedinUrl }),
  ...ZJobFields,
  ...ZTemplateRef,
  message: z.string().min(1, 'The message is empty').max(LINKEDIN_MESSAGE_MAX),
});
export type TRecordLinkedInInput = z.input<typeof ZRecordLinkedInInput>;
