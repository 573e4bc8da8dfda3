// capturePage(document, url) → Capture (contract: capture.md). Pure: reads only the given root
// and URL, never window/location, never throws.
import type { Capture, PageType, Person } from '../../shared/capture';
import { canonicalPageUrl } from './canonical-url';
import { urlKind } from './detect-page-type';
import { dedupePeople } from './person';
import type { Root } from './query';
import { readJob } from './read-job';
import { readMessagingThread, readOverlayBubble } from './read-messaging';
import { readProfile } from './read-profile';
import { readSearch } from './read-search';
import { collectSources } from './sources';

function capture(
  pageType: PageType,
  url: string,
  people: Person[] = [],
  job: Capture['job'] = null,
): Capture {
  const unique = dedupePeople(people);
  const sources = collectSources(unique, job);
  return sources ? { pageType, url, people: unique, job, sources } : { pageType, url, people: unique, job };
}

function read(root: Root, rawUrl: string, url: string): Capture {
  switch (urlKind(rawUrl)) {
    case 'profile': {
      const person = readProfile(root, rawUrl);
      return capture('profile', url, person ? [person] : []);
    }
    case 'job-view':
    case 'job-list': {
      const { job, people } = readJob(root, rawUrl);
      return capture('job', url, people, job);
    }
    case 'messaging': {
      const person = readMessagingThread(root);
      return capture('messaging', url, person ? [person] : []);
    }
    case 'search':
      return capture('search', url, readSearch(root));
    case 'company':
      return capture('company', url);
    case 'other': {
      const person = readOverlayBubble(root);
      return person ? capture('messaging', url, [person]) : capture('unknown', url);
    }
  }
}

export function capturePage(root: Root | null | undefined, rawUrl: string): Capture {
  const href = typeof rawUrl === 'string' ? rawUrl : '';
  const url = canonicalPageUrl(href);
  if (!root) return capture('unknown', url);
  try {
    return read(root, href, url);
  } catch {
    // A DOM we cannot read is a page we know nothing about: never a guess, never a crash.
    return capture('unknown', url);
  }
}
