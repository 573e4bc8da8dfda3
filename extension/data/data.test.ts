// The views' data layer: its queries over a real (fake-indexeddb) Dexie, and its writes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReachlogDb } from '@/db/database';
import type { HistoryRowLocal } from '@/db/types';
import { createDraft, deleteDraft, resolveDraftConflict, saveDraft } from '@/sync/local-writes';
import {
  countOpenDrafts,
  queryDraftsDeletedWithEdits,
  queryDraftsForRecipient,
  queryOpenDraftFor,
  queryOutbox,
  queryRecipientHistory,
  queryTemplates,
  queryWaiting,
} from './queries';

let database: ReachlogDb;
beforeEach(() => {
  database = new ReachlogDb(`data-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await database.delete();
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
  repliedAt: null,
  followUpOf: null,
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

  it('lists drafts for a recipient (e-mail in any case), hides deleted ones, finds the open one', async () => {
    await saveDraft({ id: 'draft-a-001', recipientName: 'J', recipientEmail: 'Jane@acme.test' }, database);
    await saveDraft({ id: 'draft-b-001', recipientName: 'J', recipientLinkedinUrl: 'https://www.linkedin.com/in/jane-doe/' }, database);
    await saveDraft({ id: 'draft-c-001', recipientName: 'J', recipientEmail: 'jane@acme.test' }, database);
    await deleteDraft('draft-b-001', database);
    await database.drafts.update('draft-c-001', { status: 'sent' });
    const rows = await queryDraftsForRecipient({ email: 'jane@ACME.test', linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' }, database);
    expect(rows.map((d) => d.id).sort()).toEqual(['draft-a-001', 'draft-c-001']);
    expect((await queryOpenDraftFor({ email: 'jane@acme.test' }, database))?.id).toBe('draft-a-001');
    expect(await countOpenDrafts(database)).toBe(1);
    expect(await queryWaiting(database)).toEqual({ changes: 4, sends: 0 });
  });

  it('lists drafts deleted elsewhere that carry edits made here, until the user decides', async () => {
    const d = await createDraft({ recipientName: 'Kim' }, database);
    await database.drafts.update(d.id, {
      deleted: 1,
      conflicts: [{ kind: 'edited-after-delete', id: 'c1', clientId: 'me', at: 1 }],
    });
    expect((await queryDraftsDeletedWithEdits(database)).map((x) => x.id)).toEqual([d.id]);
    await resolveDraftConflict(d.id, 'c1', false, database);
    expect(await queryDraftsDeletedWithEdits(database)).toEqual([]);
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
