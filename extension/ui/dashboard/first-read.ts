// The dashboard's first screen's rows, read before React (docs/extension.md, "First render").
// No React here: the dashboard's entry imports this first (start-first-read.ts), so the read
// starts before React DOM's module is evaluated, and IndexedDB's open runs in the browser while
// the page's scripts do.
import { queryHistoryWithContacts, type HistoryWithContacts } from '@/data/queries';

export const LATEST_ATTEMPTS_LIMIT = 20;

export interface EarlyRead {
  read: Promise<HistoryWithContacts>;
  value?: HistoryWithContacts;
  failed?: boolean;
}

let early: EarlyRead | undefined;

/**
 * Starts reading Latest attempts' rows (and their contacts); settles once they are read or the
 * read failed (the live query then reads again and shows its error). The first LatestAttempts
 * takes this read; later ones read live only.
 */
export function readLatestAttemptsEarly(): Promise<unknown> {
  const read = queryHistoryWithContacts(LATEST_ATTEMPTS_LIMIT);
  const started: EarlyRead = { read };
  early = started;
  return read.then(
    (value) => (started.value = value),
    () => (started.failed = true),
  );
}

/** The read started before React, once: the first LatestAttempts shows it. */
export function takeEarlyRead(): EarlyRead | undefined {
  const e = early;
  early = undefined;
  return e;
}
