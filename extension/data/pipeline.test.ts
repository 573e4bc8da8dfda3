// Pipeline statuses over a real (fake-indexeddb) Dexie: derived from history, set by hand, synced.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReachlogDb } from '@/db/database';
import type { HistoryRowLocal } from '@/db/types';
import { badgeText } from '@/background/follow-up-badge';
import {
  DUE_SHOWN,
  queryContactStatuses,
  queryFollowUpDueFor,
  queryPersonStatus,
  queryPipelineSummary,
} from './pipeline';
import { setContactStatus } from '@/sync/local-writes';

let database: ReachlogDb;
beforeEach(() => {
  database = new ReachlogDb(`pipeline-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await database.delete();
});

const JANE = 'https://www.linkedin.com/in/jane-doe/';
const hist = (id: number, patch: Partial<HistoryRowLocal>): HistoryRowLocal => ({
  id,
  recipientName: 'Jane',
  recipientEmail: null,
  recipientLinkedinUrl: null,
  jobTitle: null,
  companyName: null,
  jobUrl: null,
  channel: 'linkedin',
  emailSubject: null,
  emailBody: null,
  linkedinMessage: 'hi',
  status: 'sent',
  error: null,
  sentAt: id * 1000,
  createdAt: id * 1000,
  draftId: null,
  repliedAt: null,
  followUpOf: null,
  ...patch,
});

describe('pipeline statuses', () => {
  it('derives contacted and replied from the history, by LinkedIn URL or e-mail', async () => {
    await database.history.bulkPut([
      hist(1, { recipientLinkedinUrl: JANE }),
      hist(2, { recipientEmail: 'jane@acme.test', channel: 'email', repliedAt: 5000 }),
      hist(3, { recipientEmail: 'kim@acme.test', channel: 'email' }),
    ]);
    await database.contacts.bulkPut([
      { id: JANE, name: 'Jane', linkedinUrl: JANE, email: 'jane@acme.test', headline: null, title: null, company: null, location: null, jobs: [], firstSeenAt: 1, lastSeenAt: 1 },
      { id: 'mailto:kim@acme.test', name: 'Kim', linkedinUrl: null, email: 'kim@acme.test', headline: null, title: null, company: null, location: null, jobs: [], firstSeenAt: 1, lastSeenAt: 1 },
    ]);
    const statuses = await queryContactStatuses(database);
    expect(Object.fromEntries(statuses)).toEqual({ [JANE]: 'replied', 'mailto:kim@acme.test': 'contacted' });
    expect((await queryPersonStatus({ linkedinUrl: 'https://linkedin.com/in/Jane-Doe?trk=x', email: null }, database)).status).toBe(
      'contacted',
    );
    expect((await queryPersonStatus({ linkedinUrl: JANE, email: 'JANE@acme.test' }, database)).status).toBe('replied');
  });

  it('a status set by hand wins, creates a contact for a person never captured, and is queued for sync', async () => {
    await database.history.put(hist(1, { recipientEmail: 'lee@acme.test', channel: 'email' }));
    await setContactStatus({ name: 'Lee', linkedinUrl: null, email: 'lee@acme.test' }, 'interviewing', 42, database);
    expect((await queryPersonStatus({ linkedinUrl: null, email: 'lee@acme.test' }, database)).status).toBe('interviewing');
    const queued = await database.mutations.toArray();
    expect(queued.map((m) => [m.name, (m.args as { patch: Record<string, unknown> }).patch.status])).toEqual([
      ['item.put', 'interviewing'],
    ]);
    await setContactStatus({ name: 'Lee', linkedinUrl: null, email: 'lee@acme.test' }, null, 43, database);
    expect((await queryPersonStatus({ linkedinUrl: null, email: 'lee@acme.test' }, database)).status).toBe('contacted');
  });
});

describe('pipeline summary', () => {
  it('lists follow-ups due after the set days, leaves out closed people, counts the LinkedIn week', async () => {
    const DAY = 24 * 3600 * 1000;
    const now = 100 * DAY;
    await database.history.bulkPut([
      hist(1, { recipientLinkedinUrl: JANE, sentAt: now - 9 * DAY }),
      hist(2, { recipientEmail: 'kim@acme.test', channel: 'email', sentAt: now - 8 * DAY }),
      hist(3, { recipientEmail: 'lee@acme.test', channel: 'email', sentAt: now - 2 * DAY }),
      hist(4, { recipientLinkedinUrl: 'https://www.linkedin.com/in/max/', sentAt: now - 1 * DAY }),
    ]);
    await setContactStatus({ name: 'Kim', linkedinUrl: null, email: 'kim@acme.test' }, 'rejected', now, database);
    const s = await queryPipelineSummary(now, database);
    expect(s.due.map((r) => r.id)).toEqual([1]);
    expect(s).toMatchObject({ linkedinWeek: 1, cap: 100, capLevel: 'ok', followUpDays: 7 });
    expect(s.dueCount).toBe(1);
    expect(badgeText(s.dueCount)).toBe('1');
  });

  it("finds one person's due follow-up beyond the oldest the overview lists, and none once they replied", async () => {
    const DAY = 24 * 3600 * 1000;
    const now = 100 * DAY;
    const others = Array.from({ length: DUE_SHOWN + 5 }, (_, i) =>
      hist(10 + i, { recipientEmail: `p${i}@acme.test`, channel: 'email', sentAt: now - 30 * DAY + i }),
    );
    await database.history.bulkPut([...others, hist(1, { recipientLinkedinUrl: JANE, sentAt: now - 8 * DAY })]);
    const s = await queryPipelineSummary(now, database);
    expect(s.dueCount).toBe(DUE_SHOWN + 6);
    expect(s.due.map((r) => r.id)).not.toContain(1);
    expect((await queryPipelineSummary(now, database, Number.POSITIVE_INFINITY)).due).toHaveLength(DUE_SHOWN + 6);
    const jane = { linkedinUrl: 'https://linkedin.com/in/Jane-Doe?trk=x', email: null };
    expect((await queryFollowUpDueFor(jane, now, database))?.id).toBe(1);
    expect(await queryFollowUpDueFor({ linkedinUrl: JANE, email: null }, now - 2 * DAY, database)).toBeNull();
    await setContactStatus({ name: 'Jane', linkedinUrl: JANE, email: null }, 'interviewing', now, database);
    expect(await queryFollowUpDueFor(jane, now, database)).toBeNull();
  });
});
