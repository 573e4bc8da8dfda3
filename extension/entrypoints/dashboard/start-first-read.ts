// Imported first by main.tsx, for its side effect: reading the first screen's rows starts here,
// before React DOM's module is evaluated (docs/extension.md, "First render"). A page opened on
// another section reads nothing ahead (its Overview, later, reads live).
import { readHash } from '@/ui/lib/navigation';
import { readLatestAttemptsEarly } from '@/ui/dashboard/first-read';

/** Settles once the rows are read (or failed); null when the page opens elsewhere. */
export const firstRead: Promise<unknown> | null =
  readHash() === 'overview' ? readLatestAttemptsEarly() : null;
