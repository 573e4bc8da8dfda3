import type { Table } from 'dexie';
import type { ReachlogDb } from './database';
import { getSetting } from './settings';

/**
 * Which session's data the database holds now. Read it before a server call; write the answer
 * with `writeInSession`, which drops it if the user signed out (or another account signed in)
 * while the call was in flight — otherwise the next user would see the previous one's rows.
 */
export function sessionGeneration(database: ReachlogDb): Promise<number> {
  return getSetting('sessionGeneration', database);
}

/**
 * Runs `write` in one read-write transaction over `tables` (plus settings) only when the session
 * generation is still `generation`; returns false, writing nothing, when it changed.
 */
export async function writeInSession(
  database: ReachlogDb,
  generation: number,
  tables: Table[],
  write: () => Promise<unknown>,
): Promise<boolean> {
  return database.transaction('rw', [...tables, database.settings], async () => {
    if ((await getSetting('sessionGeneration', database)) !== generation) return false;
    await write();
    return true;
  });
}
