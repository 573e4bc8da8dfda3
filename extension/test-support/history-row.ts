// A sent e-mail as the extension keeps it (a local history row), for tests that need rows in the
// history: row `id` went to "Person <id>", `id` minutes before `now`, so a lower id is newer.
import type { HistoryRowLocal } from '../db/types';

export function sentEmailRow(
  id: number,
  now = Date.now(),
  patch: Partial<HistoryRowLocal> = {},
): HistoryRowLocal {
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
    sentAt: now - id * 60_000,
    createdAt: now - id * 60_000,
    draftId: null,
    repliedAt: null,
    followUpOf: null,
    ...patch,
  };
}
