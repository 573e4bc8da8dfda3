// The per-user change version. Every change a client must see (a draft, a contact, a template,
// a history row becoming sent or failed) takes the next one inside its transaction.
//
// Taking it locks the user's row in user_versions until the transaction ends (PostgreSQL row
// lock; SQLite's single writer), so versions commit in the order they were taken: once a
// reader sees version N committed, every change with a version ≤ N is committed too. A pull
// relies on that to page by version without missing a change. Take the version first in a
// transaction (before reading what it changes), so all writers lock in the same order.
import type { Tx } from '../db/client';

const num = (v: number | bigint | string) => Number(v);

/** Takes the user's next change version (inside the caller's transaction). */
export async function nextVersion(tx: Tx, userId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ version: number | bigint }[]>`
    INSERT INTO user_versions (user_id, version) VALUES (${userId}, 1)
    ON CONFLICT (user_id) DO UPDATE SET version = user_versions.version + 1
    RETURNING version`;
  return num(rows[0]!.version);
}

/**
 * Locks the user's version row without taking a version, for a transaction that will take many
 * (a push): returns the current version; the caller counts up from it and stores the last one
 * with `storeVersion` before committing.
 */
export async function lockVersion(tx: Tx, userId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ version: number | bigint }[]>`
    INSERT INTO user_versions (user_id, version) VALUES (${userId}, 0)
    ON CONFLICT (user_id) DO UPDATE SET version = user_versions.version
    RETURNING version`;
  return num(rows[0]!.version);
}

export async function storeVersion(tx: Tx, userId: string, version: number): Promise<void> {
  await tx.$executeRaw`UPDATE user_versions SET version = ${version} WHERE user_id = ${userId}`;
}
