// capturePage(document, url) → Capture (contract: capture.md). Pure: reads only the given root
// and URL, never window/location, never throws.
import type { Capture, Conversation, PageType, Person } from '../../shared/capture';
import { canonicalPageUrl } from './canonical-url';
import { urlKind } from './detect-page-type';
import { dedupePeople } from './person';
import type { Root } from './query';
import { readJob } from './read-job';
import type { ReadClock } from './message-times';
import { readConversationMessages } from './read-conversation';
import { messagingThread, openBubble, readConversation } from './read-messaging';
import { readProfile } from './read-profile';
import { readSearch } from './read-search';
import { collectSources } from './sources';

export interface CaptureOptions {
  /** the reader's clock, for day headings such as "Today" (see message-times.ts) */
  clock?: ReadClock;
}

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

interface OpenConversation {
  partner: Person | null;
  conversation: Conversation | null;
}

function openConversation(root: Root, container: Element | null, clock: ReadClock): OpenConversation {
  if (!container) return { partner: null, conversation: null };
  const partner = readConversation(container);
  return { partner, conversation: readConversationMessages(root, container, partner, clock) };
}

function read(root: Root, rawUrl: string, url: string, clock: ReadClock): Capture {
  const kind = urlKind(rawUrl);
  if (kind === 'messaging') {
    const { partner, conversation } = openConversation(root, messagingThread(root), clock);
    return withConversation(capture('messaging', url, partner ? [partner] : []), conversation);
  }
  // An overlay bubble opens over any page: its conversation counts wherever it is.
  const bubble = openConversation(root, openBubble(root), clock);
  if (kind === 'other') {
    return bubble.partner
      ? withConversation(capture('messaging', url, [bubble.partner]), bubble.conversation)
      : withConversation(capture('unknown', url), bubble.conversation);
  }
  return withConversation(readPage(root, rawUrl, url, kind), bubble.conversation);
}

function withConversation(c: Capture, conversation: Conversation | null): Capture {
  return conversation ? { ...c, conversation } : c;
}

function readPage(root: Root, rawUrl: string, url: string, kind: ReturnType<typeof urlKind>): Capture {
  switch (kind) {
    case 'profile': {
      const person = readProfile(root, rawUrl);
      return capture('profile', url, person ? [person] : []);
    }
    case 'job-view':
    case 'job-list': {
      const { job, people } = readJob(root, rawUrl);
      return capture('job', url, people, job);
    }
    case 'search':
      return capture('search', url, readSearch(root));
    case 'company':
      return capture('company', url);
    default:
      return capture('unknown', url);
  }
}

export function capturePage(
  root: Root | null | undefined,
  rawUrl: string,
  options: CaptureOptions = {},
): Capture {
  const href = typeof rawUrl === 'string' ? rawUrl : '';
  const url = canonicalPageUrl(href);
  if (!root) return capture('unknown', url);
  try {
    return read(root, href, url, options.clock ?? {});
  } catch {
    // A DOM we cannot read is a page we know nothing about: never a guess, never a crash.
    return capture('unknown', url);
  }
}
