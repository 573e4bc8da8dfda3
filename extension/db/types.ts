// Row types of the local (IndexedDB) database. Times are epoch milliseconds so they index and
// sort in IndexedDB; the sync layer converts to and from the server's Dates.
import type { Capture, Person } from '@@/shared/capture';
import type { TChannel, THistoryStatus } from '@@/shared/schemas/history';
import type { TDraftStatus } from '@@/shared/schemas/drafts';
import type { TUser } from '@@/shared/schemas/auth';

export interface ContactJob {
  jobId: string;
  url: string;
  title: string;
  company: string | null;
  seenAt: number;
}

/** A captured person: one per LinkedIn URL, else per e-mail. */
export interface ContactRow extends Person {
  /** canonical LinkedIn URL, or `mailto:<email>` */
  id: string;
  jobs: ContactJob[];
  firstSeenAt: number;
  lastSeenAt: number;
}

export type DraftSyncState = 'synced' | 'dirty' | 'deleted';

export interface DraftRow {
  id: string;
  recipient: { name: string; email: string | null; linkedinUrl: string | null };
  jobTitle: string | null;
  companyName: string | null;
  jobUrl: string | null;
  emailSubject: string | null;
  emailBody: string | null;
  linkedinMessage: string | null;
  status: TDraftStatus;
  /** Local edit time while dirty; the server's updatedAt once synced. */
  updatedAt: number;
  createdAt: number;
  /** 'dirty': local change not yet on the server; 'deleted': tombstone until the server has it. */
  syncState: DraftSyncState;
  /** Why the server refused the last push (e.g. an invalid e-mail); cleared by a successful push. */
  syncError: string | null;
}

/** The fields a view edits; everything else is kept by saveDraft. */
export type DraftPatch = { id: string } & Partial<
  Pick<
    DraftRow,
    'recipient' | 'jobTitle' | 'companyName' | 'jobUrl' | 'emailSubject' | 'emailBody' | 'linkedinMessage'
  >
>;

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
}

export interface HistoryRowLocal {
  id: number;
  recipientName: string;
  recipientEmail: string | null;
  recipientLinkedinUrl: string | null;
  jobTitle: string | null;
  companyName: string | null;
  jobUrl: string | null;
  channel: TChannel;
  emailSubject: string | null;
  emailBody: string | null;
  linkedinMessage: string | null;
  status: THistoryStatus;
  error: string | null;
  sentAt: number;
  createdAt: number;
  draftId: string | null;
}

export interface TabCaptureRow {
  tabId: number;
  capture: Capture;
  updatedAt: number;
}

export type TemplateKind = 'email' | 'linkedin-message' | 'linkedin-note';

export interface TemplateRow {
  id: string;
  name: string;
  kind: TemplateKind;
  /** e-mail only */
  subject: string | null;
  body: string;
  /** seeded on install; the user may edit or delete it like any other */
  builtIn: boolean;
  updatedAt: number;
}

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
}

export type Theme = 'light' | 'dark' | 'system';

export interface SyncStatus {
  /** 'offline': server unreachable; 'signed-out': no session or it expired; 'error': server refused */
  state: 'idle' | 'syncing' | 'offline' | 'signed-out' | 'error';
  lastSyncedAt: number | null;
  error: string | null;
}

export interface SettingsMap {
  serverUrl: string;
  /** user.emailVerified: absent in sessions stored before the server told it */
  session: { token: string; user: TUser & { emailVerified?: boolean } } | null;
  /** id of the user whose drafts/history are in this database (survives an expired session) */
  dataOwnerId: string | null;
  theme: Theme;
  myName: string;
  /** 0 until the first complete pull of the whole history (backfill) */
  lastHistoryPullAt: number;
  /** where the history backfill continues in the next sync (null: not started, or done) */
  historyBackfillCursor: string | null;
  syncStatus: SyncStatus;
  /**
   * Bumped whenever the user's data is cleared (sign-out, another account): a send or sync that
   * started before drops its writes when the number changed meanwhile (see session-generation.ts).
   */
  sessionGeneration: number;
}

export type SettingKey = keyof SettingsMap;

export interface SettingRow<K extends SettingKey = SettingKey> {
  key: K;
  value: SettingsMap[K];
}
