// Pipeline views (docs/pipeline.md): follow-ups due, the LinkedIn week, what works.
import { usePipelineSummary, useReplyStats } from '@/data/reads';
import type { HistoryRowLocal } from '@/db/types';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';
import type { TChannel } from '@@/shared/schemas/history';
import { formatAgo, plural } from '../lib/format';

// from the labels, not the zod module, to keep zod out of the Overview's first chunk
const CHANNELS = Object.keys(CHANNEL_LABELS) as TChannel[];

/** Follow-ups due (dashboard), each with "Follow up": a draft from the follow-up templates. */
export function FollowUpsDue({ onFollowUp }: { onFollowUp?: (first: HistoryRowLocal) => void }) {
  const summary = usePipelineSummary();
  if (!summary) return null;
  return (
    <section className="card stack tight" data-testid="follow-ups-due" data-count={summary.dueCount}>
      <h2>Follow-ups due</h2>
      {summary.dueCount === 0 ? (
        <p className="small muted">
          Nobody to follow up: everyone you wrote to in the last {summary.followUpDays} days has answered or
          is still within that time.
        </p>
      ) : (
        <ul className="stack tight" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {summary.due.map((r) => (
            <li key={r.id} className="row small" data-testid="follow-up-row">
              <span style={{ fontWeight: 500 }}>{r.recipientName}</span>
              <span className="muted truncate" style={{ flex: 1 }}>
                {r.companyName ?? r.jobTitle ?? ''} · {CHANNEL_LABELS[r.channel]} · sent {formatAgo(r.sentAt)}
                , no reply
              </span>
              {onFollowUp ? (
                <button className="btn small" onClick={() => onFollowUp(r)} data-testid="follow-up">
                  Follow up
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The number of follow-ups due (popup). */
export function FollowUpCount() {
  const summary = usePipelineSummary();
  if (!summary || summary.dueCount === 0) return null;
  return (
    <div className="banner info small" data-testid="popup-follow-ups">
      {plural(summary.dueCount, 'follow-up')} due: open the dashboard&rsquo;s overview.
    </div>
  );
}

/** LinkedIn notes and messages this rolling week against the user's cap (side panel). */
export function LinkedinWeek() {
  const summary = usePipelineSummary();
  if (!summary) return null;
  const { linkedinWeek, cap, capLevel } = summary;
  return (
    <div
      className={
        capLevel === 'ok' ? 'small muted' : `banner ${capLevel === 'over' ? 'danger' : 'warn'} small`
      }
      data-testid="linkedin-week"
      data-count={linkedinWeek}
      data-level={capLevel}
    >
      {linkedinWeek} of {cap} LinkedIn notes and messages in the last 7 days
      {capLevel === 'over'
        ? ': LinkedIn may restrict accounts that send this many. Consider waiting before sending more.'
        : capLevel === 'near'
          ? ': close to your weekly limit.'
          : '.'}
    </div>
  );
}

const pct = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);
const days = (ms: number | null) =>
  ms === null
    ? '–'
    : ms < 24 * 3600 * 1000
      ? `${Math.round(ms / 3600_000)} h`
      : `${(ms / 86_400_000).toFixed(1)} d`;

/** Reply rates by channel and by template, median time to reply, follow-ups, weekly sends and replies (Stats). */
export function ReplyStatsSection() {
  const stats = useReplyStats();
  if (!stats) return null;
  const maxWeek = Math.max(1, ...stats.weekly.map((w) => Math.max(w.sent, w.replied)));
  return (
    <section className="card stack" data-testid="reply-stats">
      <h2>What works</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Channel</th>
            <th>First messages</th>
            <th>Replied</th>
            <th>Reply rate</th>
          </tr>
        </thead>
        <tbody>
          {CHANNELS.map((c) => (
            <tr key={c} data-testid={`reply-rate-${c}`}>
              <td>{CHANNEL_LABELS[c]}</td>
              <td>{stats.byChannel[c].sent}</td>
              <td>{stats.byChannel[c].replied}</td>
              <td>{pct(stats.byChannel[c].rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table" data-testid="reply-rate-by-template">
        <thead>
          <tr>
            <th>Template</th>
            <th>First messages</th>
            <th>Replied</th>
            <th>Reply rate</th>
          </tr>
        </thead>
        <tbody>
          {stats.byTemplate.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No first messages sent yet.
              </td>
            </tr>
          ) : (
            stats.byTemplate.map((t) => (
              <tr key={t.template ?? ''} data-testid="template-rate" data-template={t.template ?? ''}>
                <td className={t.template === null ? 'muted' : undefined}>{t.template ?? 'No template'}</td>
                <td>{t.sent}</td>
                <td>{t.replied}</td>
                <td>{pct(t.rate)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <div className="row small">
        <span data-testid="median-reply">Median time to reply: {days(stats.medianReplyMs)}</span>
        <span data-testid="follow-ups-sent">Follow-ups sent: {stats.followUpsSent}</span>
      </div>
      <div className="stack tight" aria-label="Sends and replies per week">
        {stats.weekly.map((w) => (
          <div key={w.weekStart} className="row small" style={{ gap: 6 }}>
            <span className="muted" style={{ width: 70 }}>
              {new Date(w.weekStart).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}
            </span>
            <span
              title={`${w.sent} sent`}
              style={{
                height: 8,
                width: `${(w.sent / maxWeek) * 40}%`,
                background: 'var(--accent, #4b6bfb)',
              }}
            />
            <span
              title={plural(w.replied, 'reply', 'replies')}
              style={{ height: 8, width: `${(w.replied / maxWeek) * 40}%`, background: 'var(--ok, #2f9e44)' }}
            />
            <span className="muted">
              {w.sent} sent · {plural(w.replied, 'reply', 'replies')}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}
