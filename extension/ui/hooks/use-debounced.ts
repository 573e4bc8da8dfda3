import { useCallback, useEffect, useRef } from 'react';

/**
 * A debounced caller of `fn` with `flush()` to run a pending call now (and on unmount, so
 * that closing the panel mid-typing still saves).
 */
export function useDebouncedCallback<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  const fnRef = useRef(fn);
  const pending = useRef<{ args: A; timer: ReturnType<typeof setTimeout> } | null>(null);
  useEffect(() => {
    fnRef.current = fn;
  });

  const flush = useCallback(() => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = null;
    fnRef.current(...p.args);
  }, []);

  const call = useCallback(
    (...args: A) => {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = { args, timer: setTimeout(flush, ms) };
    },
    [flush, ms],
  );

  useEffect(() => flush, [flush]);
  /** a call is waiting (the user is typing): the view's own text is newer than the stored one */
  const isPending = useCallback(() => pending.current !== null, []);
  return { call, flush, isPending };
}
