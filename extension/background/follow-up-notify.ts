// The optional browser notification for follow-ups that come due (docs/pipeline.md). Off until
// the user turns it on in Settings, which asks for the `notifications` permission then (an
// optional permission: nothing is asked at install). Checked on the minute alarm, since time
// alone makes a send due; each send is notified once.
import { queryPipelineSummary } from '@/data/pipeline';
import type { ReachlogDb } from '@/db/database';
import { getSetting, setSetting } from '@/db/settings';

export const FOLLOW_UP_NOTIFICATION_ID = 'reachlog-follow-ups';

export interface FollowUpNotice {
  title: string;
  message: string;
}

/**
 * Tells the user about follow-ups that became due since the last check (one notification for
 * all of them), when turned on. Returns how many were new. `notify` false = the browser would
 * not show it (permission withdrawn): they are told about next time instead.
 */
export async function notifyNewlyDueFollowUps(
  database: ReachlogDb,
  notify: (n: FollowUpNotice) => Promise<boolean>,
  now: number = Date.now(),
): Promise<number> {
  if (!(await getSetting('followUpNotifications', database))) return 0;
  const { due } = await queryPipelineSummary(now, database);
  const told = new Set(await getSetting('followUpsNotified', database));
  const fresh = due.filter((r) => !told.has(r.id));
  if (fresh.length > 0) {
    const first = fresh[0]!;
    const shown = await notify(
      fresh.length === 1
        ? {
            title: `Follow up with ${first.recipientName}`,
            message: `No reply since your message${first.companyName ? ` about ${first.companyName}` : ''}. Open Reachlog to follow up.`,
          }
        : {
            title: `${fresh.length} follow-ups due`,
            message: `${fresh
              .map((r) => r.recipientName)
              .slice(0, 3)
              .join(', ')}${fresh.length > 3 ? '…' : ''} have not replied. Open Reachlog to follow up.`,
          },
    );
    if (!shown) return 0;
  }
  // only what is still due is remembered: the list stays as short as the overview's
  const dueIds = new Set(due.map((r) => r.id));
  await setSetting(
    'followUpsNotified',
    [...told].filter((id) => dueIds.has(id)).concat(fresh.map((r) => r.id)),
    database,
  );
  return fresh.length;
}
