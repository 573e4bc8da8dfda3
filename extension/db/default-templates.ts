import type { TemplateRow } from './types';

/** Templates seeded on install, so the first draft is one click away. */
export function defaultTemplates(now: number): TemplateRow[] {
  return [
    {
      id: 'default-email',
      name: 'Introduction e-mail',
      kind: 'email',
      subject: 'Interested in the {{jobTitle}} role at {{company}}',
      body: [
        'Hi {{firstName}},',
        '',
        "I came across the {{jobTitle}} opening at {{company}} and I'd love to be considered. My background fits the role well, and I would be glad to share more or talk whenever suits you.",
        '',
        'Thank you for your time,',
        '{{myName}}',
      ].join('\n'),
      builtIn: true,
      updatedAt: now,
    },
    {
      id: 'default-linkedin-note',
      name: 'Connection note',
      kind: 'linkedin-note',
      subject: null,
      body: 'Hi {{firstName}}, I saw the {{jobTitle}} role at {{company}} and would love to connect and learn more about it. Thanks! {{myName}}',
      builtIn: true,
      updatedAt: now,
    },
    {
      id: 'default-linkedin-message',
      name: 'LinkedIn message',
      kind: 'linkedin-message',
      subject: null,
      body: [
        'Hi {{firstName}},',
        '',
        "I'm reaching out about the {{jobTitle}} position at {{company}}. I think my experience is a strong match and I'd appreciate the chance to talk about it.",
        '',
        'Best regards,',
        '{{myName}}',
      ].join('\n'),
      builtIn: true,
      updatedAt: now,
    },
    ...followUpTemplates(now),
  ];
}

/** The built-in follow-up templates' ids: "Follow up" uses these (added when a user lacks them). */
export const FOLLOW_UP_TEMPLATE_IDS = {
  email: 'default-follow-up-email',
  linkedin: 'default-follow-up-linkedin',
} as const;

/** A template meant for follow-ups: a built-in one, or one the user named so. */
export function isFollowUpTemplate(t: Pick<TemplateRow, 'id' | 'name'>): boolean {
  return t.id.startsWith('default-follow-up-') || /follow[- ]?up/i.test(t.name);
}

/** Follow-ups, for "Follow up" on a send without a reply (docs/pipeline.md). */
export function followUpTemplates(now: number): TemplateRow[] {
  return [
    {
      id: FOLLOW_UP_TEMPLATE_IDS.email,
      name: 'Follow-up e-mail',
      kind: 'email',
      subject: 'Following up: the {{jobTitle}} role at {{company}}',
      body: [
        'Hi {{firstName}},',
        '',
        "I wrote to you last week about the {{jobTitle}} role at {{company}} and wanted to follow up in case my message got buried. I'm still very interested and would be glad to talk whenever suits you.",
        '',
        'Thank you,',
        '{{myName}}',
      ].join('\n'),
      builtIn: true,
      updatedAt: now,
    },
    {
      id: FOLLOW_UP_TEMPLATE_IDS.linkedin,
      name: 'Follow-up LinkedIn message',
      kind: 'linkedin-message',
      subject: null,
      body: [
        'Hi {{firstName}},',
        '',
        "Just following up on my message about the {{jobTitle}} role at {{company}}: I'm still very interested and would appreciate a few minutes to talk about it.",
        '',
        'Thanks,',
        '{{myName}}',
      ].join('\n'),
      builtIn: true,
      updatedAt: now,
    },
  ];
}
