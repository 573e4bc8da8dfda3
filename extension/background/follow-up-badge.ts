// The toolbar icon shows how many follow-ups are due (docs/pipeline.md), refreshed on the sync
// alarm and whenever this browser's history changes.
import { liveQuery } from 'dexie';
import { queryPipelineSummary } from '@/data/pipeline';
import type { ReachlogDb } from '@/db/database';

export function badgeText(due: number): string {
  return due === 0 ? '' : due > 99 ? '99+' : String(due);
}

/** Keeps the badge current; returns the stop. */
export function watchFollowUpBadge(
  database: ReachlogDb,
  setBadge: (text: string) => Promise<unknown> | void,
  now: () => number = Date.now,
): () => void {
  const sub = liveQuery(() => queryPipelineSummary(now(), database)).subscribe({
    next: (s) => void Promise.resolve(setBadge(badgeText(s.dueCount))).catch(() => undefined),
    error: () => undefined,
  });
  return () => sub.unsubscribe();
}
