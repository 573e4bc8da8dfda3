// Replies (docs/pipeline.md): the mailbox the server reads for answers to the user's e-mails,
// the periodic check, and replies marked by hand or by LinkedIn detection. Like the SMTP
// settings, the mailbox lives on the server only (its password is write-only there).
import type { ReachlogApi } from '@/api/api';
import type { ReplyViewMessage, ViewToBackground } from '@/messaging/protocol';
import { toLocalHistory } from '@/sync/history-row';
import type { BackgroundContext } from './context';
import { UserError } from './handle-auth';

/** How often the alarm asks the server to read the mailbox (the server allows once a minute). */
export const REPLY_CHECK_EVERY_MS = 5 * 60_000;

const REPLY_TYPES = new Set<string>(['imap-get', 'imap-save', 'imap-clear', 'replies-check', 'mark-replied']);

export function isReplyMessage(msg: ViewToBackground): msg is ReplyViewMessage {
  return REPLY_TYPES.has(msg.type);
}

async function signedInApi(ctx: BackgroundContext): Promise<ReachlogApi> {
  const api = await ctx.getApi();
  if (!api) throw new UserError('Sign in to connect your mailbox.');
  return api;
}

/** Asks the server to check now; when it marked rows, pulls them at once. */
async function checkNow(ctx: BackgroundContext) {
  const result = await (await signedInApi(ctx)).repliesCheck();
  if (result.replied > 0) await ctx.sync.run();
  return result;
}

export async function handleReplyMessage(ctx: BackgroundContext, msg: ReplyViewMessage): Promise<unknown> {
  switch (msg.type) {
    case 'imap-get':
      return (await signedInApi(ctx)).imapGet();
    case 'imap-save':
      return (await signedInApi(ctx)).imapSet(msg.input);
    case 'imap-clear':
      return (await signedInApi(ctx)).imapClear();
    case 'replies-check':
      return checkNow(ctx);
    case 'mark-replied': {
      const row = await (
        await signedInApi(ctx)
      ).repliesMark({ id: msg.id, repliedAt: msg.repliedAt === null ? null : new Date(msg.repliedAt) });
      // Shown at once; the pull that follows the server's poke brings the same row.
      await ctx.database.history.put(toLocalHistory(row));
      return { ok: true as const };
    }
  }
}

let lastCheck = 0;
/** From the periodic alarm: a mailbox check every REPLY_CHECK_EVERY_MS, failures left to the settings page. */
export async function maybeCheckReplies(ctx: BackgroundContext): Promise<void> {
  if (ctx.now() - lastCheck < REPLY_CHECK_EVERY_MS) return;
  lastCheck = ctx.now();
  try {
    if (await ctx.getApi()) await checkNow(ctx);
  } catch {
    // The server keeps the reason (imap.get's lastError), which the settings page shows.
  }
}
