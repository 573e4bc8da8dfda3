export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
/** An interrupted send being finished on the server is checked this often, at most. */
export const FINISHING_CHECK_MS = 15_000;

/**
 * Wait before attempt n+1 after n failed attempts: a step of 2 s, 4 s, 8 s … capped at 5 min,
 * of which a random half to all is waited ("equal jitter"), so browsers that failed at the same
 * moment (a mail server or the sync server coming back) do not all come back at once.
 */
export function backoffMs(failedAttempts: number, random: () => number = Math.random): number {
  const n = Math.max(1, failedAttempts);
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 20));
  return Math.round(step / 2 + (step / 2) * Math.min(1, Math.max(0, random())));
}
