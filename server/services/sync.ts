// The sync protocol's service (docs/sync.md): push, pull, the live change feed and tombstone
// compaction, over the same rows the drafts/history procedures use.
import type { Database } from '../db/client';
import type { ChangeFeed } from './change-feed';
import { createSyncCompact } from './sync-compact';
import { createSyncPull } from './sync-pull';
import { createSyncPush } from './sync-push';

export function createSyncService(deps: { db: Database; changes: ChangeFeed }) {
  return {
    push: createSyncPush({ db: deps.db, onChange: (userId) => deps.changes.notify(userId) }),
    pull: createSyncPull({ db: deps.db }),
    compact: createSyncCompact({ db: deps.db }),
    changes: deps.changes,
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
