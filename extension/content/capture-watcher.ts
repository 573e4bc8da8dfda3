// Reads the page when asked (load, in-app navigation) and again while LinkedIn keeps rendering,
// reporting each capture that differs from the last one. The MutationObserver only runs while
// the page settles: it disconnects once the capture has been stable for a while, and is
// re-armed on navigation or a click (a bubble opening, a tab switching).
import type { Capture } from '../../shared/capture';

export interface CaptureWatcherOptions {
  /** Window whose document is observed (timers and MutationObserver come from it). */
  view: Window;
  read: () => Capture;
  report: (capture: Capture) => void;
  /** Called with the last capture when the page has settled (stable or maxWatchMs), not on stop(). */
  onSettled?: (capture: Capture) => void;
  /** Wait for the page to be quiet this long before reading again. */
  debounceMs?: number;
  /** Disconnect once the capture has not changed for this long… */
  stableMs?: number;
  /** …or at the latest this long after arming. */
  maxWatchMs?: number;
}

export interface CaptureWatcher {
  /** Reads now, then observes the page until it settles. */
  arm(): void;
  stop(): void;
  readonly observing: boolean;
}

export function createCaptureWatcher(options: CaptureWatcherOptions): CaptureWatcher {
  const { view, read, report } = options;
  const debounceMs = options.debounceMs ?? 300;
  const stableMs = options.stableMs ?? 4000;
  const maxWatchMs = options.maxWatchMs ?? 30_000;
  let last: string | null = null;
  let lastCapture: Capture | null = null;
  let observer: MutationObserver | null = null;
  let debounce: number | undefined;
  let stable: number | undefined;
  let deadline: number | undefined;

  const readAndReport = () => {
    let capture: Capture;
    try {
      capture = read();
    } catch {
      return;
    }
    const json = JSON.stringify(capture);
    if (json === last) return;
    last = json;
    lastCapture = capture;
    report(capture);
    restartStableTimer();
  };

  const restartStableTimer = () => {
    view.clearTimeout(stable);
    stable = view.setTimeout(settle, stableMs);
  };

  const onMutation = () => {
    view.clearTimeout(debounce);
    debounce = view.setTimeout(readAndReport, debounceMs);
  };

  function settle() {
    const watching = observer !== null;
    disconnect();
    if (watching && lastCapture) options.onSettled?.(lastCapture);
  }

  function disconnect() {
    observer?.disconnect();
    observer = null;
    view.clearTimeout(debounce);
    view.clearTimeout(stable);
    view.clearTimeout(deadline);
  }

  return {
    arm() {
      readAndReport();
      if (!observer) {
        const Observer = (view as Window & typeof globalThis).MutationObserver;
        observer = new Observer(onMutation);
        observer.observe(view.document.documentElement, {
          childList: true,
          subtree: true,
          characterData: true,
        });
      }
      restartStableTimer();
      view.clearTimeout(deadline);
      deadline = view.setTimeout(settle, maxWatchMs);
    },
    stop: disconnect,
    get observing() {
      return observer !== null;
    },
  };
}
