import type { ReachlogDb } from '@/db/database';
import { defaultTemplates } from '@/db/default-templates';
import { getSetting, SETTING_DEFAULTS, setSetting } from '@/db/settings';

/**
 * Forgets everything that belongs to the signed-in account, in one transaction: drafts, history,
 * sends, contacts, templates (back to the built-in ones), the name for {{myName}}, changes not
 * yet pushed, and this browser's sync identity. Only this browser's own preferences (server
 * address, theme) and the open tabs' captures stay. The next account starts from nothing and
 * never sees the previous one's data.
 */
export async function clearUserData(database: ReachlogDb): Promise<void> {
  await database.transaction(
    'rw',
    [
      database.drafts,
      database.history,
      database.outbox,
      database.recipientChecks,
      database.composerFills,
      database.contacts,
      database.templates,
      database.mutations,
      database.settings,
    ],
    async () => {
      await Promise.all([
        database.drafts.clear(),
        database.history.clear(),
        database.outbox.clear(),
        database.recipientChecks.clear(),
        database.composerFills.clear(),
        database.contacts.clear(),
        database.templates.clear(),
        database.mutations.clear(),
      ]);
      await database.templates.bulkAdd(defaultTemplates(Date.now()));
      for (const key of [
        'myName',
        'syncStatus',
        'syncClientId',
        'nextMutationId',
        'syncCookie',
        'dataOwnerId',
        'pendingReplyMarks',
      ] as const)
        await setSetting(key, SETTING_DEFAULTS[key], database);
      // calls still in flight for the old session must not write into the next one's data
      await setSetting('sessionGeneration', (await getSetting('sessionGeneration', database)) + 1, database);
    },
  );
}
