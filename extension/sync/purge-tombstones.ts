// Drafts deleted here or elsewhere stay as local tombstones so an open editor can say so and
// offer Restore; like the server's (docs/sync.md), they go after 30 days — unless they still
// carry a notice the user has not settled, or a change waiting to be pushed.
import type { ReachlogDb } from '@/db/database';
import { draftTarget } from './local-apply';

export const LOCAL_TOMBSTONE_MS = 30 * 24 * 60 * 60_000;

export async function purgeOldTombstones(database: ReachlogDb, now = Date.now()): Promise<number> {
  return database.transaction('rw', [database.drafts, database.mutations], async () => {
    const pending = new Set((await database.mutations.toArray()).map((m) => m.target));
    const old = await database.drafts
      .where('[status+deleted]')
      .anyOf([
        ['draft', 1],
        ['sent', 1],
      ])
      .filter(
        (d) =>
          d.updatedAt < now - LOCAL_TOMBSTONE_MS &&
          d.conflicts.length === 0 &&
          !pending.has(draftTarget(d.id)),
      )
      .primaryKeys();
    await database.drafts.bulkDelete(old);
    return old.length;
  });
}
