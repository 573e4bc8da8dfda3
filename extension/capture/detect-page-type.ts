// Which reader a page needs, from its URL. The page itself decides only one case: an open
// messaging bubble on a page that is not a profile, job or search page (see capture-page.ts).
import { parseLinkedInUrl } from './canonical-url';

export type UrlKind = 'profile' | 'job-view' | 'job-list' | 'messaging' | 'search' | 'company' | 'other';

export function urlKind(raw: string): UrlKind {
  const url = parseLinkedInUrl(raw);
  if (!url) return 'other';
  const path = url.pathname.toLowerCase();
  if (/^\/in\/[^/]+/.test(path)) return 'profile';
  if (/^\/jobs\/view\/[^/]+/.test(path)) return 'job-view';
  if (/^\/jobs\/(search|search-results|collections)(\/|$)/.test(path)) return 'job-list';
  if (/^\/jobs(\/|$)/.test(path) && url.searchParams.has('currentJobId')) return 'job-list';
  if (/^\/messaging(\/|$)/.test(path)) return 'messaging';
  if (/^\/search\/results\/(people|all)(\/|$)/.test(path)) return 'search';
  if (/^\/(company|school|showcase)\/[^/]+/.test(path)) return 'company';
  return 'other';
}
