import { useEffect, useMemo } from 'react';
import { saveDraft } from '@/db/drafts';
import type { DraftPatch } from '@/db/types';

export interface DraftSaver {
  /** queue an edit; edits to the same draft merge (recipient fields merge too) */
  save(patch: DraftPatch): void;
  /** write every queued edit now (on blur, before send, on close) */
  flush(): Promise<void>;
  /** edits queued but not written */
  pending(): number;
}

/**
 * Debounces keystrokes into one Dexie write per pause. A view keeps the text in its own state,
 * calls save() on every change and flush() before acting on the draft.
 */
export function createDraftSaver(delayMs = 300, write: (patch: DraftPatch) => Promise<unknown> = saveDraft): DraftSaver {
  const queued = new Map<string, DraftPatch>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...queued.values()];
    queued.clear();
    // chained so that two flushes never write one draft out of order
    writing = writing.then(async () => {
      for (const patch of batch) await write(patch);
    });
    return writing;
  };

  return {
    save(patch) {
      const prev = queued.get(patch.id);
      queued.set(
        patch.id,
        prev
          ? {
              ...prev,
              ...patch,
              ...(prev.recipient || patch.recipient ? { recipient: { ...prev.recipient!, ...patch.recipient! } } : {}),
            }
          : patch,
      );
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    pending: () => queued.size,
  };
}

/** A DraftSaver for one component; flushes when it unmounts and when the page is hidden or closed. */
export function useDebouncedDraftSave(delayMs = 300): DraftSaver {
  const saver = useMemo(() => createDraftSaver(delayMs), [delayMs]);
  useEffect(() => {
    const onHide = () => void saver.flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void saver.flush();
    };
  }, [saver]);
  return saver;
}
