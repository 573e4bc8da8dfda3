import type { Person } from '@@/shared/capture';
import { initials } from '../lib/format';

/** A captured person: name, role and company, with a link to the profile. */
export function PersonCard({ person, compact }: { person: Person; compact?: boolean }) {
  const role = [person.title ?? person.headline, person.company].filter(Boolean).join(' · ');
  return (
    <div className="row" style={{ alignItems: 'flex-start', gap: 10 }} data-testid="person-card">
      <div className="avatar" aria-hidden>
        {initials(person.name)}
      </div>
      <div className="stack tight" style={{ minWidth: 0, gap: 2 }}>
        <div style={{ fontWeight: 600 }} className="truncate" data-testid="person-name">
          {person.name}
        </div>
        {role ? <div className={`small muted ${compact ? 'truncate' : ''}`}>{role}</div> : null}
        {!compact ? (
          <div className="small faint row wrap" style={{ gap: 0 }}>
            {person.location ? <span>{person.location}</span> : null}
            {person.email ? <span className={person.location ? 'dot-sep' : ''}>{person.email}</span> : null}
            {person.linkedinUrl ? (
              <span className={person.location || person.email ? 'dot-sep' : ''}>
                <a href={person.linkedinUrl} target="_blank" rel="noreferrer">
                  Profile
                </a>
              </span>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
