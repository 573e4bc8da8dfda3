import { browser } from 'wxt/browser';
import type { BackgroundReply, ReplyFor, ViewToBackground } from './protocol';

/**
 * How a view asks the background to act. Never throws: a missing or crashed background becomes
 * `{ ok: false, error }`, so the view can show the reason.
 */
export async function sendToBackground<M extends ViewToBackground>(
  msg: M,
): Promise<BackgroundReply<ReplyFor<M>>> {
  try {
    const reply = (await browser.runtime.sendMessage(msg)) as BackgroundReply<ReplyFor<M>> | undefined;
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
      return {
        ok: false,
        error: 'The extension background did not answer. Reload the extension and try again.',
      };
    }
    return reply;
  } catch (error) {
    return { ok: false, error: `The extension background could not be reached: ${errorText(error)}` };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
