import type { ReachlogDb } from '@/db/database';
import { getSetting, SETTING_DEFAULTS, setSetting } from '@/db/settings';

/**
 * Forgets everything that belongs to the signed-in user: drafts, history, outbox and cached
 * checks. Captured contacts, templates and preferences belong to this browser and stay.
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
      database.settings,
    ],
    async () => {
      await Promise.all([
        database.drafts.clear(),
        database.history.clear(),
        database.outbox.clear(),
        database.recipientChecks.clear(),
        database.composerFills.clear(),
      ]);
      await setSetting('lastHistoryPullAt', 0, database);
      await setSetting('historyBackfillCursor', null, database);
      await setSetting('syncStatus', SETTING_DEFAULTS.syncStatus, database);
      await setSetting('dataOwnerId', null, database);
      // calls still in flight for the old session must not write into the next one's data
      await setSetting('sessionGeneration', (await getSetting('sessionGeneration', database)) + 1, database);
    },
  );
}
