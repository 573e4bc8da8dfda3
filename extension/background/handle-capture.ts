import type { Capture } from '@@/shared/capture';
import { ZCapture } from '@@/shared/schemas/capture';
import { recordContacts } from '@/sync/local-writes';
import type { BackgroundContext } from './context';
import { UserError } from './handle-auth';
import { handleConversation } from './handle-conversation';

const LINKEDIN = /^https:\/\/www\.linkedin\.com\//;

/**
 * A content script read its page: the tab's capture (what the side panel shows) and the contacts.
 * The message is checked against the Capture schema first (a page's text is untrusted, and the
 * parsed copy carries no keys the schema does not know); nothing is stored when it fails.
 */
export async function handleCapture(
  ctx: BackgroundContext,
  tabId: number,
  message: unknown,
): Promise<{ contacts: number; replies: number }> {
  const parsed = ZCapture.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : '';
    throw new UserError(`The page could not be read: its capture was malformed${where}`);
  }
  const capture: Capture = parsed.data;
  const now = ctx.now();
  await ctx.database.tabCaptures.put({ tabId, capture, updatedAt: now });
  const saved = await recordContacts(capture, now, ctx.database);
  const replies = capture.conversation ? await handleConversation(ctx, capture.conversation) : 0;
  return { contacts: saved.length, replies };
}

/** A closed tab leaves no capture and no pending composer fill behind. */
export async function handleTabRemoved(ctx: BackgroundContext, tabId: number): Promise<void> {
  await ctx.database.transaction('rw', [ctx.database.tabCaptures, ctx.database.composerFills], async () => {
    await ctx.database.tabCaptures.delete(tabId);
    await ctx.database.composerFills.delete(tabId);
  });
}

/**
 * A tab navigated. Its URL is only visible to us on LinkedIn (host permission), so an unknown
 * URL means the tab left LinkedIn and its capture is stale.
 */
export async function handleTabUpdated(
  ctx: BackgroundContext,
  tabId: number,
  url: string | undefined,
): Promise<void> {
  if (url && LINKEDIN.test(url)) return;
  await handleTabRemoved(ctx, tabId);
}
