// Messages between the extension's parts. The background owns the API client and the outbox;
// the content script only reads pages and fills the composer; views read Dexie and ask the
// background to act.
import type { Capture } from '@@/shared/capture';
import type { TSendEmailInput, TRecordLinkedInInput } from '@@/shared/schemas/outreach';
import type { TDraftSendInput } from '@@/shared/schemas/drafts';
import type { TAccount } from '@@/shared/schemas/auth';
import type { TSmtpSettings, TSmtpSettingsInput } from '@@/shared/schemas/smtp';
import type { TImapSettings, TImapSettingsInput, TReplyCheckResult } from '@@/shared/schemas/imap';
import type { HistoryRowLocal } from '@/db/types';

/** content script → background */
export type ContentToBackground =
  | { type: 'capture'; capture: Capture }
  | {
      type: 'linkedin-sent';
      recipient: { name: string; linkedinUrl: string | null };
      text: string;
      url: string;
    };

/** background / side panel → content script (tabs.sendMessage) */
export type ToContent =
  | { type: 'fill-composer'; text: string; target: 'message' | 'note' }
  /** `clock`: read as at that moment (a fixture's, so "Today" reads the same in every run) */
  | { type: 'read-page'; clock?: { now: number; utcOffsetMinutes?: number } };

export type FillComposerResult =
  | { ok: true; target: 'message' | 'note' }
  | { ok: false; reason: 'no-composer' | 'too-long' | 'not-linkedin'; message: string };

/** views → background */
export type ViewToBackground =
  | { type: 'sign-in'; serverUrl: string; email: string; password: string }
  | { type: 'sign-up'; serverUrl: string; email: string; password: string; name?: string }
  | { type: 'sign-out' }
  | AccountViewMessage
  | { type: 'send-email'; input: Omit<TSendEmailInput, 'sendId'> }
  | { type: 'record-linkedin'; input: Omit<TRecordLinkedInInput, 'sendId'> }
  | { type: 'send-draft'; input: Omit<TDraftSendInput, 'sendId'> }
  | { type: 'fill-composer'; tabId: number; text: string; target: 'message' | 'note'; draftId: string }
  /** "Send e-mail + LinkedIn": the e-mail through the outbox, the message into the composer */
  | { type: 'send-both'; tabId: number; text: string; target: 'message' | 'note'; draftId: string }
  | { type: 'check-recipient'; linkedinUrl?: string; email?: string; jobUrl?: string }
  | { type: 'sync-now' }
  | { type: 'retry-outbox'; id: string }
  | SmtpViewMessage
  | ReplyViewMessage;

// ---- additive (views): confirming the account's e-mail address and resetting a forgotten
// password, each with the 6-digit code the server e-mails. ----
export type AccountViewMessage =
  | { type: 'send-verification-code' }
  | { type: 'verify-email'; code: string }
  | { type: 'request-password-reset'; serverUrl: string; email: string }
  | { type: 'reset-password'; serverUrl: string; email: string; code: string; password: string };

// ---- additive (views): the user's own SMTP settings (server: smtp.get/set/clear/test). Until the
// background routes these, it answers "Unknown request" and the settings page says so. ----
export type SmtpViewMessage =
  | { type: 'smtp-get' }
  | { type: 'smtp-save'; input: TSmtpSettingsInput }
  | { type: 'smtp-clear' }
  | { type: 'smtp-test'; to?: string };

// ---- additive (views): the mailbox read for replies, and replies marked by hand
// (server: imap.get/set/clear, replies.check/mark; docs/pipeline.md). ----
export type ReplyViewMessage =
  | { type: 'imap-get' }
  | { type: 'imap-save'; input: TImapSettingsInput }
  | { type: 'imap-clear' }
  | { type: 'replies-check' }
  | { type: 'mark-replied'; id: number; repliedAt: number | null };

export type BackgroundReply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

// ---- additive (extension core): what each view message answers with ----

/** check-recipient: earlier sends to this person / about this job, newest first. */
export interface RecipientCheck {
  rows: HistoryRowLocal[];
  /** true when the server could not be asked and the answer comes from this browser's copy */
  cached: boolean;
  /** when the server last answered this question (null: never) */
  checkedAt: number | null;
  /** why the server could not be asked, in the user's words (explainError) */
  unreachable?: string;
}

export interface SyncResult {
  state: 'synced' | 'offline' | 'signed-out' | 'error';
  error: string | null;
}

export interface ViewReplies {
  'sign-in': TAccount;
  'sign-up': TAccount;
  'sign-out': null;
  'send-verification-code': { sentTo: string; alreadyConfirmed: boolean };
  'verify-email': TAccount;
  'request-password-reset': { ok: true };
  /** signed in with the new password */
  'reset-password': TAccount;
  /** the outbox row's id (= send id); the view follows its state in Dexie (useOutboxRow) */
  'send-email': { sendId: string };
  'record-linkedin': { sendId: string };
  'send-draft': { sendId: string };
  'fill-composer': FillComposerResult;
  /** the e-mail half's send id, and how the composer fill went */
  'send-both': { sendId: string; fill: FillComposerResult };
  'check-recipient': RecipientCheck;
  'sync-now': SyncResult;
  'retry-outbox': { sendId: string };
  'smtp-get': TSmtpSettings | null;
  'smtp-save': TSmtpSettings;
  'smtp-clear': { ok: true };
  'smtp-test': { ok: true; via: 'user' | 'server'; to: string };
  'imap-get': TImapSettings | null;
  'imap-save': TImapSettings;
  'imap-clear': { ok: true };
  'replies-check': TReplyCheckResult;
  'mark-replied': { ok: true };
}

export type ViewMessageType = ViewToBackground['type'];
export type ReplyFor<M extends ViewToBackground> = ViewReplies[M['type']];

/** content script messages answer with this */
export type ContentReplies = {
  capture: { contacts: number };
  'linkedin-sent': { sendId: string } | { ignored: string };
};
