// Puts the user's text into LinkedIn's message composer or connection-note box, the way typing
// would, so LinkedIn's editor enables its own Send button. Never clicks anything.
import type { FillComposerResult } from '../messaging/protocol';
import { findMessageComposer, findNoteBox } from './find-composer';

/** LinkedIn refuses longer connection notes. */
export const NOTE_LIMIT = 300;

export function normaliseText(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function fire(el: Element, text: string): void {
  const view = el.ownerDocument.defaultView;
  const InputEv = view?.InputEvent ?? view?.Event ?? Event;
  el.dispatchEvent(
    new InputEv('input', { bubbles: true, inputType: 'insertText', data: text } as InputEventInit),
  );
  el.dispatchEvent(new (view?.Event ?? Event)('change', { bubbles: true }));
}

function setTextareaValue(box: HTMLTextAreaElement, text: string): void {
  // React-style controlled inputs ignore `box.value = …`; the prototype setter is what typing uses.
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box) as object, 'value')?.set;
  if (setter) setter.call(box, text);
  else box.value = text;
}

function setParagraphs(box: HTMLElement, text: string): void {
  const doc = box.ownerDocument;
  box.replaceChildren(
    ...text.split('\n').map((line) => {
      const p = doc.createElement('p');
      if (line) p.textContent = line;
      else p.appendChild(doc.createElement('br'));
      return p;
    }),
  );
}

function fillContentEditable(box: HTMLElement, text: string): void {
  const doc = box.ownerDocument;
  box.focus();
  const selection = doc.getSelection?.();
  if (selection) {
    const range = doc.createRange();
    range.selectNodeContents(box);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  let inserted = false;
  try {
    // execCommand keeps the editor's undo stack and its own input handling (Chromium, Firefox).
    inserted = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  } catch {
    inserted = false;
  }
  if (!inserted || normaliseText(box.textContent ?? '') !== normaliseText(text)) {
    setParagraphs(box, text);
    fire(box, text);
  }
}

export function fillComposer(doc: Document, text: string, target: 'message' | 'note'): FillComposerResult {
  if (target === 'note') {
    if (text.length > NOTE_LIMIT) {
      return {
        ok: false,
        reason: 'too-long',
        message: `LinkedIn notes are limited to ${NOTE_LIMIT} characters (this one has ${text.length}).`,
      };
    }
    const box = findNoteBox(doc);
    if (!box) {
      return {
        ok: false,
        reason: 'no-composer',
        message:
          'No connection note box is open. On LinkedIn, click Connect, then "Add a note", and try again.',
      };
    }
    box.focus();
    setTextareaValue(box, text);
    fire(box, text);
    return { ok: true, target };
  }
  const box = findMessageComposer(doc);
  if (!box) {
    return {
      ok: false,
      reason: 'no-composer',
      message: 'No message box is open. Open the conversation on LinkedIn (Message), then try again.',
    };
  }
  fillContentEditable(box, text);
  return { ok: true, target };
}
