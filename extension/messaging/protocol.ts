// Messages between the extension's parts. The background owns the API client and the outbox;
// the content script only reads pages and fills the composer; views read Dexie and ask the
// background to act.
import type { Capture } from '@@/shared/capture';
import type { TSendEmailInput, TRecordLinkedInInput } from '@@/shared/schemas/outreach';
import type { TDraftSendInput } from '@@/shared/schemas/drafts';

/** content script → background */
export type ContentToBackground =
  | { type: 'capture'; capture: Capture }
  | { type: 'linkedin-sent'; recipient: { name: string; linkedinUrl: string | null }; text: string; url: string };

/** background / side panel → content script (tabs.sendMessage) */
export type ToContent =
  | { type: 'fill-composer'; text: string; target: 'message' | 'note' }
  | { type: 'read-page' };

export type FillComposerResult =
  | { ok: true; target: 'message' | 'note' }
  | { ok: false; reason: 'no-composer' | 'too-long' | 'not-linkedin'; message: string };

/** views → background */
export type ViewToBackground =
  | { type: 'sign-in'; serverUrl: string; email: string; password: string }
  | { type: 'sign-up'; serverUrl: string; email: string; password: string; name?: string }
  | { type: 'sign-out' }
  | { type: 'send-email'; input: Omit<TSendEmailInput, 'sendId'> }
  | { type: 'record-linkedin'; input: Omit<TRecordLinkedInInput, 'sendId'> }
  | { type: 'send-draft'; input: Omit<TDraftSendInput, 'sendId'> }
  | { type: 'fill-composer'; tabId: number; text: string; target: 'message' | 'note'; draftId: string }
  | { type: 'check-recipient'; linkedinUrl?: string; email?: string; jobUrl?: string }
  | { type: 'sync-now' }
  | { type: 'retry-outbox'; id: string };

export type BackgroundReply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };
