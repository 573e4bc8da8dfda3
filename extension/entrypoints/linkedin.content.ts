import { browser } from 'wxt/browser';
import { capturePage } from '../capture/capture-page';
import { findMessageComposer } from '../composer/find-composer';
import { fillComposer } from '../composer/fill-composer';
import { watchSent } from '../composer/watch-sent';
import { createCaptureWatcher } from '../content/capture-watcher';
import { recordIfNotUnderstood } from '../content/not-understood';
import type { ContentToBackground, FillComposerResult, ToContent } from '../messaging/protocol';

// Reads LinkedIn pages and reports what it sees; fills the composer only when the user asks
// from the side panel. Never adds anything to LinkedIn's page and never clicks its buttons.
export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const send = (msg: ContentToBackground) => {
      if (ctx.isValid) void browser.runtime.sendMessage(msg).catch(() => undefined);
    };
    const read = () => capturePage(document, location.href, { clock: { now: Date.now() } });

    // Each page that settles without its person counts once (re-arms on clicks read it again).
    const counted = new Set<string>();
    const watcher = createCaptureWatcher({
      view: window,
      read,
      report: (capture) => send({ type: 'capture', capture }),
      onSettled: (capture) => {
        if (counted.has(capture.url) || !ctx.isValid) return;
        counted.add(capture.url);
        void recordIfNotUnderstood(capture, Date.now()).catch(() => counted.delete(capture.url));
      },
    });
    watcher.arm();
    ctx.addEventListener(window, 'wxt:locationchange', () => watcher.arm());
    ctx.addEventListener(document, 'click', () => watcher.arm(), { capture: true, passive: true });
    ctx.onInvalidated(() => watcher.stop());

    let stopSentWatch: (() => void) | null = null;
    const fill = (text: string, target: 'message' | 'note'): FillComposerResult => {
      const result = fillComposer(document, text, target);
      const composer = result.ok && target === 'message' ? findMessageComposer(document) : null;
      if (composer) {
        stopSentWatch?.();
        const fallback = read().people[0] ?? null;
        stopSentWatch = watchSent({
          composer,
          text,
          fallbackRecipient: fallback,
          onSent: ({ recipient }) => send({ type: 'linkedin-sent', recipient, text, url: location.href }),
        });
      }
      return result;
    };
    ctx.onInvalidated(() => stopSentWatch?.());

    browser.runtime.onMessage.addListener((raw: unknown, _sender, sendResponse) => {
      const msg = raw as ToContent | null;
      if (msg?.type === 'read-page') {
        const clock = msg.clock;
        const valid = !!clock && Number.isFinite(clock.now);
        sendResponse(valid ? capturePage(document, location.href, { clock }) : read());
        return false;
      }
      if (msg?.type === 'fill-composer' && typeof msg.text === 'string') {
        sendResponse(fill(msg.text, msg.target === 'note' ? 'note' : 'message'));
        return false;
      }
      return false;
    });
  },
});
