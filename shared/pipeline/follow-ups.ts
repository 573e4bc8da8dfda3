// Which sends are due a follow-up, and how many LinkedIn notes and messages went out this week
// (docs/pipeline.md). Pure rules over the user's history rows; the views and the toolbar badge
// call them with this browser's copy and a clock.

const DAY_MS = 24 * 3600 * 1000;
export const DEFAULT_FOLLOW_UP_DAYS = 7;
/** LinkedIn restricts accounts that send too many invitations or messages; the default weekly cap. */
export const DEFAULT_LINKEDIN_WEEKLY_CAP = 100;
/** The side panel warns from this share of the cap. */
export const LINKEDIN_WARN_SHARE = 0.8;

export interface PipelineRow {
  id: number;
  channel: 'email' | 'linkedin' | 'both';
  status: string;
  sentAt: number;
  repliedAt?: number | null;
  followUpOf?: number | null;
  /** the template's name at the time of the send; null/absent: written without one */
  template?: string | null;
  recipientEmail: string | null;
  recipientLinkedinUrl: string | null;
}

/** Whom a row was sent to, for "nothing sent to or heard from that person since". */
export const personOf = (r: Pick<PipelineRow, 'recipientEmail' | 'recipientLinkedinUrl'>) =>
  r.recipientLinkedinUrl ?? (r.recipientEmail ? `mailto:${r.recipientEmail}` : null);

/**
 * First messages (not follow-ups) sent at least `afterDays` ago with no reply, no follow-up of
 * their own, and nothing sent to or heard from that person since; oldest first. `closed`: people
 * whose status (set by hand) ends the conversation — replied, interviewing, offer, rejected.
 */
export function dueFollowUps(
  rows: readonly PipelineRow[],
  opts: { afterDays?: number; now: number; closed?: ReadonlySet<string> },
): PipelineRow[] {
  const afterMs = (opts.afterDays ?? DEFAULT_FOLLOW_UP_DAYS) * DAY_MS;
  const sent = rows.filter((r) => r.status === 'sent');
  const followedUp = new Set(sent.flatMap((r) => (r.followUpOf ? [r.followUpOf] : [])));
  const lastTouch = new Map<string, number>();
  for (const r of sent) {
    const p = personOf(r);
    if (!p) continue;
    const touch = Math.max(r.sentAt, r.repliedAt ?? 0);
    lastTouch.set(p, Math.max(lastTouch.get(p) ?? 0, touch));
  }
  return sent
    .filter((r) => {
      const p = personOf(r);
      return (
        !r.followUpOf &&
        !r.repliedAt &&
        !followedUp.has(r.id) &&
        opts.now - r.sentAt >= afterMs &&
        !(p && opts.closed?.has(p)) &&
        !(p && (lastTouch.get(p) ?? 0) > r.sentAt)
      );
    })
    .sort((a, b) => a.sentAt - b.sentAt);
}

/** LinkedIn notes and messages (LinkedIn or both) sent in the rolling 7 days up to `now`. */
export function linkedinSentThisWeek(rows: readonly PipelineRow[], now: number): number {
  return rows.filter(
    (r) => r.status === 'sent' && r.channel !== 'email' && r.sentAt > now - 7 * DAY_MS && r.sentAt <= now,
  ).length;
}

/** 'over': at or past the cap; 'near': past LINKEDIN_WARN_SHARE of it; else 'ok'. */
export function linkedinCapLevel(count: number, cap: number): 'ok' | 'near' | 'over' {
  if (count >= cap) return 'over';
  return count >= Math.floor(cap * LINKEDIN_WARN_SHARE) ? 'near' : 'ok';
}
