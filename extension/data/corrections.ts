// The person the views show: what the reader captured, with the user's corrections on top. The
// reader's own values are kept beside it, so a view can show them where they differ.
import type { Person } from '@@/shared/capture';
import { canonicalProfileUrl } from '@@/shared/linkedin-url';
import { CORRECTABLE_FIELDS, type TCorrectableField } from '@@/shared/correctable-fields';
import type { TContactCorrections } from '@@/shared/schemas/sync';
import { contactIdFor } from '@/db/contacts';
import type { ContactRow } from '@/db/types';

export { CORRECTABLE_FIELDS, type TCorrectableField };

export interface CorrectedPerson {
  /** what every view and the draft use: the reader's person with the corrections applied */
  person: Person;
  /** what the reader read on the page */
  reader: Person;
  /** the fields the user corrected, with the reader's value where it differs (null: not found) */
  corrected: Partial<Record<TCorrectableField, { reader: string | null }>>;
  /** where corrections are kept (canonical profile URL, else mailto:); null: they cannot be kept */
  contactId: string | null;
}

/** One correction as the person field it replaces ('' = the user says there is none). */
function correctedValue(field: TCorrectableField, value: string): string | null {
  if (field === 'name') return value;
  return value.trim() === '' ? null : value;
}

export function applyCorrections(reader: Person, corrections: TContactCorrections | undefined | null): CorrectedPerson {
  const person: Person = { ...reader };
  const corrected: CorrectedPerson['corrected'] = {};
  for (const field of CORRECTABLE_FIELDS) {
    const value = corrections?.[field];
    if (typeof value !== 'string') continue;
    const next = correctedValue(field, value);
    if (next === reader[field]) continue;
    person[field] = next as string;
    corrected[field] = { reader: reader[field] };
  }
  return { person, reader, corrected, contactId: contactIdFor(reader) };
}

/**
 * The person of a profile page whose reader found no one (a layout it does not know): the
 * profile's owner, known by the page's URL, with no field read, so the user can type them in.
 */
export function unreadProfileOwner(pageUrl: string): Person | null {
  const linkedinUrl = canonicalProfileUrl(pageUrl);
  if (!linkedinUrl) return null;
  return { name: '', linkedinUrl, headline: null, title: null, company: null, email: null, location: null };
}

/** A stored contact as the views show it: its reader values with the user's corrections on top. */
export function correctedContact(c: ContactRow): Person {
  const reader: Person = {
    name: c.name,
    linkedinUrl: c.linkedinUrl,
    headline: c.headline,
    title: c.title,
    company: c.company,
    email: c.email,
    location: c.location,
  };
  return applyCorrections(reader, c.corrections).person;
}

/** What the person does: their role (job title) when known, else their headline; null if neither. */
export function personRole(p: Pick<Person, 'title' | 'headline'>): { text: string; from: 'title' | 'headline' } | null {
  if (p.title) return { text: p.title, from: 'title' };
  if (p.headline) return { text: p.headline, from: 'headline' };
  return null;
}
