// A person's pipeline status (docs/pipeline.md): a chip, and a picker to set it by hand.
import { useState } from 'react';
import { setContactStatus, usePersonStatus } from '@/data';
import type { Person } from '@@/shared/capture';
import { CONTACT_STATUSES, CONTACT_STATUS_LABELS, type TContactStatus } from '@@/shared/schemas/pipeline';
import { Chip, type Tone } from './chip';

const TONE: Record<TContactStatus, Tone> = {
  contacted: 'info',
  replied: 'ok',
  interviewing: 'ok',
  offer: 'ok',
  rejected: 'danger',
  'no-answer': 'warn',
};

export function ContactStatusChip({ status }: { status: TContactStatus | null }) {
  if (!status) return <Chip plain>Not contacted</Chip>;
  return (
    <span data-testid="contact-status" data-status={status}>
      <Chip tone={TONE[status]}>{CONTACT_STATUS_LABELS[status]}</Chip>
    </span>
  );
}

/** The status and a select to set it; "From history" goes back to what the sends say. */
export function ContactStatusPicker({ person }: { person: Pick<Person, 'name' | 'linkedinUrl' | 'email'> }) {
  const current = usePersonStatus(person);
  const [error, setError] = useState<string | null>(null);
  if (current === undefined || current === null) return null;
  const manual = current.contact?.status ?? '';
  return (
    <div className="row small" data-testid="contact-status-picker" style={{ gap: 8 }}>
      <span className="muted">Status</span>
      <ContactStatusChip status={current.status} />
      <select
        className="input"
        aria-label="Set status"
        value={manual}
        style={{ width: 'auto' }}
        onChange={(e) => {
          setError(null);
          const value = (e.target.value || null) as TContactStatus | null;
          setContactStatus(person, value).catch((err: unknown) =>
            setError(err instanceof Error ? err.message : String(err)),
          );
        }}
      >
        <option value="">From history</option>
        {CONTACT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {CONTACT_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      {error ? (
        <span className="small" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
