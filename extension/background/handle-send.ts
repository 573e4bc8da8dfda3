import { enqueueSend, type SendRequest } from '@/outbox/enqueue';
import type { BackgroundContext } from './context';
import { UserError } from './handle-auth';
import { completeBothByHand } from './handle-composer';

/**
 * Queues the send (its send id is made here, once) and starts the outbox without waiting for
 * it: the view follows the row's state in Dexie (useOutboxRow).
 */
export async function handleSend(ctx: BackgroundContext, req: SendRequest): Promise<{ sendId: string }> {
  if (req.kind === 'linkedin' && req.input.draftId) {
    // "Mark as sent" of a both-channel send's LinkedIn message completes that send
    const completed = await completeBothByHand(ctx, req.input.draftId, req.input.message);
    if (completed) return completed;
  }
  const row = await enqueueSend(req, ctx.database, ctx.now());
  void ctx.outbox.kick();
  return { sendId: row.id };
}

export async function handleRetry(ctx: BackgroundContext, id: string): Promise<{ sendId: string }> {
  const row = await ctx.outbox.retry(id);
  if (!row) throw new UserError('This send is no longer in the outbox.');
  return { sendId: row.id };
}
