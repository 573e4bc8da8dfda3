// A "Follow up" draft records the follow-up template it was filled from (docs/pipeline.md).
import { describe, expect, it } from 'vitest';
import { followUpTemplates } from '@/db/default-templates';
import type { HistoryRowLocal } from '@/db/types';
import { followUpTexts } from './follow-up';

const first = (channel: HistoryRowLocal['channel']): HistoryRowLocal => ({
  id: 4,
  recipientName: 'Marisol Quintero',
  recipientEmail: channel === 'linkedin' ? null : 'marisol@brightline.example',
  recipientLinkedinUrl: channel === 'email' ? null : 'https://www.linkedin.com/in/marisol/',
  jobTitle: 'Staff Engineer',
  companyName: 'Brightline',
  jobUrl: null,
  channel,
  emailSubject: null,
  emailBody: null,
  linkedinMessage: null,
  status: 'sent',
  error: null,
  sentAt: 1,
  createdAt: 1,
  draftId: null,
  repliedAt: null,
  followUpOf: null,
  template: 'Introduction e-mail',
  templateId: 'default-email',
});

describe('followUpTexts', () => {
  const templates = followUpTemplates(1);
  it('records the e-mail follow-up template when the first message went by e-mail (or both)', () => {
    for (const channel of ['email', 'both'] as const) {
      expect(followUpTexts(first(channel), templates, 'Morgan')).toMatchObject({
        template: 'Follow-up e-mail',
        templateId: templates.find((t) => t.kind === 'email')!.id,
      });
    }
  });
  it('records the LinkedIn one after a LinkedIn message, and none without follow-up templates', () => {
    expect(followUpTexts(first('linkedin'), templates, 'Morgan')).toMatchObject({
      template: 'Follow-up LinkedIn message',
      emailBody: null,
    });
    expect(followUpTexts(first('email'), [], 'Morgan')).toMatchObject({ template: null, templateId: null });
  });
});
