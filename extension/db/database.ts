import { Dexie, type EntityTable, type Transaction } from 'dexie';
import { defaultTemplates } from './default-templates';
import {
  countsAsLinkedinSend,
  historyIndexMiddleware,
  linkedinHourKey,
  LINKEDIN_KEYS_END,
  LINKEDIN_KEYS_START,
  historyWordsRow,
  openDayCounts,
  OPEN_KEYS_END,
  OPEN_KEYS_START,
  type HistoryCountRow,
  type HistoryWordsRow,
} from './history-index';
import { OPEN, openRow, openRows, type HistoryOpenRow } from './follow-up-index';
import type {
  ComposerFillRow,
  ContactRow,
  DraftRow,
  HistoryRowLocal,
  MutationRow,
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
  mutations!: EntityTable<MutationRow, 'id'>;
  /** kept by history-index.ts with every history write; read-only elsewhere */
  historyCounts!: EntityTable<HistoryCountRow, 'key'>;
  historyWords!: EntityTable<HistoryWordsRow, 'id'>;
  historyOpen!: EntityTable<HistoryOpenRow, 'id'>;

  constructor(name = 'reachlog') {
    super(name);
    // RULE: never edit or delete a version block: add version(n+1) with the changed stores
    // only, and an .upgrade() only where data must move (Dexie upgrades in order).
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
    // 2: the sync protocol (docs/sync.md). Drafts hold the outreach fields flat (as the server
    // and history do), `deleted` replaces syncState, and local changes wait in `mutations`.
    this.version(2)
      .stores({
        // only what views look up by (each index costs every write: a first sync writes thousands)
        drafts: 'id, updatedAt, [status+deleted], deleted, recipientLinkedinUrl, recipientEmail',
        mutations: 'id, target',
      })
      .upgrade((tx) => upgradeToSyncProtocol(tx));
    // 3: the dashboard at 100k rows (docs/extension.md): History pages by index (time, channel +
    // time, search words) and stats come from counters, never a scan. `channel` and `status`
    // lose their own indexes (nothing looks up by them alone; each index costs every write), and
    // so do drafts' `updatedAt` and `deleted` (sorted after reading; [status+deleted] finds them):
    // a first sync writes 10,000 drafts, and IndexedDB's index writes are most of that time.
    this.version(3)
      .stores({
        drafts: 'id, [status+deleted], recipientLinkedinUrl, recipientEmail',
        history: 'id, sentAt, [channel+sentAt], recipientLinkedinUrl, recipientEmail, jobUrl, draftId',
        historyCounts: 'key',
        historyWords: 'id, *words',
      })
      .upgrade(async (tx) => {
        // cleared and written again, so the middleware counts and indexes every row once
        const rows = await tx.table('history').toArray();
        await tx.table('history').clear();
        await tx.table('history').bulkAdd(rows);
      });
    // 4: the Overview at 100k rows (docs/extension.md): follow-ups due from the open sends kept
    // with the rows (`historyOpen`), found by time; the people whose status can close them by the
    // sparse `repliedAt` and contacts' `status` indexes (rows without one are not indexed);
    // follow-ups by `followUpOf`; the LinkedIn week from hourly counters (`linkedin:<hour>`).
    this.version(4)
      .stores({
        contacts: 'id, email, lastSeenAt, name, company, status',
        history:
          'id, sentAt, [channel+sentAt], recipientLinkedinUrl, recipientEmail, jobUrl, draftId, followUpOf, repliedAt',
        [OPEN]: 'id, sentAt, *keys',
      })
      .upgrade(async (tx) => {
        const rows = (await tx.table('history').toArray()) as HistoryRowLocal[];
        await tx.table(OPEN).clear();
        await tx.table(OPEN).bulkPut(openRows(rows).map(openRow));
        const counts = new Map<string, number>();
        for (const r of rows)
          if (countsAsLinkedinSend(r))
            counts.set(linkedinHourKey(r.sentAt), (counts.get(linkedinHourKey(r.sentAt)) ?? 0) + 1);
        // an upgrade from version 2 counted them already (version 3's upgrade wrote every row)
        await tx.table('historyCounts').where('key').between(LINKEDIN_KEYS_START, LINKEDIN_KEYS_END).delete();
        await tx.table('historyCounts').bulkPut([...counts].map(([key, count]) => ({ key, count })));
      });
    // 5: a text search at 100k rows (docs/extension.md, "History paging"): the search-words rows
    // keep the row's `sentAt` and `channel`, indexed as the history is, so a search scans them
    // in time order as one range read instead of the time index's keys and one `get` per key.
    this.version(5)
      .stores({ historyWords: 'id, *words, sentAt, [channel+sentAt]' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('history').toArray()) as HistoryRowLocal[];
        await tx.table('historyWords').bulkPut(rows.map(historyWordsRow));
      });
    // 6: follow-ups due counted from the open sends per day (`open:<day>` in historyCounts, kept
    // by the middleware), not by counting the open index, which walked every unanswered send.
    this.version(6)
      .stores({})
      .upgrade(async (tx) => {
        const open = (await tx.table(OPEN).toArray()) as HistoryOpenRow[];
        await tx.table('historyCounts').where('key').between(OPEN_KEYS_START, OPEN_KEYS_END).delete();
        await tx.table('historyCounts').bulkPut(openDayCounts(open));
      });
    this.use(historyIndexMiddleware);
    // Runs once, when the database is first created (install, or after the user cleared data).
    this.on('populate', (tx) => {
      void tx.table('templates').bulkAdd(defaultTemplates(Date.now()));
    });
  }
}

interface DraftRowV1 {
  id: string;
  recipient: { name: string; email: string | null; linkedinUrl: string | null };
  jobTitle: string | null;
  companyName: string | null;
  jobUrl: string | null;
  emailSubject: string | null;
  emailBody: string | null;
  linkedinMessage: string | null;
  status: 'draft' | 'sent';
  updatedAt: number;
  createdAt: number;
  syncState: 'synced' | 'dirty' | 'deleted';
  syncError: string | null;
}

/**
 * Version 1 drafts become flat rows; edits not yet pushed (dirty, deleted) become the first
 * mutations of this browser, so nothing typed before the update is lost. The history is pulled
 * again in full (its version-1 bookkeeping is dropped).
 */
async function upgradeToSyncProtocol(tx: Transaction): Promise<void> {
  const drafts = (await tx.table('drafts').toArray()) as DraftRowV1[];
  const mutations: MutationRow[] = [];
  const now = Date.now();
  const flat: DraftRow[] = drafts.map((d) => ({
    id: d.id,
    recipientName: d.recipient.name,
    recipientEmail: d.recipient.email,
    recipientLinkedinUrl: d.recipient.linkedinUrl,
    jobTitle: d.jobTitle,
    companyName: d.companyName,
    jobUrl: d.jobUrl,
    emailSubject: d.emailSubject,
    emailBody: d.emailBody,
    linkedinMessage: d.linkedinMessage,
    status: d.status,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    version: 0,
    deleted: d.syncState === 'deleted' ? 1 : 0,
    conflicts: [],
    syncError: null,
  }));
  for (const d of flat) {
    const old = drafts.find((x) => x.id === d.id)!;
    if (old.syncState === 'synced') continue;
    const {
      id,
      status: _s,
      createdAt: _c,
      updatedAt: _u,
      version: _v,
      deleted,
      conflicts: _x,
      syncError: _e,
      ...fields
    } = d;
    mutations.push(
      deleted
        ? { id: 0, name: 'draft.delete', args: { id, baseVersion: 0 }, target: `draft:${id}`, createdAt: now }
        : {
            id: 0,
            name: 'draft.put',
            args: { id, baseVersion: 0, fields },
            target: `draft:${id}`,
            createdAt: now,
          },
    );
  }
  mutations.forEach((m, i) => (m.id = i + 1));
  await tx.table('drafts').clear();
  await tx.table('drafts').bulkPut(flat);
  await tx.table('mutations').bulkAdd(mutations);
  await tx.table('settings').bulkDelete(['lastHistoryPullAt', 'historyBackfillCursor']);
  await tx.table('settings').put({ key: 'nextMutationId', value: mutations.length + 1 });
}

export const db = new ReachlogDb();
