import type { BackgroundReply, ContentToBackground, ViewToBackground } from '@/messaging/protocol';
import type { Background } from './create-background';

const CONTENT_TYPES = new Set(['capture', 'linkedin-sent']);
const VIEW_TYPES = new Set([
  'sign-in',
  'sign-up',
  'sign-out',
  'send-verification-code',
  'verify-email',
  'request-password-reset',
  'reset-password',
  'send-email',
  'record-linkedin',
  'send-draft',
  'fill-composer',
  'send-both',
  'check-recipient',
  'sync-now',
  'retry-outbox',
  'smtp-get',
  'smtp-save',
  'smtp-clear',
  'smtp-test',
  'imap-get',
  'imap-save',
  'imap-clear',
  'replies-check',
  'mark-replied',
]);

/** This extension: its id and the URL its own pages start with (runtime.getURL('/')). */
export interface ExtensionSelf {
  id: string;
  baseUrl: string;
}

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/**
 * Decides who may ask what: a LinkedIn tab's content script may only report captures and sent
 * messages; only the extension's own pages (an allow-list: URL under this extension's base URL)
 * may sign in, send, fill or change settings. Anything else is refused — a content script in a
 * page that is not LinkedIn, or any future sender, is not an extension page just because it is
 * not LinkedIn.
 */
export async function routeMessage(
  bg: Background,
  msg: unknown,
  sender: MessageSender,
  self: ExtensionSelf,
): Promise<BackgroundReply> {
  const type = (msg as { type?: unknown } | null)?.type;
  if (typeof type !== 'string') return { ok: false, error: 'Malformed message' };
  if (sender.id !== self.id) return { ok: false, error: 'Not accepted from another extension' };
  const fromLinkedIn = !!sender.url?.startsWith('https://www.linkedin.com/');
  let result: BackgroundReply;
  if (CONTENT_TYPES.has(type)) {
    const tabId = sender.tab?.id;
    if (!fromLinkedIn || tabId === undefined)
      return { ok: false, error: 'Only LinkedIn tabs report captures' };
    result = await bg.handleContent(msg as ContentToBackground, tabId);
  } else if (VIEW_TYPES.has(type)) {
    const fromOwnPage = !!self.baseUrl && !!sender.url?.startsWith(self.baseUrl);
    if (!fromOwnPage) return { ok: false, error: 'Only the extension pages may ask this' };
    result = await bg.handleView(msg as ViewToBackground);
  } else {
    return { ok: false, error: `Unknown request: ${type}` };
  }
  // every message is a sign of life: move the outbox if something is due
  void bg.outbox.kick();
  return result;
}
