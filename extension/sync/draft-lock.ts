// Pushes (sync engine, outbox before drafts.send) and pulls of drafts take turns: a pull that
// read the server's list before a push landed must not treat the pushed draft as deleted.
let tail: Promise<unknown> = Promise.resolve();

export function withDraftLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}
