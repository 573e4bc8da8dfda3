// The texts of a "Follow up" draft: the follow-up templates filled for the first send's person
// and job. Placeholders without a value stay visible (and block sending) like in any draft.
import { createFollowUpDraft, ensureFollowUpTemplates, type FollowUpTexts } from '@/data';
import type { HistoryRowLocal, TemplateRow } from '@/db/types';
import { varsFromCapture } from '@@/shared/templates';
import { fillTemplate } from './template-fill';

export function followUpTexts(
  first: HistoryRowLocal,
  followUpTemplates: TemplateRow[],
  myName: string | null,
): FollowUpTexts {
  const vars = {
    ...varsFromCapture({ name: first.recipientName, title: null, company: first.companyName }, null, myName),
    jobTitle: first.jobTitle,
  };
  // the channels the first message went on, where the person can be reached on them
  const byEmail = first.channel !== 'linkedin' && !!first.recipientEmail;
  const byLinkedIn = first.channel !== 'email' && !!first.recipientLinkedinUrl;
  const email = byEmail ? followUpTemplates.find((t) => t.kind === 'email') : undefined;
  const linkedin = byLinkedIn ? followUpTemplates.find((t) => t.kind !== 'email') : undefined;
  return {
    emailSubject: email ? fillTemplate(email.subject ?? '', vars).text || null : null,
    emailBody: email ? fillTemplate(email.body, vars).text : null,
    linkedinMessage: linkedin ? fillTemplate(linkedin.body, vars).text : null,
    // one template per draft (docs/pipeline.md): the e-mail's when there is one
    template: (email ?? linkedin)?.name ?? null,
    templateId: (email ?? linkedin)?.id ?? null,
  };
}

/** "Follow up" on `first`: the follow-up templates (added if missing), then the new draft. */
export async function startFollowUp(first: HistoryRowLocal, myName: string | null) {
  const templates = await ensureFollowUpTemplates();
  return createFollowUpDraft(first, followUpTexts(first, templates, myName));
}
