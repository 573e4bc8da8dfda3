// Canonical URLs of the page and of what it shows (contract: capture.md "url" rules).
import { canonicalJobUrl, canonicalProfileUrl, jobIdFromUrl } from '../../shared/linkedin-url';
import { clean } from './text';

export { canonicalJobUrl, canonicalProfileUrl, jobIdFromUrl };

const LINKEDIN_HOST = /^([a-z0-9-]+\.)?linkedin\.com$/i;

/** The URL parsed against https://www.linkedin.com, or null when it is not a LinkedIn URL. */
export function parseLinkedInUrl(raw: string): URL | null {
  try {
    const url = new URL(raw.trim(), 'https://www.linkedin.com');
    return LINKEDIN_HOST.test(url.hostname) && /^https?:$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

/**
 * `https://www.linkedin.com` + the path with a trailing slash; query and hash dropped; a profile
 * path cut to `/in/<slug>/`. A string that is not a LinkedIn URL comes back trimmed.
 */
export function canonicalPageUrl(raw: string): string {
  const url = parseLinkedInUrl(raw);
  if (!url) return clean(raw) ?? '';
  const profile = canonicalProfileUrl(url.href);
  if (profile) return profile;
  const path = url.pathname.replace(/\/{2,}/g, '/');
  return `https://www.linkedin.com${path.endsWith('/') ? path : `${path}/`}`;
}

/** Profile URL of a link's href (relative hrefs resolve against linkedin.com). */
export function profileUrlOf(href: string | null | undefined): string | null {
  return href ? canonicalProfileUrl(href) : null;
}
