// Tombstone compaction. A deleted draft, contact or template stays as a tombstone (with its last
// content: "deleted in another browser — restore?" needs it) for TOMBSTONE_RETENTION_MS, so
// every browser that syncs within that time learns of the delete incrementally. Then it is
// deleted for good, and the user's `compacted_through` remembers the highest version removed: a
// browser whose cookie is older (away for longer than the retention) gets `reset` on its next
// pull and syncs in full, which is correct, only larger.
//
// A tombstone that still carries an unresolved "edited after it was deleted" notice is kept
// until the user settles it: that edit is typed text nobody has seen yet.
//
// Sync clients not heard from within the retention are forgotten as well; if one comes back,
// its next push is a gap, and it recovers by pulling (docs/sync.md).
import type { Database } from '../db/client';

export const TOMBSTONE_RETENTION_MS = 30 * 24 * 60 * 60_000;

export interface CompactResult {
  drafts: number;
  items: number;
  clients: number;
}

export function createSyncCompact(deps: { db: Database }) {
  const { prisma } = deps.db;

  return async function compact(
    now = new Date(),
    retentionMs = TOMBSTONE_RETENTION_MS,
  ): Promise<CompactResult> {
    const cutoff = new Date(now.getTime() - retentionMs);
    const draftWhere = {
      deletedAt: { lt: cutoff },
      NOT: { conflicts: { contains: 'edited-after-delete' } },
    };
    const itemWhere = { deletedAt: { lt: cutoff } };
    return prisma.$transaction(async (tx) => {
      const [drafts, items] = await Promise.all([
        tx.draft.groupBy({ by: ['userId'], where: draftWhere, _max: { version: true } }),
        tx.syncItem.groupBy({ by: ['userId'], where: itemWhere, _max: { version: true } }),
      ]);
      const highest = new Map<string, number>();
      for (const g of [...drafts, ...items]) {
        const v = g._max.version ?? 0;
        highest.set(g.userId, Math.max(highest.get(g.userId) ?? 0, v));
      }
      for (const [userId, version] of highest) {
        await tx.userVersion.updateMany({
          where: { userId, compactedThrough: { lt: version } },
          data: { compactedThrough: version },
        });
      }
      const removedDrafts = await tx.draft.deleteMany({ where: draftWhere });
      const removedItems = await tx.syncItem.deleteMany({ where: itemWhere });
      const removedClients = await tx.syncClient.deleteMany({ where: { updatedAt: { lt: cutoff } } });
      return { drafts: removedDrafts.count, items: removedItems.count, clients: removedClients.count };
    });
  };
}
