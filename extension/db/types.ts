// Row types of the local (IndexedDB) database, derived from the zod schemas in shared/ (one
// definition of a history row, a draft's fields, a contact, a template). Times are epoch
// milliseconds so they index and sort in IndexedDB; the sync layer converts the server's Dates.
import type { Capture } from '@@/shared/capture';
import type { THistoryRow } from '@@/shared/schemas/history';
import type { TDraftStatus } from '@@/shared/schemas/drafts';
import type { TUser } from '@@/shared/schemas/auth';
import type { TOutreachContent } from '@@/shared/schemas/outreach-content';
import type {
  TContactData,
  TContactJob,
  TDraftConflict,
  TMutationName,
  TTemplateData,
  TTemplateKind,
} from '@@/shared/schemas/sync';

export type ContactJob = TContactJob;

/** A captured person: one per LinkedIn URL, else per e-mail. Synced (loose: may carry more fields). */
export type ContactRow = TContactData & {
  /** canonical LinkedIn URL, or `mailto:<email>` */
  id: string;
};

/** A draft as this browser shows it: the server's copy with this browser's unconfirmed edits on top. */
export type DraftRow = TOutreachContent & {
  id: string;
  status: TDraftStatus;
  createdAt: number;
  /** the last local edit, or the server's updatedAt */
  updatedAt: number;
  /** the server version the row was last pulled at (0: never); local edits name it as their base */
  version: number;
  /** 1: deleted (here, or pulled as deleted elsewhere); hidden from lists. A number: IndexedDB cannot index booleans */
  deleted: 0 | 1;
  /** edits kept after a concurrent edit or a delete in another browser (see docs/sync.md) */
  conflicts: TDraftConflict[];
  /** why the server refused this browser's last change of the draft, if it did */
  syncError: string | null;
  /**
   * The history row this draft follows up ("Follow up"), carried into its sends. Kept in this
   * browser only (not a synced draft field): absent on drafts made elsewhere.
   */
  followUpOf?: number | null;
};

/** The draft fields a view edits. */
export type DraftPatch = { id: string } & Partial<TOutreachContent>;

/** A local change waiting to be confirmed by the server (the sync engine pushes them in id order). */
export interface MutationRow {
  /** the mutation id: consecutive per client, from 1 */
  id: number;
  name: TMutationName;
  args: unknown;
  /** what it changes, e.g. `draft:<id>`, `contact:<id>`: pulled rows are rebased on these */
  target: string;
  createdAt: number;
}

export type OutboxKind = 'email' | 'linkedin' | 'draft';
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'failed';

/** A send the user asked for; its id is the send id, made once, so retries never double-send. */
export interface OutboxRow {
  id: string;
  kind: OutboxKind;
  /** the exact input of outreach.sendEmail / outreach.recordLinkedIn / drafts.send (sendId included) */
  payload: unknown;
  /** for display while it waits */
  recipientName: string;
  draftId: string | null;
  state: OutboxState;
  /**
   * Why a 'waiting' row is not moving: 'connection' = the server could not be reached (retrying
   * with backoff), 'sign-in' = no valid session, 'mail-server' = the mail server failed for now
   * (retrying with backoff), 'finishing' = the server is finishing an interrupted attempt of
   * this send and checks it was not sent twice (checked again shortly). null = queued, about
   * to go (or held back by a passing refusal, in `error`).
   */
  waitingFor: 'connection' | 'sign-in' | 'mail-server' | 'finishing' | null;
  attempts: number;
  nextAttemptAt: number;
  /** last error: the server's message for 'failed', the network error while waiting */
  error: string | null;
  historyId: number | null;
  createdAt: number;
  updatedAt: number;
  /**
   * Part of a both-channel send ("Send e-mail + LinkedIn"): the send id both halves share (the
   * e-mail half's row id). The e-mail half is a drafts.send of the e-mail; the LinkedIn half,
   * queued when the user's LinkedIn send is seen or marked, is a drafts.send of both channels
   * under the same send id, which completes that one history row (docs/pipeline.md).
   */
  bothOf?: string | null;
}

/** A history row (ZHistoryRow) with times in epoch ms. */
export type HistoryRowLocal = Omit<THistoryRow, 'sentAt' | 'createdAt' | 'repliedAt'> & {
  sentAt: number;
  createdAt: number;
  /** Rows stored before replies were tracked lack it: read it as `?? null`. */
  repliedAt: number | null;
};

export interface TabCaptureRow {
  tabId: number;
  capture: Capture;
  updatedAt: number;
}

export type TemplateKind = TTemplateKind;

/** A message template (ZTemplateData). Synced. */
export type TemplateRow = TTemplateData & { id: string };

/** The answer to history.forRecipient for one query, kept for offline use. */
export interface RecipientCheckRow {
  /** see recipientCheckKey() */
  key: string;
  historyIds: number[];
  checkedAt: number;
}

/** Which draft the background put into which tab's LinkedIn composer, until the user sends it. */
export interface ComposerFillRow {
  tabId: number;
  draftId: string | null;
  recipient: { name: string; linkedinUrl: string | null };
  text: string;
  target: 'message' | 'note';
  filledAt: number;
  /** the both-channel send (its send id) this LinkedIn message completes once sent */
  completes?: string | null;
}

export type Theme = 'light' | 'dark' | 'system';

export interface SyncStatus {
  /**
   * 'idle': in step with the server; 'syncing'; 'offline': server unreachable; 'signed-out': no
   * session or it expired; 'error': the server refused (reason in `error`)
   */
  state: 'idle' | 'syncing' | 'offline' | 'signed-out' | 'error';
  lastSyncedAt: number | null;
  error: string | null;
}

export interface SettingsMap {
  serverUrl: string;
  /** user.emailVerified: absent in sessions stored before the server told it */
  session: { token: string; user: TUser & { emailVerified?: boolean } } | null;
  /** id of the user whose data is in this database (survives an expired session) */
  dataOwnerId: string | null;
  theme: Theme;
  /** the user's name for {{myName}}; synced with the account */
  myName: string;
  syncStatus: SyncStatus;
  /** this browser's sync identity for the signed-in account (made with its first change) */
  syncClientId: string | null;
  /** the id the next local change takes */
  nextMutationId: number;
  /** the last pull's cookie (null: nothing pulled yet) */
  syncCookie: string | null;
  /**
   * Bumped whenever the user's data is cleared (sign-out, another account): a send or sync that
   * started before drops its writes when the number changed meanwhile (see session-generation.ts).
   */
  sessionGeneration: number;
  /** follow up after this many days without a reply (docs/pipeline.md) */
  followUpDays: number;
  /** warn before this many LinkedIn notes and messages in a rolling week */
  linkedinWeeklyCap: number;
  /** a browser notification when a follow-up comes due (needs the optional `notifications` permission) */
  followUpNotifications: boolean;
  /** the history rows already notified as due (each is notified once) */
  followUpsNotified: number[];
  /** LinkedIn replies seen in a conversation, not yet on the server (handle-conversation.ts) */
  pendingReplyMarks: PendingReplyMark[];
}

/** A history row to mark replied on the server; repliedAt epoch ms. */
export interface PendingReplyMark {
  id: number;
  repliedAt: number;
}

export type SettingKey = keyof SettingsMap;

export interface SettingRow<K extends SettingKey = SettingKey> {
  key: K;
  value: SettingsMap[K];
}
