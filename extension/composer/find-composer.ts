// Where the user's message or connection note goes on a LinkedIn page.
import { MESSAGING } from '../capture/selectors';

/** Connection-note box of the invite modal (Connect → Add a note), 2021-2026. */
export const NOTE_SELECTORS = [
  'textarea[name="message"]',
  'textarea#custom-message',
  '#custom-message',
  '[role="dialog"] textarea',
];

function isTextbox(el: Element | null): el is HTMLElement {
  return !!el && el.getAttribute('contenteditable') === 'true' && el.getAttribute('role') === 'textbox';
}

function firstVisible(doc: Document, selectors: readonly string[]): HTMLElement | null {
  for (const selector of selectors) {
    for (const el of Array.from(doc.querySelectorAll<HTMLElement>(selector))) {
      if (!el.closest('[aria-hidden="true"], .msg-overlay-conversation-bubble--is-minimized')) return el;
    }
  }
  return null;
}

/** The focused message textbox, else the open thread's or bubble's composer. */
export function findMessageComposer(doc: Document): HTMLElement | null {
  const active = doc.activeElement;
  const focused = active?.closest?.('[contenteditable="true"]') ?? null;
  if (isTextbox(focused)) return focused;
  return firstVisible(doc, MESSAGING.composer);
}

export function findNoteBox(doc: Document): HTMLTextAreaElement | null {
  const el = firstVisible(doc, NOTE_SELECTORS);
  return el && el.nodeName === 'TEXTAREA' ? (el as HTMLTextAreaElement) : null;
}

/** The conversation (thread pane or overlay bubble) a composer belongs to. */
export function conversationOf(composer: Element): Element | null {
  return (
    composer.closest([...MESSAGING.bubble, ...MESSAGING.thread].join(',')) ??
    composer.closest('form')?.parentElement ??
    null
  );
}
