// The dashboard's first screen is the Overview's Latest attempts rows. Until they are on screen,
// the page's other reads (counts, sync status, the outbox, the background's keep-alive, whose
// connection starts a sync that writes) wait: each is an IndexedDB transaction queued in the
// same backend, and each answer a React render on the same main thread, in front of the rows'
// second step (their contacts). docs/extension.md, "First render".
import { useSyncExternalStore } from 'react';

let shown = false;
const listeners = new Set<() => void>();

/** Called once the rows (or the empty state) are on screen, or when the page opens elsewhere. */
export function markFirstScreenShown(): void {
  if (shown) return;
  shown = true;
  for (const l of listeners) l();
}

export function useFirstScreenShown(): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => shown,
  );
}
