// Composer fill and sent detection on the messaging fixture, in happy-dom (no execCommand here:
// this exercises the paragraph fallback; the browser test covers execCommand in Chromium).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fillComposer, NOTE_LIMIT } from './fill-composer';
import { findMessageComposer } from './find-composer';
import { watchSent, type SentReport } from './watch-sent';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/linkedin');

function loadPage(html: string): Document {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  // Only the body: the fixtures' stylesheets and ad iframes have nothing to load here.
  parsed.body.querySelectorAll('iframe, link, script').forEach((el) => el.remove());
  document.body.replaceWith(document.importNode(parsed.body, true));
  return document;
}
const loadFixture = (name: string) => loadPage(readFileSync(path.join(fixtures, `${name}.html`), 'utf8'));
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** What LinkedIn does when the user presses Send: the message joins the thread, the box empties. */
function simulateSend(doc: Document, text: string, from: 'viewer' | 'partner' = 'viewer') {
  const list = doc.querySelector('.msg-s-message-list-content')!;
  const li = doc.createElement('li');
  li.className = 'msg-s-message-list__event';
  const item = doc.createElement('div');
  item.className =
    from === 'viewer' ? 'msg-s-event-listitem' : 'msg-s-event-listitem msg-s-event-listitem--other';
  item.setAttribute('data-event-urn', `urn:li:msg_message:${Math.random()}`);
  const body = doc.createElement('p');
  body.className = 'msg-s-event-listitem__body';
  body.textContent = text;
  item.appendChild(body);
  li.appendChild(item);
  list.appendChild(li);
  const box = doc.querySelector('.msg-form__contenteditable')!;
  box.replaceChildren(doc.createElement('p'));
}

afterEach(() => loadPage('<html><body></body></html>'));

describe('fillComposer, message', () => {
  it('fills the open thread’s composer and fires input/change', () => {
    const doc = loadFixture('messaging_thread');
    const box = findMessageComposer(doc)!;
    const events: string[] = [];
    box.addEventListener('input', () => events.push('input'));
    box.addEventListener('change', () => events.push('change'));
    const text = 'Hi Ingrid,\n\nThursday 2pm ET works. See you then!';
    expect(fillComposer(doc, text, 'message')).toEqual({ ok: true, target: 'message' });
    expect(Array.from(box.querySelectorAll('p')).map((p) => p.textContent)).toEqual([
      'Hi Ingrid,',
      '',
      'Thursday 2pm ET works. See you then!',
    ]);
    expect(events).toEqual(['input', 'change']);
  });

  it('prefers the focused textbox (an open bubble) over the thread', () => {
    const doc = loadFixture('messaging_overlay_open');
    const bubbleBox = doc.querySelector<HTMLElement>(
      '.msg-overlay-conversation-bubble--is-active [role="textbox"]',
    )!;
    bubbleBox.focus();
    expect(fillComposer(doc, 'Hello Rafael', 'message').ok).toBe(true);
    expect(bubbleBox.textContent).toBe('Hello Rafael');
  });

  it('says so when no composer is open', () => {
    const doc = loadFixture('profile_recruiter');
    expect(fillComposer(doc, 'Hi', 'message')).toEqual({
      ok: false,
      reason: 'no-composer',
      message: 'No message box is open. Open the conversation on LinkedIn (Message), then try again.',
    });
  });
});

describe('fillComposer, connection note', () => {
  const modal =
    '<html><body><div role="dialog" class="artdeco-modal send-invite"><label for="custom-message">Add a note</label>' +
    '<textarea name="message" id="custom-message" maxlength="300"></textarea>' +
    '<button aria-label="Send invitation">Send</button></div></body></html>';

  it('fills the note box with input/change events', () => {
    const doc = loadPage(modal);
    const box = doc.querySelector('textarea')!;
    let inputs = 0;
    box.addEventListener('input', () => inputs++);
    expect(fillComposer(doc, 'Hi Dana — loved your post on hiring.', 'note')).toEqual({
      ok: true,
      target: 'note',
    });
    expect(box.value).toBe('Hi Dana — loved your post on hiring.');
    expect(inputs).toBe(1);
  });

  it('refuses notes over 300 characters with a clear message, leaving the box alone', () => {
    const doc = loadPage(modal);
    const text = 'x'.repeat(NOTE_LIMIT + 12);
    expect(fillComposer(doc, text, 'note')).toEqual({
      ok: false,
      reason: 'too-long',
      message: 'LinkedIn notes are limited to 300 characters (this one has 312).',
    });
    expect(doc.querySelector('textarea')!.value).toBe('');
    expect(fillComposer(doc, 'y'.repeat(NOTE_LIMIT), 'note').ok).toBe(true);
  });

  it('says so when the note box is not open', () => {
    const doc = loadFixture('profile_recruiter');
    const result = fillComposer(doc, 'Hi', 'note');
    expect(result).toMatchObject({ ok: false, reason: 'no-composer' });
  });
});

describe('watchSent', () => {
  const text = 'Thanks Ingrid — Thursday 2pm ET works for me.';

  function start(doc: Document) {
    const reports: SentReport[] = [];
    fillComposer(doc, text, 'message');
    const stop = watchSent({ composer: findMessageComposer(doc)!, text, onSent: (r) => reports.push(r) });
    return { reports, stop };
  }

  it('reports once when the text appears as the viewer’s new message and the composer is empty', async () => {
    const doc = loadFixture('messaging_thread');
    const { reports } = start(doc);
    simulateSend(doc, `  Thanks Ingrid —\n Thursday 2pm ET   works for me. `);
    await tick(10);
    simulateSend(doc, text);
    await tick(10);
    expect(reports).toEqual([
      {
        recipient: {
          name: 'Ingrid Solberg',
          linkedinUrl: 'https://www.linkedin.com/in/ingrid-solberg-talent/',
        },
        text,
      },
    ]);
  });

  it('does not report a message from the partner, or while the composer still holds text', async () => {
    const doc = loadFixture('messaging_thread');
    const { reports, stop } = start(doc);
    simulateSend(doc, text, 'partner');
    await tick(10);
    // The viewer's message is there but the composer is not empty.
    doc.querySelector('.msg-form__contenteditable')!.textContent = 'still typing';
    const list = doc.querySelector('.msg-s-message-list-content')!;
    const item = doc.createElement('div');
    item.className = 'msg-s-event-listitem';
    item.setAttribute('data-event-urn', 'urn:x');
    item.textContent = text;
    list.appendChild(item);
    await tick(10);
    expect(reports).toEqual([]);
    stop();
  });

  it('reports the bubble’s partner for a message sent from an overlay bubble', async () => {
    const doc = loadFixture('messaging_overlay_open');
    const box = doc.querySelector<HTMLElement>(
      '.msg-overlay-conversation-bubble--is-active [role="textbox"]',
    )!;
    box.focus();
    const reports: SentReport[] = [];
    fillComposer(doc, 'Hello Rafael', 'message');
    watchSent({ composer: box, text: 'Hello Rafael', onSent: (r) => reports.push(r) });
    const list = box
      .closest('.msg-overlay-conversation-bubble')!
      .querySelector('.msg-s-message-list-content')!;
    const item = doc.createElement('li');
    const ev = doc.createElement('div');
    ev.className = 'msg-s-event-listitem';
    ev.setAttribute('data-event-urn', 'urn:y');
    ev.textContent = 'Hello Rafael';
    item.appendChild(ev);
    list.appendChild(item);
    box.replaceChildren();
    await tick(10);
    expect(reports.map((r) => r.recipient)).toEqual([
      { name: 'Rafael Moreno', linkedinUrl: 'https://www.linkedin.com/in/rafael-moreno-talent/' },
    ]);
  });
});
