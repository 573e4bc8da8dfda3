import type { THistoryPage } from '@@/shared/schemas/history';
import type { ReachlogApi } from '@/api/api';
import type { ReachlogDb } from '@/db/database';
import { sessionGeneration, writeInSession } from '@/db/session-generation';
import { getSetting, setSetting } from '@/db/settings';
import { toLocalHistory } from './convert';

export interface PullHistoryOptions {
  pageSize?: number;
  /** pages one run may read (a worker should not spend minutes in one sync); the next run resumes */
  maxPages?: number;
  now?: number;
  /** the session generation the sync started in (default: read now) */
  generation?: number;
}

/**
 * Pulls history newest first, in two walks that share one page budget:
 * - new rows: from the top until a page holding a row already known here (history is
 *   append-only; re-reading the newest page also refreshes a failed send that a retry turned
 *   into sent). Skipped before the first backfill page, which starts at the top anyway.
 * - backfill: older rows, from the cursor where the previous run stopped (kept in the
 *   `historyBackfillCursor` setting with each page, in the same transaction) to the end. When
 *   it reaches the end, `lastHistoryPullAt` is set and later runs only do the first walk.
 * So any size of history arrives in the end, a few pages per run, and a run never starts over.
 * Limit: more new rows between two runs than one run's budget (10,000 by default) would leave a
 * gap below them that only a fresh backfill (sign out and in) fills.
 */
export async function pullHistory(
  api: ReachlogApi,
  database: ReachlogDb,
  opts: PullHistoryOptions = {},
): Promise<number> {
  const pageSize = opts.pageSize ?? 100;
  let budget = opts.maxPages ?? 100;
  const generation = opts.generation ?? (await sessionGeneration(database));
  const backfillDone = (await getSetting('lastHistoryPullAt', database)) !== 0;
  const resumeAt = await getSetting('historyBackfillCursor', database);
  let stored = 0;

  /** false when the user signed out while the page was on its way (nothing written) */
  const store = async (page: THistoryPage, settings: () => Promise<void>): Promise<boolean> => {
    const written = await writeInSession(database, generation, [database.history], async () => {
      await database.history.bulkPut(page.items.map(toLocalHistory));
      await settings();
    });
    if (written) stored += page.items.length;
    return written;
  };

  if (backfillDone || resumeAt !== null) {
    let cursor: string | null = null;
    while (budget > 0) {
      budget--;
      const page = await api.historyList({ cursor, limit: pageSize });
      const known = (await database.history.bulkGet(page.items.map((r) => r.id))).some(Boolean);
      if (!(await store(page, async () => undefined))) return stored;
      cursor = page.nextCursor;
      if (!cursor || known) break;
    }
  }
  if (backfillDone) return stored;

  let cursor = resumeAt;
  while (budget > 0) {
    budget--;
    const page = await api.historyList({ cursor, limit: pageSize });
    const next = page.nextCursor;
    const ok = await store(page, async () => {
      await setSetting('historyBackfillCursor', next, database);
      if (!next) await setSetting('lastHistoryPullAt', opts.now ?? Date.now(), database);
    });
    if (!ok || !next) return stored;
    cursor = next;
  }
  return stored;
}
