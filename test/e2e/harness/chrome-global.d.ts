// Functions given to serviceWorker.evaluate() / page.evaluate() run inside Chromium's extension
// context, where the extension API is the global `chrome` (WXT's `browser` is only a bundled
// import). This types it for those callbacks.
import type { browser } from '@wxt-dev/browser';

declare global {
  const chrome: typeof browser;
}

export {};
