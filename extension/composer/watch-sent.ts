// After a fill, notices when the user has pressed LinkedIn's own Send: the text shows up as a new
// message from the viewer in that conversation and the composer is empty. Reports once.
import type { Person } from '../../shared/capture';
import { readConversation } from '../capture/read-messaging';
import { MESSAGING } from '../capture/selectors';
import { conversationOf } from './find-composer';
import { normaliseText } from './fill-composer';

export interface SentReport {
  recipient: { name: string; linkedinUrl: string | null };
  text: string;
}

export interface WatchSentOptions {
  composer: HTMLElement;
  text: string;
  onSent: (report: SentReport) => void;
  /** Fallback recipient (capturePage's person) when the conversation header cannot be read. */
  fallbackRecipient?: Person | null;
  /** Give up after this long; the user may never send. */
  timeoutMs?: number;
}

// One message: the item with its sender class / urn (not the <li> wrapper, which has neither).
const ITEM = '.msg-s-event-listitem, [data-event-urn]';
const OTHER = `.${MESSAGING.eventOther}`;

/** Messages the viewer sent: message items not marked as the partner's. */
function viewerMessages(conversation: Element): Element[] {
  const items = Array.from(conversation.querySelectorAll(ITEM));
  const outer = items.filter((e) => !e.parentElement?.closest(ITEM));
  return outer.filter((e) => !e.closest(OTHER) && !e.querySelector(OTHER));
}

function bodyText(event: Element): string {
  const body = MESSAGING.eventBody.map((s) => event.querySelector(s)).find((b) => !!b) ?? event;
  return normaliseText(body.textContent ?? '');
}

/** Starts watching; returns a function that stops. */
export function watchSent(options: WatchSentOptions): () => void {
  const { composer, text, onSent } = options;
  const conversation = conversationOf(composer);
  const view = composer.ownerDocument.defaultView ?? globalThis;
  if (!conversation) return () => undefined;
  const wanted = normaliseText(text);
  // Counted, not remembered by node: LinkedIn may re-render the whole list.
  const matching = () => viewerMessages(conversation).filter((e) => bodyText(e).includes(wanted)).length;
  const before = matching();
  let done = false;

  const check = () => {
    if (done) return;
    const box = conversation.contains(composer)
      ? composer
      : conversation.querySelector(MESSAGING.composer.join(','));
    const empty = !box || normaliseText(box.textContent ?? '') === '';
    if (!empty) return;
    if (matching() <= before) return;
    const person = readConversation(conversation) ?? options.fallbackRecipient ?? null;
    if (!person) return;
    stop();
    onSent({ recipient: { name: person.name, linkedinUrl: person.linkedinUrl }, text });
  };

  const observer = new view.MutationObserver(check);
  observer.observe(conversation, { childList: true, subtree: true, characterData: true });
  const timer = view.setTimeout(() => stop(), options.timeoutMs ?? 15 * 60_000);
  function stop() {
    done = true;
    observer.disconnect();
    view.clearTimeout(timer);
  }
  return stop;
}
