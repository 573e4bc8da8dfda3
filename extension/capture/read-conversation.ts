// The open conversation's messages as times and directions (never their text), for reply
// detection (docs/pipeline.md). Read by structure: each message event, its group's sender (a
// profile link, a name, the "other" marker) against the partner and the signed-in user, and the
// day headings and group clocks above it.
import type { Conversation, ConversationMessage, Person } from '../../shared/capture';
import { canonicalProfileUrl } from './canonical-url';
import { readStamp, toInstant, type Clock, type Day, type ReadClock } from './message-times';
import { all, closest, first, hasClass, matches, type Root } from './query';
import { LABELS, MESSAGING, VIEWER } from './selectors';
import { cleanName, visibleText } from './text';

const EVENT = MESSAGING.event.join(',');
const STAMP = MESSAGING.stamp.join(',');
const BODY = MESSAGING.eventBody[0];

/** The signed-in user as the page shows them: their profile link and name (global nav). */
export interface Viewer {
  url: string | null;
  name: string | null;
}

export function readViewer(root: Root): Viewer {
  const link = first(root, VIEWER.profileLink);
  const photo = first(root, VIEWER.photo, (el) => !!cleanName(el.getAttribute('alt')));
  return {
    url: canonicalProfileUrl(link?.getAttribute('href') ?? ''),
    name: cleanName(photo?.getAttribute('alt')),
  };
}

interface Sender {
  url: string | null;
  name: string | null;
  other: boolean;
}

interface Draft {
  el: Element;
  sender: Sender | null;
  day: Day | 'unknown' | undefined;
  clock?: Clock;
  instant?: number;
}

const sameName = (a: string | null, b: string | null) =>
  !!a && !!b && a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

function inBody(el: Element, event: Element): boolean {
  const body = closest(el, `${BODY}, p, blockquote`);
  return !!body && event.contains(body);
}

/**
 * Structural fallback: the group header's first short text before the message body that is not a
 * time ("Camille Laurent" in `<span>Camille Laurent</span><time>14:05</time>`).
 */
function nameByStructure(event: Element): string | null {
  const body = first(event, MESSAGING.eventBody);
  for (const el of all(event, 'span, strong, h3, h4')) {
    if (body && (body.contains(el) || el.contains(body))) continue;
    if (body && (el.compareDocumentPosition(body) & 4) === 0) break; // past the body
    if (closest(el, STAMP) || all(el, STAMP).length) continue;
    const text = visibleText(el);
    if (!text || text.length > 80 || readStamp(null, text, {})) continue;
    return cleanName(text);
  }
  return null;
}

/** The group's sender shown on this event, if it shows one (continuations show none). */
function senderOf(event: Element): Sender | null {
  const other = hasClass(event, MESSAGING.eventOther) || !!closest(event, `.${MESSAGING.eventOther}`);
  const link = all(event, 'a[href*="/in/"]').find((a) => !inBody(a, event)) ?? null;
  const url = canonicalProfileUrl(link?.getAttribute('href') ?? '');
  const nameEl = first(event, MESSAGING.senderName, (el) => !inBody(el, event) && !!visibleText(el));
  const name =
    cleanName(visibleText(nameEl)) ??
    cleanName(link ? first(link, ['img[alt]'])?.getAttribute('alt') : null) ??
    nameByStructure(event);
  if (!url && !name && !other) return null;
  return { url, name, other };
}

type Direction = 'me' | 'partner' | null;

function directionOf(
  sender: Sender,
  partner: Person | null,
  viewer: Viewer,
  otherMarkerInUse: boolean,
  isGroup: boolean,
): Direction {
  const mine =
    (!!viewer.url && sender.url === viewer.url) ||
    sameName(sender.name, viewer.name) ||
    (!!sender.name && LABELS.you.test(sender.name)) ||
    (otherMarkerInUse && !sender.other && !isGroup);
  const theirs =
    sender.other ||
    (!!partner?.linkedinUrl && sender.url === partner.linkedinUrl) ||
    sameName(sender.name, partner?.name ?? null) ||
    (isGroup && (!!sender.url || !!sender.name) && !mine);
  if (mine === theirs) return null; // no evidence either way, or contradicting evidence
  return mine ? 'me' : 'partner';
}

/** Innermost message events of the container, with the stamps around them, in page order. */
function draftsOf(container: Element, clock: ReadClock): Draft[] {
  const drafts: Draft[] = [];
  let day: Day | 'unknown' | undefined;
  for (const el of all(container, `${EVENT}, ${STAMP}`)) {
    if (closest(el, MESSAGING.conversationList)) continue;
    if (matches(el, EVENT)) {
      if (all(el, EVENT).length > 0) continue; // a wrapper (list item) around the message itself
      drafts.push({ el, sender: senderOf(el), day });
      continue;
    }
    const owner = drafts.at(-1);
    const inside = owner && owner.el.contains(el) ? owner : null;
    if (inside && inBody(el, inside.el)) continue;
    const stamp = readStamp(el.getAttribute('datetime'), visibleText(el), clock);
    if (!stamp) continue;
    if (stamp.day) {
      day = stamp.day;
      if (inside) inside.day = stamp.day;
    }
    if (inside && stamp.clock) inside.clock = stamp.clock;
    if (inside && stamp.instant !== undefined) inside.instant = stamp.instant;
  }
  return drafts;
}

/** "3 participants", or a title of several names with no one profile to it. */
function groupEvidence(container: Element, partner: Person | null): boolean {
  const header = first(container, MESSAGING.header, (el) => !closest(el, EVENT));
  const headerText = visibleText(header) ?? '';
  if (MESSAGING.participants.test(headerText)) return true;
  if (partner) return false;
  const title = first(container, ['h2', 'h3', ...MESSAGING.headerName], (el) => !closest(el, EVENT));
  return /,/.test(visibleText(title) ?? '') || MESSAGING.participants.test(visibleText(container) ?? '');
}

/**
 * The conversation in `container` (thread pane or bubble) whose partner the reader found (or null
 * for a group), or null when it shows neither a partner nor any message.
 */
export function readConversationMessages(
  root: Root,
  container: Element,
  partner: Person | null,
  clock: ReadClock,
): Conversation | null {
  const drafts = draftsOf(container, clock);
  let isGroup = groupEvidence(container, partner);
  const viewer = readViewer(root);
  const otherMarkerInUse = drafts.some((d) => d.sender?.other);
  // Two or more people besides the user speaking: a group, whatever the header says.
  const speakers = new Set<string>();
  for (const d of drafts) {
    const s = d.sender;
    if (!s || (!s.name && !s.url) || directionOf(s, null, viewer, false, true) !== 'partner') continue;
    speakers.add(s.name?.toLowerCase() ?? s.url ?? '');
  }
  if (speakers.size > 1) isGroup = true;
  if (!partner && !isGroup && drafts.length === 0) return null;

  const messages: ConversationMessage[] = [];
  interface Previous {
    direction: Direction;
    day: Draft['day'];
    clock?: Clock;
  }
  let last = null as Previous | null;
  for (const d of drafts) {
    // A message without its own sender name or link continues the group above: same sender
    // (unless it carries the partner's marker), and the group's clock when no new day began.
    const continuation = !d.sender?.name && !d.sender?.url;
    const direction: Direction =
      d.sender && (!continuation || d.sender.other)
        ? directionOf(d.sender, isGroup ? null : partner, viewer, otherMarkerInUse, isGroup)
        : otherMarkerInUse && !isGroup
          ? 'me' // where the layout marks the partner's messages, an unmarked one is the user's
          : (last?.direction ?? null);
    let clockOf = d.clock;
    if (!clockOf && continuation && last && last.day === d.day) clockOf = last.clock;
    last = { direction, day: d.day, clock: clockOf };
    if (direction === null) continue;
    let at: number | null = d.instant ?? null;
    if (at === null && clockOf && d.day && d.day !== 'unknown') at = toInstant(d.day, clockOf, clock);
    messages.push({ at: at === null ? null : new Date(at).toISOString(), fromMe: direction === 'me' });
  }
  return {
    partnerProfileUrl: isGroup ? null : (partner?.linkedinUrl ?? null),
    isGroup,
    messages,
  };
}
