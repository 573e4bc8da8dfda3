// A view open keeps the background running: a port named KEEPALIVE_PORT, pinged well within
// Chrome's 30 s idle limit. So the live stream stays open and other browsers' changes show at
// once while the user looks; with no view open, the background sleeps and the alarm syncs.
import { browser } from 'wxt/browser';

export const KEEPALIVE_PORT = 'reachlog-keepalive';
const PING_MS = 20_000;

/** Call once per view; returns the function that lets go. */
export function keepBackgroundAwake(): () => void {
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let stopped = false;
  const connect = () => {
    if (stopped) return;
    try {
      port = browser.runtime.connect({ name: KEEPALIVE_PORT });
      // the worker was stopped anyway (update, crash): connect again, which starts it
      port.onDisconnect.addListener(() => {
        port = null;
        setTimeout(connect, 1_000);
      });
    } catch {
      port = null;
    }
  };
  connect();
  const timer = setInterval(() => {
    try {
      port?.postMessage('ping');
    } catch {
      port = null;
      connect();
    }
  }, PING_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    port?.disconnect();
  };
}
