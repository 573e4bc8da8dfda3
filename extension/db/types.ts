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
  updatedAt: number;
  /** 'dirty': local change not yet on the server; 'deleted': tombstone until the server has it. */
  syncState: 'synced' | 'dirty' | 'deleted';
}

export type OutboxKind = 'email' | 'linkedin' | 'draft';
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'failed';

/** A send the user asked for; its id is the send id, made once, so retries never double-send. */
export interface OutboxRow {
  id: string;
  kind: OutboxKind;
  /** the exact input of outreach.sendEmail / outreach.recordLinkedIn / drafts.send */
  payload: unknown;
  /** for display while it waits */
  recipientName: string;
  draftId: string | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  error: string | null;
  historyId: number | null;
  createdAt: number;
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

export interface TemplateRow {
  id: string;
  name: string;
  kind: 'email' | 'linkedin-message' | 'linkedin-note';
  subject: string | null;
  body: string;
  updatedAt: number;
}

export type Theme = 'light' | 'dark' | 'system';

export interface SettingsMap {
  serverUrl: string;
  session: { token: string; user: TUser } | null;
  theme: Theme;
  myName: string;
  lastHistoryPullAt: number;
}

export interface SettingRow<K extends keyof SettingsMap = keyof SettingsMap> {
  key: K;
  value: SettingsMap[K];
}
