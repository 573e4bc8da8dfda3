import type { OutboxRow } from '@/db/types';
import { describeSend, sendChannel } from '../lib/send-status';
import { useOnline } from '../hooks/use-online';
import { Chip } from './chip';

/** One outbox row in plain words, with Retry when it can be retried. */
export function SendStatusLine({
  row,
  onRetry,
  label,
  testId,
}: {
  row: OutboxRow;
  onRetry?: (id: string) => void;
  /** what the line is about, when not the row's channel (a half of a both-channel send) */
  label?: string;
  testId?: string;
}) {
  const online = useOnline();
  const s = describeSend(row, online);
  const channel = sendChannel(row);
  const what =
    label ?? (channel === 'linkedin' ? 'LinkedIn' : channel === 'both' ? 'E-mail + LinkedIn' : 'E-mail');
  return (
    <div className="stack tight" data-testid={testId ?? `send-status-${channel}`} data-state={row.state}>
      <div className="row">
        <span className="small muted">{what}</span>
        <Chip tone={s.tone}>{s.label}</Chip>
        <span className="spacer" />
        {s.canRetry && onRetry ? (
          <button className="btn small" onClick={() => onRetry(row.id)}>
            Retry
          </button>
        ) : null}
      </div>
      {s.detail ? (
        <div className={`small ${s.tone === 'danger' ? 'field-error' : 'muted'}`}>{s.detail}</div>
      ) : null}
    </div>
  );
}
