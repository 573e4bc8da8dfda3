import type { ReachlogApi } from '@/api/api';
import { classifyError } from '@/api/errors';
import type { ReachlogDb } from '@/db/database';
import type { DraftRow } from '@/db/types';
import { toUpsertInput } from './convert';
import { withDraftLock } from './draft-lock';

export interface PushResult {
  pushed: number;
  deleted: number;
  /** drafts the server refused (invalid e-mail, …): kept dirty, reason in syncError */
  refused: number;
}

/**
 * Sends one local draft to the server. A dirty draft is upserted; a tombstone is deleted on the
 * server and then removed here. Network and session errors are thrown (the caller stops); a
 * refusal is written into the draft's syncError and thrown too.
 */
async function pushOne(
  api: ReachlogApi,
  draft: DraftRow,
  database: ReachlogDb,
): Promise<'pushed' | 'deleted'> {
  if (draft.syncState === 'deleted') {
    try {
      await api.deleteDraft(draft.id);
    } catch (error) {
      // never reached the server, or already gone there: either way the tombstone has done its job
      if (classifyError(error).code !== 'NOT_FOUND') throw error;
    }
    await database.transaction('rw', database.drafts, async () => {
      const cur = await database.drafts.get(draft.id);
      if (cur?.syncState === 'deleted') await database.drafts.delete(draft.id);
    });
    return 'deleted';
  }
  let saved;
  try {
    saved = await api.upsertDraft(toUpsertInput(draft));
  } catch (error) {
    const info = classifyError(error);
    if (info.kind === 'rejected' && draft.syncError !== info.message) {
      await database.drafts.update(draft.id, { syncError: info.message });
    }
    throw error;
  }
  await database.transaction('rw', database.drafts, async () => {
    const cur = await database.drafts.get(draft.id);
    if (!cur) return;
    if (cur.updatedAt === draft.updatedAt && cur.syncState === 'dirty') {
      // nothing typed since we read it: the server's copy is now the truth, stamped by its clock
      await database.drafts.update(draft.id, {
        syncState: 'synced',
        syncError: null,
        status: saved.status,
        updatedAt: new Date(saved.updatedAt).getTime(),
      });
    } else {
      await database.drafts.update(draft.id, { syncError: null });
    }
  });
  return 'pushed';
}

/** Pushes one draft if it has local changes (the outbox calls this before drafts.send). */
export function pushDraft(api: ReachlogApi, id: string, database: ReachlogDb): Promise<void> {
  return withDraftLock(async () => {
    const draft = await database.drafts.get(id);
    if (draft && draft.syncState !== 'synced') await pushOne(api, draft, database);
  });
}

/** Pushes every dirty draft and every tombstone, oldest change first. */
export function pushDrafts(api: ReachlogApi, database: ReachlogDb): Promise<PushResult> {
  return withDraftLock(async () => {
    const result: PushResult = { pushed: 0, deleted: 0, refused: 0 };
    const pending = await database.drafts.where('syncState').anyOf('dirty', 'deleted').sortBy('updatedAt');
    for (const draft of pending) {
      try {
        result[(await pushOne(api, draft, database)) === 'pushed' ? 'pushed' : 'deleted']++;
      } catch (error) {
        if (classifyError(error).kind !== 'rejected') throw error;
        result.refused++;
      }
    }
    return result;
  });
}
