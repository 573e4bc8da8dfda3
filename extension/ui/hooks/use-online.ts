import { useSyncExternalStore } from 'react';

function subscribe(cb: () => void): () => void {
  addEventListener('online', cb);
  addEventListener('offline', cb);
  return () => {
    removeEventListener('online', cb);
    removeEventListener('offline', cb);
  };
}

/** The browser's own idea of being online (the server may still be unreachable). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}
