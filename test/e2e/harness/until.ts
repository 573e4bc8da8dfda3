// Waits for a condition a user would wait for (a row showing, a status changing): polls until
// `fn` gives a truthy value, and names what never came when it times out.
export async function until<T>(
  what: string,
  fn: () => Promise<T> | T,
  timeoutMs = 30_000,
  everyMs = 150,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
