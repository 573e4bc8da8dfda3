// The poke stream of one connected client. It ends when the client goes, the server closes, or
// the session that opened it has ended (signed out): a signed-out browser hears nothing more.
import type { TPoke } from '../../shared/schemas/sync';
import type { Context } from '../context';
import type { TUser } from '../../shared/schemas/auth';

export async function* pokesFor(
  ctx: Context & { user: TUser; token: string },
  signal: AbortSignal | undefined,
): AsyncGenerator<TPoke> {
  const { auth } = ctx.services;
  const { changes } = ctx.services.sync;
  let poked = false;
  let closed = false;
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const offChange = changes.subscribe(ctx.user.id, () => {
    poked = true;
    wakeUp();
  });
  const offClose = changes.onClose(() => {
    closed = true;
    wakeUp();
  });
  const onAbort = () => wakeUp();
  signal?.addEventListener('abort', onAbort);
  try {
    yield { reason: 'connected' };
    for (;;) {
      if (!poked && !closed && !signal?.aborted) await new Promise<void>((resolve) => (wake = resolve));
      if (closed || signal?.aborted) return;
      poked = false;
      const user = await auth.userForToken(ctx.token);
      if (!user || user.id !== ctx.user.id) return;
      yield { reason: 'changed' };
    }
  } finally {
    offChange();
    offClose();
    signal?.removeEventListener('abort', onAbort);
  }
}
