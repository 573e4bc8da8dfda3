import type { HistoryRowLocal } from '@/db/types';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';
import { formatFull } from '../lib/format';
import { Chip, HistoryStatusChip } from '../components/chip';
import { ContactStatusPicker } from '../components/contact-status';
import { sendToBackground, useFollowUpsOf, useHistoryRowById } from '@/data';

const pre = {
  whiteSpace: 'pre-wrap' as const,
  wordBreak: 'break-word' as const,
  margin: 0,
  font: 'inherit',
  padding: '10px 12px',
  background: 'var(--bg-subtle)',
  borderRadius: 'var(--radius-sm)',
  border: '1px solid var(--border)',
};

/** One send in full: who, about what, when, and the exact text that went out. */
export function HistoryDetail({ row, onClose }: { row: HistoryRowLocal; onClose: () => void }) {
  return (
    <aside
      className="card stack"
      data-testid="history-detail"
      style={{ alignSelf: 'start', maxHeight: '100%', overflow: 'auto' }}
    >
      <div className="row">
        <h2 className="truncate">{row.recipientName}</h2>
        <span className="spacer" />
        <button className="btn small ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <dl
        className="small"
        style={{ display: 'grid', gridTemplateColumns: '90px 1fr', gap: '4px 10px', margin: 0 }}
      >
        <dt className="muted">Sent</dt>
        <dd style={{ margin: 0 }}>{formatFull(row.sentAt)}</dd>
        <dt className="muted">Channel</dt>
        <dd style={{ margin: 0 }}>{CHANNEL_LABELS[row.channel]}</dd>
        <dt className="muted">Status</dt>
        <dd style={{ margin: 0 }}>
          <HistoryStatusChip status={row.status} />
        </dd>
        {row.status === 'sent' ? (
          <>
            <dt className="muted">Reply</dt>
            <dd style={{ margin: 0 }} className="row" data-testid="history-reply">
              {row.repliedAt ? (
                <Chip tone="ok">Replied {formatFull(row.repliedAt)}</Chip>
              ) : (
                <Chip plain>No reply yet</Chip>
              )}
              <button
                className="btn small ghost"
                onClick={() =>
                  void sendToBackground({
                    type: 'mark-replied',
                    id: row.id,
                    repliedAt: row.repliedAt ? null : Date.now(),
                  })
                }
              >
                {row.repliedAt ? 'Not replied' : 'Mark replied'}
              </button>
            </dd>
          </>
        ) : null}
        <FollowUpLinks row={row} />
        {row.recipientEmail ? (
          <>
            <dt className="muted">E-mail</dt>
            <dd style={{ margin: 0 }}>{row.recipientEmail}</dd>
          </>
        ) : null}
        {row.recipientLinkedinUrl ? (
          <>
            <dt className="muted">LinkedIn</dt>
            <dd style={{ margin: 0 }} className="truncate">
              <a href={row.recipientLinkedinUrl} target="_blank" rel="noreferrer">
                {row.recipientLinkedinUrl.replace('https://www.linkedin.com', '')}
              </a>
            </dd>
          </>
        ) : null}
        <dt className="muted">Company</dt>
        <dd style={{ margin: 0 }}>{row.companyName ?? '—'}</dd>
        <dt className="muted">Job</dt>
        <dd style={{ margin: 0 }}>
          {row.jobUrl ? (
            <a href={row.jobUrl} target="_blank" rel="noreferrer">
              {row.jobTitle ?? row.jobUrl}
            </a>
          ) : (
            (row.jobTitle ?? '—')
          )}
        </dd>
      </dl>
      <ContactStatusPicker
        person={{ name: row.recipientName, linkedinUrl: row.recipientLinkedinUrl, email: row.recipientEmail }}
      />
      {row.error ? <div className="banner danger small">{row.error}</div> : null}
      {row.emailSubject || row.emailBody ? (
        <section className="stack tight">
          <h3>E-mail</h3>
          {row.emailSubject ? <div style={{ fontWeight: 600 }}>{row.emailSubject}</div> : null}
          {row.emailBody ? <pre style={pre}>{row.emailBody}</pre> : null}
        </section>
      ) : null}
      {row.linkedinMessage ? (
        <section className="stack tight">
          <h3>LinkedIn message</h3>
          <pre style={pre}>{row.linkedinMessage}</pre>
        </section>
      ) : null}
    </aside>
  );
}

/** "Follow-up of …" (this send followed up an earlier one) and "Followed up …" (later sends that followed this one). */
function FollowUpLinks({ row }: { row: HistoryRowLocal }) {
  const first = useHistoryRowById(row.followUpOf);
  const later = useFollowUpsOf(row);
  return (
    <>
      {row.followUpOf ? (
        <>
          <dt className="muted">Follow-up of</dt>
          <dd style={{ margin: 0 }} data-testid="history-follow-up-of">
            {first
              ? `${first.recipientName} · ${CHANNEL_LABELS[first.channel]} · ${formatFull(first.sentAt)}`
              : // undefined: still reading it (no "not here" flashing up before the name)
                first === null
                ? 'an earlier send (not in this browser yet)'
                : ''}
          </dd>
        </>
      ) : null}
      {later?.length ? (
        <>
          <dt className="muted">Followed up</dt>
          <dd style={{ margin: 0 }} data-testid="history-followed-up">
            {later.map((f) => `${CHANNEL_LABELS[f.channel]} · ${formatFull(f.sentAt)}`).join('; ')}
          </dd>
        </>
      ) : null}
    </>
  );
}
