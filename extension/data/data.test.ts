import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReachlogDb } from '@/db/database';
import type { DraftPatch, HistoryRowLocal } from '@/db/types';
import { saveDraft } from '@/db/drafts';
import { createDraftSaver } from './draft-saver';
import { queryDraftsForRecipient, queryOutbox, queryRecipientHistory, queryTemplates } from './queries';

let database: ReachlogDb;
beforeEach(() => {
  database = new ReachlogDb(`data-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.useRealTimers();
  await database.delete();
});

describe('createDraftSaver', () => {
  it('merges keystrokes into one write per pause and writes them all on flush', async () => {
    vi.useFakeTimers();
    const writes: DraftPatch[] = [];
    const saver = createDraftSaver(300, async (p) => void writes.push(p));
    saver.save({ id: 'd1', emailBody: 'H' });
    saver.save({ id: 'd1', emailBody: 'Hi', recipient: { name: 'Jane', email: null, linkedinUrl: null } });
    saver.save({ id: 'd1', recipient: { name: 'Jane', email: 'jane@acme.test', linkedinUrl: null } });
    saver.save({ id: 'd2', emailSubject: 'S' });
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(299);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([
      { id: 'd1', emailBody: 'Hi', recipient: { name: 'Jane', email: 'jane@acme.test', linkedinUrl: null } },
      { id: 'd2', emailSubject: 'S' },
    ]);
    saver.save({ id: 'd1', emailBody: 'Hi there' });
    expect(saver.pending()).toBe(1);
    await saver.flush();
    expect(writes.at(-1)).toEqual({ id: 'd1', emailBody: 'Hi there' });
    expect(saver.pending()).toBe(0);
  });

  it('writes through saveDraft into Dexie by default', async () => {
    const saver = createDraftSaver(10, (p) => saveDraft(p, database));
    saver.save({ id: 'draft-0001', emailBody: 'typed' });
    await saver.flush();
    expect(await database.drafts.get('draft-0001')).toMatchObject({ emailBody: 'typed', syncState: 'dirty' });
  });
});

const hist = (id: number, patch: Partial<HistoryRowLocal>): HistoryRowLocal => ({
  id,
  recipientName: 'Jane',
  recipientEmail: null,
  recipientLinkedinUrl: null,
  jobTitle: null,
  companyName: null,
  jobUrl: null,
  channel: 'email',
  emailSubject: null,
  emailBody: null,
  linkedinMessage: null,
  status: 'sent',
  error: null,
  sentAt: id * 1000,
  createdAt: id * 1000,
  draftId: null,
  ...patch,
});

describe('queries', () => {
  it('finds earlier sends by LinkedIn URL, e-mail or job, newest first, without duplicates', async () => {
    await database.history.bulkPut([
      hist(1, { recipientLinkedinUrl: 'https://www.linkedin.com/in/jane-doe/' }),
      hist(2, { recipientEmail: 'jane@acme.test', recipientLinkedinUrl: 'https://www.linkedin.com/in/jane-doe/' }),
      hist(3, { jobUrl: 'https://www.linkedin.com/jobs/view/3791234567/' }),
      hist(4, { recipientEmail: 'other@x.test' }),
    ]);
    const rows = await queryRecipientHistory(
      { linkedinUrl: 'https://linkedin.com/in/Jane-Doe?trk=1', email: 'JANE@acme.test', jobUrl: 'https://www.linkedin.com/jobs/view/3791234567' },
      database,
    );
    expect(rows.map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('lists drafts for a recipient and hides tombstones', async () => {
    await saveDraft({ id: 'draft-a-001', recipient: { name: 'J', email: 'jane@acme.test', linkedinUrl: null } }, database);
    await saveDraft({ id: 'draft-b-001', recipient: { name: 'J', email: null, linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' } }, database);
    await database.drafts.update('draft-b-001', { syncState: 'deleted' });
    const rows = await queryDraftsForRecipient({ email: 'Jane@Acme.test', linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' }, database);
    expect(rows.map((d) => d.id)).toEqual(['draft-a-001']);
  });

  it('shows sends in flight and failed, and sent ones only for a while', async () => {
    const base = { kind: 'email' as const, payload: {}, recipientName: 'J', draftId: null, waitingFor: null, attempts: 0, nextAttemptAt: 0, error: null, historyId: null };
    await database.outbox.bulkAdd([
      { ...base, id: 'old-sent', state: 'sent', createdAt: 1, updatedAt: 1 },
      { ...base, id: 'recent-sent', state: 'sent', createdAt: 2, updatedAt: 990_000 },
      { ...base, id: 'failed', state: 'failed', createdAt: 3, updatedAt: 3 },
      { ...base, id: 'waiting', state: 'waiting', createdAt: 4, updatedAt: 4 },
    ]);
    expect((await queryOutbox(60_000, 1_000_000, database)).map((r) => r.id)).toEqual(['recent-sent', 'failed', 'waiting']);
  });

  it('lists the seeded templates by kind', async () => {
    expect((await queryTemplates('linkedin-note', database)).map((t) => t.id)).toEqual(['default-linkedin-note']);
  });
});
