import type { Person } from '@@/shared/capture';
import { canonicalProfileUrl } from '@@/shared/linkedin-url';

/** One contact per canonical LinkedIn URL, else per e-mail; null when the person has neither. */
export function contactIdFor(person: Pick<Person, 'linkedinUrl' | 'email'>): string | null {
  const url = person.linkedinUrl ? canonicalProfileUrl(person.linkedinUrl) : null;
  if (url) return url;
  const email = person.email?.trim().toLowerCase();
  return email ? `mailto:${email}` : null;
}
