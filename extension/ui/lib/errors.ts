// Errors from the background in plain words.
import type { BackgroundReply } from '@/messaging/protocol';

export function replyError(reply: BackgroundReply | undefined | null): string | null {
  if (!reply) return 'The extension did not answer. Reload the page and try again.';
  if (reply.ok) return null;
  return reply.error || 'Something went wrong.';
}
