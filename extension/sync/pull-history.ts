import type { ReachlogApi } from '@/api/api';
import type { ReachlogDb } from '@/db/database';
import { getSetting, setSetting } from '@/db/settings';
import { sessionGeneration, writeInSession } from '@/db/session-generation';
import { toLocalHistory } from './convert';

export interface PullHistoryOptions {
  pageSize?: number;
  /** a safety stop for one run; the next run continues where the local copy ends */
  maxPages?: number;
  now?: number;
  /** the session generation the sync started in (default: read now) */
  generation?: number;
}

/**
 * Pulls history newest first. The first pull on this browser reads every page; later pulls stop
 * at the first page holding a row already known (history is append-only; the newest page is
 * re-read each time, which also refreshes a failed send that a retry turned into sent).
 */
export async function pullHistory(
  api: ReachlogApi,
  database: ReachlogDb,
  opts: PullHistoryOptions = {},
): Promise<number> {
  const pageSize = opts.pageSize ?? 100;
  const maxPages = opts.maxPages ?? 100;
  const generation = opts.generation ?? (await sessionGeneration(database));
  const firstPull = (await getSetting('lastHistoryPullAt', database)) === 0;
  let cursor: string | null = null;
  let stored = 0;
  let complete = false;
  for (let page = 0; page < maxPages; page++) {
    const res = await api.historyList({ cursor, limit: pageSize });
    const ids = res.items.map((r) => r.id);
    const known = (await database.history.bulkGet(ids)).some(Boolean);
    // signed out while the page was on its way: stop, the rows belong to the previous user
    const written = await writeInSession(database, generation, [database.history], () =>
      database.history.bulkPut(res.items.map(toLocalHistory)),
    );
    if (!written) return stored;
    stored += res.items.length;
    cursor = res.nextCursor;
    if (!cursor || (known && !firstPull)) {
      complete = true;
      break;
    }
  }
  // only a complete first pull switches later pulls to "stop at the first known row"
  if (complete)
    await writeInSession(database, generation, [], () =>
      setSetting('lastHistoryPullAt', opts.now ?? Date.now(), database),
    );
  return stored;
}
