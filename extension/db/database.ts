import { Dexie, type EntityTable } from 'dexie';
import { defaultTemplates } from './default-templates';
import type {
  ComposerFillRow,
  ContactRow,
  DraftRow,
  HistoryRowLocal,
  OutboxRow,
  RecipientCheckRow,
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
  recipientChecks!: EntityTable<RecipientCheckRow, 'key'>;
  composerFills!: EntityTable<ComposerFillRow, 'tabId'>;

  constructor(name = 'reachlog') {
    super(name);
    // RULE: version(1) was edited in place while unreleased (until the first release). From the
    // first release on, never edit or delete a version block: add version(n+1) with the changed
    // stores only, and an .upgrade() only where data must move (Dexie upgrades in order).
    this.version(1).stores({
      contacts: 'id, email, lastSeenAt, name, company',
      drafts: 'id, updatedAt, createdAt, status, syncState, recipient.linkedinUrl, recipient.email, jobUrl',
      outbox: 'id, state, nextAttemptAt, createdAt, draftId',
      history: 'id, sentAt, channel, status, recipientLinkedinUrl, recipientEmail, jobUrl, draftId',
      tabCaptures: 'tabId, updatedAt',
      templates: 'id, kind, updatedAt',
      settings: 'key',
      recipientChecks: 'key, checkedAt',
      composerFills: 'tabId, draftId',
    });
    // Runs once, when the database is first created (install, or after the user cleared data).
    this.on('populate', (tx) => {
      void tx.table('templates').bulkAdd(defaultTemplates(Date.now()));
    });
  }
}

export const db = new ReachlogDb();
