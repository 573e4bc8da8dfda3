export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/** Wait before attempt n+1 after n failed attempts: 2 s, 4 s, 8 s … capped at 5 min. */
export function backoffMs(failedAttempts: number): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 20));
}
