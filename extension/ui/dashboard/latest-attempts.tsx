// "Latest attempts", as the original design shows it: the newest 20 sends from history.
import { useEffect, useState } from 'react';
import { correctedContact, personRole, useHistoryWithContacts, type HistoryWithContacts } from '@/data/reads';
import type { ContactRow, HistoryRowLocal } from '@/db/types';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';
import { formatAttemptTime, formatFull } from '../lib/format';
import { HistoryStatusChip } from '../components/chip';
import { EmptyState } from '../components/empty-state';
import { LATEST_ATTEMPTS_LIMIT, takeEarlyRead } from './first-read';

/**
 * What the send was about: the job, when it was about one; otherwise what the person does (their
 * role, else their headline, as captured and corrected), marked as such.
 */
function JobOrRole({ row, contact }: { row: HistoryRowLocal; contact: ContactRow | undefined }) {
  if (row.jobTitle)
    return (
      <td className="truncate" title={row.jobTitle} data-testid="attempt-job" data-kind="job">
        {row.jobTitle}
      </td>
    );
  const role = contact ? personRole(correctedContact(contact)) : null;
  if (!role) return <td className="faint">—</td>;
  return (
    <td className="truncate muted" title={`${role.text} (their ${role.from}; no job)`} data-kind="role">
      {role.text}
    </td>
  );
}

/** The early read's rows, and whether it has answered (or there is none: read live at once). */
function useEarlyRead(): { value: HistoryWithContacts | undefined; settled: boolean } {
  const [mine] = useState(takeEarlyRead);
  const [state, setState] = useState(() => ({
    value: mine?.value,
    settled: !mine || mine.value !== undefined || !!mine.failed,
  }));
  useEffect(() => {
    if (state.settled || !mine) return;
    let alive = true;
    void mine.read.then(
      (value) => alive && setState({ value, settled: true }),
      () => alive && setState({ value: undefined, settled: true }),
    );
    return () => {
      alive = false;
    };
  }, [mine, state.settled]);
  return state;
}

/** `onShown`: called once the rows (or the empty state) are on screen. */
export function LatestAttempts({ onShown }: { onShown?: () => void } = {}) {
  const first = useEarlyRead();
  const live = useHistoryWithContacts(LATEST_ATTEMPTS_LIMIT, first.settled);
  const data = live ?? first.value;
  const rows = data?.rows;
  const loaded = rows !== undefined;
  useEffect(() => {
    if (loaded) onShown?.();
  }, [loaded, onShown]);
  return (
    <section className="card" style={{ padding: 0 }} data-testid="latest-attempts">
      <div className="section-title" style={{ padding: '12px 14px 0' }}>
        <h2>Latest attempts</h2>
      </div>
      {rows === undefined ? (
        <div style={{ height: 120 }} />
      ) : rows.length === 0 ? (
        <EmptyState title="Nothing sent yet">
          Open a recruiter’s profile or a job on LinkedIn and write from the side panel. Every send shows up
          here.
        </EmptyState>
      ) : (
        <table className="table" style={{ tableLayout: 'fixed' }}>
          <colgroup>
            <col style={{ width: '13%' }} />
            <col style={{ width: '19%' }} />
            <col style={{ width: '17%' }} />
            <col style={{ width: '25%' }} />
            <col style={{ width: '15%' }} />
            <col style={{ width: '11%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>Time</th>
              <th>Recruiter</th>
              <th>Company</th>
              <th title="The job the message was about; without one, the person's role (grey)">
                Job or role
              </th>
              <th>Channel</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="attempt-row" data-history-id={r.id}>
                <td className="muted" title={formatFull(r.sentAt)}>
                  {formatAttemptTime(r.sentAt)}
                </td>
                <td className="truncate" style={{ fontWeight: 500 }}>
                  {r.recipientName}
                </td>
                <td className="truncate">{r.companyName ?? '—'}</td>
                <JobOrRole row={r} contact={data?.contacts.get(r.id)} />
                <td>{CHANNEL_LABELS[r.channel]}</td>
                <td title={r.error ?? undefined}>
                  <HistoryStatusChip status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
