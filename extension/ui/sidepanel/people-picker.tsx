import type { Person } from '@@/shared/capture';
import { initials } from '../lib/format';

/** Several people on one page (search results, a job's hiring team): pick whom to write to. */
export function PeoplePicker({
  people,
  selected,
  onSelect,
}: {
  people: Person[];
  selected: number;
  onSelect: (index: number) => void;
}) {
  return (
    <div className="stack tight" data-testid="people-picker">
      <h3>{people.length} people on this page</h3>
      <div className="card" style={{ padding: 4 }} role="listbox" aria-label="People on this page">
        {people.map((p, i) => (
          <button
            key={`${p.linkedinUrl ?? p.name}-${i}`}
            role="option"
            aria-selected={i === selected}
            onClick={() => onSelect(i)}
            className="row"
            style={{
              width: '100%',
              border: 0,
              textAlign: 'left',
              padding: '6px 8px',
              borderRadius: 6,
              cursor: 'pointer',
              color: 'inherit',
              font: 'inherit',
              background: i === selected ? 'var(--bg-selected)' : 'transparent',
            }}
          >
            <span className="avatar" style={{ width: 26, height: 26, fontSize: 11 }} aria-hidden>
              {initials(p.name)}
            </span>
            <span style={{ minWidth: 0 }}>
              <span className="truncate" style={{ display: 'block', fontWeight: 500 }}>
                {p.name}
              </span>
              <span className="small muted truncate" style={{ display: 'block' }}>
                {[p.title ?? p.headline, p.company].filter(Boolean).join(' · ') || '—'}
              </span>
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}
