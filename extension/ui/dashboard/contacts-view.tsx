// The people captured on LinkedIn, searchable.
import { useDeferredValue, useMemo, useState } from 'react';
import { CONTACT_STATUSES, CONTACT_STATUS_LABELS, type TContactStatus } from '@@/shared/schemas/pipeline';
import { ContactStatusChip } from '../components/contact-status';
import { correctedContact, personRole, useContacts, useContactStatuses } from '@/data';
import { formatAgo, initials, plural } from '../lib/format';
import { EmptyState } from '../components/empty-state';

export function ContactsView() {
  const stored = useContacts();
  const statuses = useContactStatuses();
  // as the user corrected them (the corrections win over what was captured)
  const contacts = useMemo(
    () => stored?.map((c) => ({ ...c, ...correctedContact(c), role: personRole(correctedContact(c)) })),
    [stored],
  );
  const [query, setQuery] = useState('');
  const [statusFilter, setStatusFilter] = useState<TContactStatus | 'none' | ''>('');
  const q = useDeferredValue(query.trim().toLowerCase());
  const shown = useMemo(() => {
    if (!contacts) return [];
    const byStatus = statusFilter
      ? contacts.filter((c) => (statuses?.get(c.id) ?? 'none') === statusFilter)
      : contacts;
    if (!q) return byStatus;
    return byStatus.filter((c) =>
      [c.name, c.email, c.company, c.title, c.headline, ...c.jobs.map((j) => j.title)]
        .filter(Boolean)
        .join('\n')
        .toLowerCase()
        .includes(q),
    );
  }, [contacts, q, statusFilter, statuses]);
  if (!contacts) return null;
  return (
    <div className="stack" data-testid="contacts-view">
      <div className="row">
        <h1>Contacts</h1>
        <span className="small muted">{plural(contacts.length, 'person', 'people')}</span>
      </div>
      <input
        className="input"
        type="search"
        placeholder="Search name, company, role, e-mail"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label="Search contacts"
        style={{ maxWidth: 420 }}
      />
      <select
        className="input"
        aria-label="Filter by status"
        data-testid="contact-status-filter"
        value={statusFilter}
        onChange={(e) => setStatusFilter(e.target.value as TContactStatus | 'none' | '')}
        style={{ maxWidth: 200 }}
      >
        <option value="">Any status</option>
        {CONTACT_STATUSES.map((st) => (
          <option key={st} value={st}>
            {CONTACT_STATUS_LABELS[st]}
          </option>
        ))}
        <option value="none">Not contacted</option>
      </select>
      <div className="card" style={{ padding: 0 }}>
        {shown.length === 0 ? (
          <EmptyState title={contacts.length ? 'No one matches' : 'No contacts yet'}>
            {contacts.length
              ? 'Try another name or company.'
              : 'People you view on LinkedIn (profiles, hiring teams, conversations) are kept here.'}
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Role or headline</th>
                <th>Company</th>
                <th>E-mail</th>
                <th>Jobs seen</th>
                <th>Last seen</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, 500).map((c) => (
                <tr key={c.id} data-testid="contact-row">
                  <td>
                    <span className="row" style={{ gap: 8 }}>
                      <span className="avatar" style={{ width: 26, height: 26, fontSize: 11 }} aria-hidden>
                        {initials(c.name)}
                      </span>
                      {c.linkedinUrl ? (
                        <a
                          href={c.linkedinUrl}
                          target="_blank"
                          rel="noreferrer"
                          style={{ color: 'inherit', fontWeight: 500 }}
                        >
                          {c.name}
                        </a>
                      ) : (
                        <span style={{ fontWeight: 500 }}>{c.name}</span>
                      )}
                    </span>
                  </td>
                  <td>
                    <ContactStatusChip status={statuses?.get(c.id) ?? null} />
                  </td>
                  <td
                    className={c.role?.from === 'headline' ? 'faint' : 'muted'}
                    title={
                      c.role ? `${c.role.from === 'title' ? 'Role' : 'Headline'}: ${c.role.text}` : undefined
                    }
                    data-kind={c.role?.from ?? 'none'}
                  >
                    {c.role?.text ?? '—'}
                  </td>
                  <td>{c.company ?? '—'}</td>
                  <td className="muted">{c.email ?? '—'}</td>
                  <td className="muted small">{c.jobs.map((j) => j.title).join(', ') || '—'}</td>
                  <td className="muted small">{formatAgo(c.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {shown.length > 500 ? (
          <p className="small muted" style={{ padding: 10 }}>
            Showing the first 500. Search to narrow down.
          </p>
        ) : null}
      </div>
    </div>
  );
}
