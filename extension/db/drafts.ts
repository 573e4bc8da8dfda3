import { db as defaultDb, type ReachlogDb } from './database';
import type { DraftPatch, DraftRow } from './types';

export function newDraftId(): string {
  return crypto.randomUUID();
}

export function emptyDraft(id: string, now: number): DraftRow {
  return {
    id,
    recipient: { name: '', email: null, linkedinUrl: null },
    jobTitle: null,
    companyName: null,
    jobUrl: null,
    emailSubject: null,
    emailBody: null,
    linkedinMessage: null,
    status: 'draft',
    updatedAt: now,
    createdAt: now,
    syncState: 'dirty',
    syncError: null,
  };
}

/**
 * Writes a view's edit at once (so nothing typed is lost when the panel closes) and marks the
 * draft dirty for the sync engine. Creates the draft when the id is new. A deleted draft stays
 * deleted: an edit racing a delete must not bring it back.
 */
export async function saveDraft(
  patch: DraftPatch,
  database: ReachlogDb = defaultDb,
): Promise<DraftRow | null> {
  return database.transaction('rw', database.drafts, async () => {
    const now = Date.now();
    const current = await database.drafts.get(patch.id);
    if (current?.syncState === 'deleted') return null;
    const base = current ?? emptyDraft(patch.id, now);
    const next: DraftRow = {
      ...base,
      ...patch,
      recipient: { ...base.recipient, ...patch.recipient },
      // strictly increasing, so "local newer than the server" comparisons stay true
      updatedAt: Math.max(now, base.updatedAt + 1),
      syncState: 'dirty',
    };
    await database.drafts.put(next);
    return next;
  });
}

/** Creates a draft with a fresh client-made id and returns it. */
export async function createDraft(
  init: Omit<DraftPatch, 'id'>,
  database: ReachlogDb = defaultDb,
): Promise<DraftRow> {
  const row = await saveDraft({ ...init, id: newDraftId() }, database);
  if (!row) throw new Error('A new draft cannot be a tombstone');
  return row;
}

/**
 * Deletes a draft as a tombstone: the sync engine sends drafts.delete and then removes the row
 * (a push of it may already be in flight, so removing it at once could resurrect it).
 */
export async function deleteDraft(id: string, database: ReachlogDb = defaultDb): Promise<void> {
  await database.transaction('rw', database.drafts, async () => {
    const current = await database.drafts.get(id);
    if (!current) return;
    await database.drafts.update(id, {
      syncState: 'deleted',
      updatedAt: Math.max(Date.now(), current.updatedAt + 1),
    });
  });
}

/** Drafts a view lists: tombstones hidden, newest edit first. */
export async function listDrafts(database: ReachlogDb = defaultDb): Promise<DraftRow[]> {
  const rows = await database.drafts.orderBy('updatedAt').reverse().toArray();
  return rows.filter((d) => d.syncState !== 'deleted');
}
