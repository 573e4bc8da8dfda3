import { z } from 'zod';
import { ZClientId, ZEmail, ZHeaderText, ZJobUrl, ZLinkedinUrl, ZName } from './common';
import { EMAIL_BODY_MAX, LINKEDIN_MESSAGE_MAX } from './outreach-content';
import { ZFollowUpOf } from './history';

export { LINKEDIN_MESSAGE_MAX, LINKEDIN_NOTE_MAX } from './outreach-content';

const ZJobFields = {
  jobTitle: z.string().trim().max(300).optional(),
  companyName: z.string().trim().max(300).optional(),
  jobUrl: ZJobUrl.optional(),
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
  message: z.string().min(1, 'The message is empty').max(LINKEDIN_MESSAGE_MAX),
});
export type TRecordLinkedInInput = z.input<typeof ZRecordLinkedInInput>;
