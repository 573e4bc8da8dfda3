import type { HistoryRowLocal } from '@/db/types';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';
import type { PriorSends } from '@/data';
import { formatAgo, formatAttemptTime } from '../lib/format';
import { Chip } from '../components/chip';

function SendLine({ row, showName }: { row: HistoryRowLocal; showName?: boolean }) {
  return (
    <li className="row small" style={{ gap: 6 }}>
      <span className="faint" style={{ width: 92, flex: 'none' }}>
        {formatAttemptTime(row.sentAt)}
      </span>
      <span className="truncate" style={{ flex: 1 }}>
        {showName ? `${row.recipientName} · ` : ''}
        {row.jobTitle ?? row.emailSubject ?? (row.linkedinMessage ? 'LinkedIn message' : '—')}
      </span>
      <Chip plain tone={row.status === 'sent' ? 'neutral' : 'danger'}>
        {CHANNEL_LABELS[row.channel]}
        {row.status === 'failed' ? ' · failed' : ''}
      </Chip>
    </li>
  );
}

function checkedText(check: PriorSends['check']): string {
  switch (check.state) {
    case 'checking':
      return 'Checking with the server…';
    case 'checked':
      return 'Checked with the server just now, across all your browsers.';
    case 'cached': {
      const why = check.error ?? 'Not checked with the server: showing this browser’s history.';
      return check.checkedAt ? `${why} (The server last answered ${formatAgo(check.checkedAt)}.)` : why;
    }
    case 'error':
      return `Could not check with the server (${check.error}). Showing this browser's history.`;
  }
}

/** Earlier sends to this person or about this job, with a warning before writing again. */
export function AlreadyContacted({ name, prior }: { name: string; prior: PriorSends | undefined }) {
  if (!prior) return null;
  const { person, job, check } = prior;
  const sent = person.filter((r) => r.status === 'sent');
  return (
    <section className="stack tight" data-testid="already-contacted" data-count={person.length}>
      {sent.length > 0 ? (
        <div className="banner warn" data-testid="already-contacted-warning">
          <div>
            <b>You already wrote to {name}</b> — {sent.length === 1 ? 'once' : `${sent.length} times`}, last{' '}
            {formatAgo(sent[0]!.sentAt)} by {CHANNEL_LABELS[sent[0]!.channel]}. Check before writing again.
          </div>
        </div>
      ) : null}
      {person.length > 0 ? (
        <ul className="stack tight" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {person.slice(0, 5).map((r) => (
            <SendLine key={r.id} row={r} />
          ))}
        </ul>
      ) : (
        <div className="small muted" data-testid="not-contacted">
          No earlier messages to {name}.
        </div>
      )}
      {job.length > 0 ? (
        <div className="stack tight">
          <div className="small muted">About this job, to others:</div>
          <ul className="stack tight" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {job.slice(0, 5).map((r) => (
              <SendLine key={r.id} row={r} showName />
            ))}
          </ul>
        </div>
      ) : null}
      <div className="kbd-hint" data-testid="check-state" data-state={check.state}>
        {checkedText(check)}
      </div>
    </section>
  );
}
