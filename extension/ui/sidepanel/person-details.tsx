// The captured person's fields, correctable in place: what the user types is kept for this
// profile (synced) and wins over the reader on every later visit; where it differs from what
// the page shows, the page's value stays visible beside it.
import { useState } from 'react';
import { CORRECTABLE_FIELDS, saveCorrections, type CorrectedPerson, type TCorrectableField } from '@/data';

export const FIELD_LABELS: Record<TCorrectableField, string> = {
  name: 'Name',
  title: 'Role',
  company: 'Company',
  headline: 'Headline',
  location: 'Location',
  email: 'E-mail',
};

function DetailRow({
  field,
  value,
  reader,
  corrected,
  disabled,
  onSave,
}: {
  field: TCorrectableField;
  value: string;
  reader: string | null;
  corrected: boolean;
  disabled: boolean;
  onSave: (value: string | null) => void;
}) {
  const [text, setText] = useState(value);
  const commit = () => {
    if (text.trim() === value.trim()) return;
    if (field === 'name' && !text.trim()) return setText(value);
    onSave(text);
  };
  return (
    <div className="detail-row" data-testid={`detail-${field}`} data-corrected={corrected ? 'yes' : 'no'}>
      <label className="detail-label" htmlFor={`detail-input-${field}`}>
        {FIELD_LABELS[field]}
      </label>
      <div className="stack tight" style={{ gap: 2, minWidth: 0 }}>
        <input
          id={`detail-input-${field}`}
          className={`input detail-input ${corrected ? 'corrected' : ''}`}
          value={text}
          placeholder={disabled ? '' : 'not found — type it in'}
          disabled={disabled}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
            if (e.key === 'Escape') setText(value);
          }}
          data-testid={`detail-input-${field}`}
        />
        {corrected ? (
          <div className="small faint row wrap" style={{ gap: 4 }} data-testid={`reader-value-${field}`}>
            <span>
              Corrected by you · the page shows{' '}
              {reader ? <q className="reader-value">{reader}</q> : <i>nothing</i>}
            </span>
            <button
              type="button"
              className="btn small ghost"
              onClick={() => onSave(null)}
              data-testid={`use-reader-${field}`}
            >
              Use the page’s
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** The person's details, each correctable in place. */
export function PersonDetails({ corrected }: { corrected: CorrectedPerson }) {
  const [error, setError] = useState<string | null>(null);
  const { person, reader, contactId } = corrected;
  const missing = CORRECTABLE_FIELDS.some((f) => f !== 'email' && f !== 'headline' && !person[f]);
  // open by itself when something is missing, and stays as the user leaves it (filling in the
  // last missing field must not fold it away under their cursor)
  const [open, setOpen] = useState(missing);
  const save = (field: TCorrectableField, value: string | null) => {
    setError(null);
    saveCorrections(reader, { [field]: value }).catch((e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <details
      className="card person-details"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="person-details"
    >
      <summary className="small" data-testid="person-details-toggle">
        {missing ? 'Some details were not found — type them in' : 'Details · correct anything wrong'}
      </summary>
      <div className="stack tight" style={{ marginTop: 8 }}>
        {CORRECTABLE_FIELDS.map((f) => (
          <DetailRow
            // a value changed elsewhere (saved, or synced from another browser) restarts the row
            key={`${f}:${person[f] ?? ''}`}
            field={f}
            value={person[f] ?? ''}
            reader={corrected.corrected[f]?.reader ?? null}
            corrected={!!corrected.corrected[f]}
            disabled={!contactId}
            onSave={(v) => save(f, v)}
          />
        ))}
        <div className="kbd-hint">
          {contactId
            ? 'What you type is kept for this profile, in all your browsers, and used on your next visit.'
            : 'This person has no profile link or e-mail address, so corrections cannot be kept.'}
        </div>
        {error ? (
          <div className="field-error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
    </details>
  );
}
