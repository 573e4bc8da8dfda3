// Messaging: the partner of the open conversation, on /messaging/ or in an open overlay bubble.
// Never people from the conversation list, message bodies or minimised bubbles.
import type { Person } from '../../shared/capture';
import { canonicalProfileUrl } from './canonical-url';
import { makePerson, roleFromHeadline } from './person';
import { all, closest, docOf, first, hasClass, inDecoy, type Root } from './query';
import { LABELS, MESSAGING } from './selectors';
import { FROM, withSources } from './sources';
import { clean, cleanName, isDecorationLine, visibleLines, visibleText } from './text';

const EVENT = MESSAGING.event.join(',');

/** The open thread's pane on /messaging/ (the main region when no pane is recognised). */
export function messagingThread(root: Root): Element | null {
  return (
    first(root, MESSAGING.thread, (el) => !inDecoy(el) && !closest(el, MESSAGING.conversationList)) ??
    first(root, ['main', '[role="main"]'])
  );
}

/** The open (not minimised) overlay bubble; the focused one when several are open. */
export function openBubble(root: Root): Element | null {
  // Open = not marked minimised AND showing a conversation (a minimised bubble keeps only its header).
  const bubbles = all(root, MESSAGING.bubble.join(',')).filter(
    (b) =>
      !MESSAGING.bubbleMinimised.some((c) => hasClass(b, c)) &&
      b.getAttribute('aria-hidden') !== 'true' &&
      !!first(b, [...MESSAGING.composer, ...MESSAGING.event, ...MESSAGING.profileCard]),
  );
  if (!bubbles.length) return null;
  const active = docOf(root)?.activeElement ?? null;
  return (
    bubbles.find((b) => active && b.contains(active)) ??
    bubbles.find((b) => hasClass(b, MESSAGING.bubbleActive)) ??
    bubbles[0] ??
    null
  );
}

function notInEvent(el: Element): boolean {
  return !closest(el, EVENT) && !closest(el, MESSAGING.conversationList);
}

function nameFromConversationAria(container: Element): string | null {
  for (const el of all(container, '[aria-label]')) {
    const label = clean(el.getAttribute('aria-label'));
    for (const re of LABELS.conversationWith) {
      const m = label?.match(re);
      if (m) return cleanName(m[1]);
    }
  }
  return null;
}

/** The partner of one conversation (thread pane or bubble). */
export function readConversation(container: Element): Person | null {
  const header = first(container, MESSAGING.header, notInEvent);
  const card = first(container, MESSAGING.profileCard, notInEvent);
  const link =
    (header ? first(header, ['a[href*="/in/"]']) : null) ??
    (card ? first(card, ['a[href*="/in/"]']) : null) ??
    first(container, ['a[href*="/in/"]'], notInEvent);
  const linkedinUrl = canonicalProfileUrl(link?.getAttribute('href') ?? '');

  const headerName = header ? first(header, MESSAGING.headerName, (el) => !!visibleText(el)) : null;
  const cardName = card ? first(card, MESSAGING.profileCardName, (el) => !!visibleText(el)) : null;
  const linkHeading = link ? first(link, ['h1', 'h2', 'h3', 'strong']) : null;
  const fromHeader = cleanName(visibleText(headerName));
  const fromCard = fromHeader ? null : cleanName(visibleText(cardName));
  const fromLink = cleanName(visibleText(linkHeading)) ?? cleanName(visibleLines(link)[0]);
  const name =
    fromHeader ??
    fromCard ??
    fromLink ??
    nameFromConversationAria(container) ??
    cleanName(link ? first(link, ['img[alt]'])?.getAttribute('alt') : null);
  if (!name) return null;
  const nameFrom = fromHeader
    ? FROM.conversationHeader
    : fromCard
      ? FROM.conversationCard
      : fromLink
        ? FROM.conversationHeader
        : FROM.conversationLabel;
  // A group conversation has no single partner to record.
  if (!linkedinUrl && /,/.test(name)) return null;

  const headline =
    visibleText(header ? first(header, MESSAGING.headerHeadline) : null) ??
    visibleText(card ? first(card, MESSAGING.profileCardHeadline) : null) ??
    headlineAfterName(header, name) ??
    headlineAfterName(card, name) ??
    headlineNearLinks(container, linkedinUrl, name);
  const role = roleFromHeadline(headline);
  return withSources(
    makePerson({ name, linkedinUrl, headline, title: role?.title, company: role?.company }),
    {
      name: nameFrom,
      linkedinUrl: FROM.conversationHeader,
      headline: FROM.conversationHeader,
      title: FROM.headline,
      company: FROM.headline,
    },
  );
}

function headlineAfterName(block: Element | null, name: string): string | null {
  const lines = visibleLines(block);
  const at = lines.findIndex((l) => cleanName(l) === name);
  if (at < 0) return null;
  return (
    lines
      .slice(at + 1)
      .find((l) => !LABELS.degree.test(l) && !isDecorationLine(l) && cleanName(l) !== name) ?? null
  );
}

/** Structural: the line after the name beside any link to the partner's profile (header, profile card). */
function headlineNearLinks(container: Element, url: string | null, name: string): string | null {
  if (!url) return null;
  for (const a of all(container, 'a[href*="/in/"]')) {
    if (!notInEvent(a) || canonicalProfileUrl(a.getAttribute('href') ?? '') !== url) continue;
    let block = a.parentElement;
    for (let i = 0; block && block !== container && i < 3; i++, block = block.parentElement) {
      const headline = headlineAfterName(block, name);
      if (headline) return headline;
    }
  }
  return null;
}
