// This browser's queue of local changes (mutations) for the server, in the `mutations` table.
// Ids are consecutive from 1 per sync client (the server applies each exactly once and refuses
// gaps); a mutation leaves the queue only when a pull says the server has applied it, so the
// local copy never goes back to an older state in between (Replicache's rule).
import type { Table } from 'dexie';
import type { TMutationArgs, TMutationName } from '@@/shared/schemas/sync';
import type { ReachlogDb } from '@/db/database';
import { getSetting, setSetting } from '@/db/settings';
import type { MutationRow } from '@/db/types';

/** The tables a transaction that queues a mutation must include (besides what it changes). */
export function queueTables(database: ReachlogDb): Table[] {
  return [database.mutations, database.settings];
}

/** This browser's sync client id for the account, made on first use. */
export async function ensureClientId(database: ReachlogDb): Promise<string> {
  const current = await getSetting('syncClientId', database);
  if (current) return current;
  const id = crypto.randomUUID();
  await setSetting('syncClientId', id, database);
  return id;
}

/** Adds a mutation; call inside a rw transaction over queueTables() and what it changes. */
export async function queueMutation<N extends TMutationName>(
  database: ReachlogDb,
  name: N,
  args: TMutationArgs<N>,
  target: string,
  now = Date.now(),
): Promise<MutationRow> {
  await ensureClientId(database);
  const id = await getSetting('nextMutationId', database);
  const row: MutationRow = { id, name, args, target, createdAt: now };
  await database.mutations.add(row);
  await setSetting('nextMutationId', id + 1, database);
  return row;
}

export function pendingMutations(database: ReachlogDb): Promise<MutationRow[]> {
  return database.mutations.orderBy('id').toArray();
}

/** Drops what the server has applied (inside the pull's transaction). */
export async function dropApplied(database: ReachlogDb, lastMutationId: number): Promise<void> {
  await database.mutations.where('id').belowOrEqual(lastMutationId).delete();
}

/**
 * After a gap (the server lost track of this client, e.g. restored from a backup): the pending
 * mutations take the ids right after the last one the server has, in the same order.
 */
export async function renumberAfter(database: ReachlogDb, lastMutationId: number): Promise<void> {
  await database.transaction('rw', queueTables(database), async () => {
    const pending = await pendingMutations(database);
    await database.mutations.clear();
    const renumbered = pending.map((m, i) => ({ ...m, id: lastMutationId + 1 + i }));
    await database.mutations.bulkAdd(renumbered);
    await setSetting('nextMutationId', lastMutationId + 1 + pending.length, database);
  });
}
