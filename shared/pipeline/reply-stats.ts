// What works (docs/pipeline.md): reply rates, time to reply, follow-ups, weekly sends and replies.
import type { PipelineRow } from './follow-ups';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** first messages sent, how many were answered, the share (0–1; null without sends) */
export interface ReplyRate {
  sent: number;
  replied: number;
  rate: number | null;
}

export interface ReplyStats {
  /** per channel */
  byChannel: Record<PipelineRow['channel'], ReplyRate>;
  /**
   * Per template a first message was written from (its name at the time; null: none), most
   * used first; the rows without a template last.
   */
  byTemplate: ({ template: string | null } & ReplyRate)[];
  /** median time from a send to its reply, in ms (null: no replies) */
  medianReplyMs: number | null;
  followUpsSent: number;
  /** the last `weeks` weeks, oldest first: sends and replies that fell in each */
  weekly: { weekStart: number; sent: number; replied: number }[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function replyStats(rows: readonly PipelineRow[], opts: { now: number; weeks?: number }): ReplyStats {
  const sent = rows.filter((r) => r.status === 'sent');
  // A thread's reply counts for its first message (a follow-up's reply answers the thread).
  const firsts = sent.filter((r) => !r.followUpOf);
  const threadReplied = new Set(sent.flatMap((r) => (r.repliedAt ? [r.followUpOf ?? r.id] : [])));
  const rateOf = (of: readonly PipelineRow[]): ReplyRate => {
    const replied = of.filter((r) => threadReplied.has(r.id)).length;
    return { sent: of.length, replied, rate: of.length ? replied / of.length : null };
  };
  const byChannel = {} as ReplyStats['byChannel'];
  for (const ch of ['email', 'linkedin', 'both'] as const)
    byChannel[ch] = rateOf(firsts.filter((r) => r.channel === ch));
  const byName = new Map<string | null, PipelineRow[]>();
  for (const r of firsts) {
    const name = r.template?.trim() || null;
    byName.set(name, [...(byName.get(name) ?? []), r]);
  }
  const byTemplate = [...byName]
    .map(([template, of]) => ({ template, ...rateOf(of) }))
    .sort(
      (a, b) =>
        Number(a.template === null) - Number(b.template === null) ||
        b.sent - a.sent ||
        (a.template ?? '').localeCompare(b.template ?? ''),
    );
  const weeks = opts.weeks ?? 8;
  const start = opts.now - weeks * WEEK_MS;
  const weekly = Array.from({ length: weeks }, (_, i) => ({
    weekStart: start + i * WEEK_MS,
    sent: 0,
    replied: 0,
  }));
  const slot = (t: number) => Math.floor((t - start) / WEEK_MS);
  for (const r of sent) {
    const i = slot(r.sentAt);
    if (i >= 0 && i < weeks) weekly[i]!.sent += 1;
    if (r.repliedAt) {
      const j = slot(r.repliedAt);
      if (j >= 0 && j < weeks) weekly[j]!.replied += 1;
    }
  }
  return {
    byChannel,
    byTemplate,
    medianReplyMs: median(sent.flatMap((r) => (r.repliedAt ? [Math.max(0, r.repliedAt - r.sentAt)] : []))),
    followUpsSent: sent.filter((r) => r.followUpOf).length,
    weekly,
  };
}
