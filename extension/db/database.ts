import { Dexie, type EntityTable } from 'dexie';
import type {
  ContactRow,
  DraftRow,
  HistoryRowLocal,
  OutboxRow,
  SettingRow,
  TabCaptureRow,
  TemplateRow,
} from './types';

/** One typed database for every part of the extension (background, side panel, popup, dashboard). */
export class ReachlogDb extends Dexie {
  contacts!: EntityTable<ContactRow, 'id'>;
  drafts!: EntityTable<DraftRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  history!: EntityTable<HistoryRowLocal, 'id'>;
  tabCaptures!: EntityTable<TabCaptureRow, 'tabId'>;
  templates!: EntityTable<TemplateRow, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name = 'reachlog') {
    super(name);
    // Never delete or edit a version block once released: add a new one (Dexie upgrades in order).
    this.version(1).stores({
      contacts: 'id, email, lastSeenAt, name, company',
      drafts: 'id, updatedAt, status, syncState, recipient.linkedinUrl, recipient.email',
      outbox: 'id, state, nextAttemptAt, createdAt, draftId',
      history: 'id, sentAt, channel, status, recipientLinkedinUrl, recipientEmail, jobUrl, draftId',
      tabCaptures: 'tabId, updatedAt',
      templates: 'id, kind, updatedAt',
      settings: 'key',
    });
  }
}

export const db = new ReachlogDb();
