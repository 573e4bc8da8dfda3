// Canonical LinkedIn URLs, shared by the page reader (extension/capture) and the server, so
// that "already contacted" matches whichever side wrote the URL.

const LINKEDIN_HOST = /^([a-z0-9-]+\.)?linkedin\.com$/i;

function parse(raw: string): URL | null {
  try {
    const url = new URL(raw.trim(), 'https://www.linkedin.com');
    return LINKEDIN_HOST.test(url.hostname) ? url : null;
  } catch {
    return null;
  }
}

/** `https://www.linkedin.com/in/<slug>/` for any profile URL (query, hash, sub-pages and host variants dropped), else null. */
export function canonicalProfileUrl(raw: string): string | null {
  const url = parse(raw);
  const slug = url?.pathname.match(/^\/in\/([^/?#]+)/i)?.[1];
  if (!slug) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    decoded = slug;
  }
  // A vanity slug is case-insensitive; a member id (/in/ACoAA…, search results and 2018 pages)
  // is a case-sensitive token and keeps its case.
  const id = MEMBER_ID.test(decoded) ? decoded : decoded.toLowerCase();
  return `https://www.linkedin.com/in/${encodeURIComponent(id)}/`;
}

const MEMBER_ID = /^ACo[A-Za-z0-9_-]{20,}$/;

/** `https://www.linkedin.com/jobs/view/<id>/` for a job view URL or a list URL with `currentJobId`, else null. */
export function canonicalJobUrl(raw: string): string | null {
  const id = jobIdFromUrl(raw);
  return id ? `https://www.linkedin.com/jobs/view/${id}/` : null;
}

export function jobIdFromUrl(raw: string): string | null {
  const url = parse(raw);
  if (!url) return null;
  const fromPath = url.pathname.match(/^\/jobs\/view\/(?:[^/]*?-)?(\d{5,})\/?/i)?.[1];
  if (fromPath) return fromPath;
  const fromQuery = url.searchParams.get('currentJobId');
  return fromQuery && /^\d{5,}$/.test(fromQuery) ? fromQuery : null;
}
