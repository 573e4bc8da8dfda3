// A sent e-mail as the extension keeps it (a local history row), for tests that need rows in the
// history: row `id` went to "Person <id>", `id` minutes ago, so a lower id is newer.
import type { HistoryRowLocal } from '../db/types';

export function sentEmailRow(id: number): HistoryRowLocal {
  const at = Date.now() - id * 60_000;
  return {
    id,
    recipientName: `Person ${id}`,
    recipientEmail: `p${id}@example.com`,
    recipientLinkedinUrl: null,
    jobTitle: 'Engineer',
    companyName: 'Acme',
    jobUrl: null,
    channel: 'email',
    emailSubject: 'Hi',
    emailBody: 'Hello',
    linkedinMessage: null,
    status: 'sent',
    error: null,
    sentAt: at,
    createdAt: at,
    draftId: null,
    repliedAt: null,
    followUpOf: null,
  };
}
