import type { BackgroundReply, ContentToBackground, ViewToBackground } from '@/messaging/protocol';
import type { Background } from './create-background';

const CONTENT_TYPES = new Set(['capture', 'linkedin-sent']);
const VIEW_TYPES = new Set([
  'sign-in',
  'sign-up',
  'sign-out',
  'send-email',
  'record-linkedin',
  'send-draft',
  'fill-composer',
  'check-recipient',
  'sync-now',
  'retry-outbox',
  'smtp-get',
  'smtp-save',
  'smtp-clear',
  'smtp-test',
]);

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/**
 * Decides who may ask what: a LinkedIn tab's content script may only report captures and sent
 * messages; only the extension's own pages may sign in, send or fill. Anything else is refused.
 */
export async function routeMessage(
  bg: Background,
  msg: unknown,
  sender: MessageSender,
  extensionId: string,
): Promise<BackgroundReply> {
  const type = (msg as { type?: unknown } | null)?.type;
  if (typeof type !== 'string') return { ok: false, error: 'Malformed message' };
  if (sender.id !== extensionId) return { ok: false, error: 'Not accepted from another extension' };
  const fromLinkedIn = !!sender.url?.startsWith('https://www.linkedin.com/');
  let result: BackgroundReply;
  if (CONTENT_TYPES.has(type)) {
    const tabId = sender.tab?.id;
    if (!fromLinkedIn || tabId === undefined)
      return { ok: false, error: 'Only LinkedIn tabs report captures' };
    result = await bg.handleContent(msg as ContentToBackground, tabId);
  } else if (VIEW_TYPES.has(type)) {
    if (fromLinkedIn) return { ok: false, error: 'Not accepted from a web page' };
    result = await bg.handleView(msg as ViewToBackground);
  } else {
    return { ok: false, error: `Unknown request: ${type}` };
  }
  // every message is a sign of life: move the outbox if something is due
  void bg.outbox.kick();
  return result;
}
