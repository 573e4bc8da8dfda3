import { z } from 'zod';
import { ZClientId, ZEmail, ZHeaderText, ZJobUrl, ZLinkedinUrl, ZName } from './common';
import { LINKEDIN_MESSAGE_MAX, ZOutreachContent } from './outreach-content';
import { ZTemplateRef } from './outreach';
import { ZFollowUpOf } from './history';

export const DRAFT_STATUSES = ['draft', 'sent'] as const;
export type TDraftStatus = (typeof DRAFT_STATUSES)[number];

export const ZDraftUpsertInput = z.object({
  id: ZClientId,
  recipient: z.object({
    name: ZName,
    email: ZEmail.optional(),
    linkedinUrl: ZLinkedinUrl.optional(),
  }),
  jobTitle: z.string().trim().max(300).optional(),
  companyName: z.string().trim().max(300).optional(),
  jobUrl: ZJobUrl.optional(),
  emailSubject: ZHeaderText(998).optional(),
  emailBody: z.string().max(100_000).optional(),
  linkedinMessage: z.string().max(LINKEDIN_MESSAGE_MAX).optional(),
  ...ZTemplateRef,
});
export type TDraftUpsertInput = z.input<typeof ZDraftUpsertInput>;

export interface TDraft {
  id: string;
  recipient: { name: string; email: string | null; linkedinUrl: string | null };
  jobTitle: string | null;
  companyName: string | null;
  jobUrl: string | null;
  emailSubject: string | null;
  emailBody: string | null;
  linkedinMessage: string | null;
  template: string | null;
  templateId: string | null;
  status: TDraftStatus;
  updatedAt: Date;
}

export const ZDraftIdInput = z.object({ id: ZClientId });

export const ZDraftSendInput = z
  .object({
    draftId: ZClientId,
    sendId: ZClientId,
    email: z.boolean(),
    linkedinSent: z.boolean(),
    /** the user's earlier sent row this send follows up */
    followUpOf: ZFollowUpOf.optional(),
    /**
     * The draft exactly as the user sees it in the sending browser; what is sent and recorded.
     * Without it (API clients that keep drafts only on the server) the server's copy is sent.
     */
    content: ZOutreachContent.optional(),
  })
  .refine((v) => v.email || v.linkedinSent, { message: 'Choose e-mail, LinkedIn or both' });
export type TDraftSendInput = z.input<typeof ZDraftSendInput>;
