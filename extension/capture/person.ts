// Building Person objects, and reading "title at company" out of the lines LinkedIn shows.
import type { Person } from '../../shared/capture';
import { LABELS } from './selectors';
import { clean } from './text';

export interface Role {
  title: string | null;
  company: string | null;
}

const SEGMENT_SEPARATOR = /\s+[|•·]\s+/;

/** "Senior Recruiter at Acme | Hiring" → { title: 'Senior Recruiter', company: 'Acme' } (also @, chez, bei, en). */
export function roleFromHeadline(headline: string | null | undefined): Role | null {
  const first = clean(headline?.split(SEGMENT_SEPARATOR)[0]);
  if (!first) return null;
  const m = first.match(LABELS.roleAtSign) ?? first.match(LABELS.roleAt);
  if (!m) return null;
  const title = clean(m[1]?.replace(/[,;:\-–—]+$/, ''));
  const company = clean(m[2]?.replace(/^[,;:\-–—]+|[,;:\-–—.]+$/g, ''));
  if (!title || !company || company.length > 100) return null;
  return { title, company };
}

/** A search card's "Current: X at Y" summary line. */
export function roleFromCurrentLine(line: string | null | undefined): Role | null {
  const m = clean(line)?.match(LABELS.current);
  return m ? roleFromHeadline(m[1]) : null;
}

/** "Acme · Full-time" → "Acme". */
export function firstSegment(line: string | null | undefined): string | null {
  return clean(line?.split(/\s*[·•]\s*/)[0]);
}

export function makePerson(p: Partial<Person> & { name: string }): Person {
  return {
    name: p.name,
    linkedinUrl: p.linkedinUrl ?? null,
    headline: p.headline ?? null,
    title: p.title ?? null,
    company: p.company ?? null,
    email: p.email ?? null,
    location: p.location ?? null,
  };
}

/** Drops later people with the same profile URL (or, without one, the same name and headline). */
export function dedupePeople(people: Person[]): Person[] {
  const seen = new Set<string>();
  return people.filter((p) => {
    const key = p.linkedinUrl ?? `${p.name}\u0000${p.headline ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
