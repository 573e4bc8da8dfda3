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
  ];
}
