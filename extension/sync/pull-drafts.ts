import type { ReachlogApi } from '@/api/api';
import type { ReachlogDb } from '@/db/database';
import { sessionGeneration, writeInSession } from '@/db/session-generation';
import { toLocalDraft } from './convert';
import { withDraftLock } from './draft-lock';

export interface PullDraftsResult {
  added: number;
  updated: number;
  removed: number;
}

/**
 * Brings the server's drafts into Dexie. The server's copy wins over a synced local copy when it
 * is newer; a local copy with unpushed edits (dirty) or a tombstone is kept for the next push; a
 * synced draft the server no longer has was deleted in another browser and goes here too.
 */
export function pullDrafts(
  api: ReachlogApi,
  database: ReachlogDb,
  generation?: number,
): Promise<PullDraftsResult> {
  return withDraftLock(async () => {
    const gen = generation ?? (await sessionGeneration(database));
    const server = await api.listDrafts();
    const result: PullDraftsResult = { added: 0, updated: 0, removed: 0 };
    // nothing is written if the user signed out while the list was on its way
    await writeInSession(database, gen, [database.drafts], async () => {
      const seen = new Set<string>();
      for (const d of server) {
        seen.add(d.id);
        const local = await database.drafts.get(d.id);
        const incoming = toLocalDraft(d, local?.createdAt);
        if (!local) {
          await database.drafts.add(incoming);
          result.added++;
        } else if (
          local.syncState === 'synced' &&
          (incoming.updatedAt > local.updatedAt || incoming.status !== local.status)
        ) {
          await database.drafts.put(incoming);
          result.updated++;
        }
      }
      const gone = await database.drafts
        .where('syncState')
        .equals('synced')
        .filter((d) => !seen.has(d.id))
        .primaryKeys();
      await database.drafts.bulkDelete(gone);
      result.removed = gone.length;
    });
    return result;
  });
}
