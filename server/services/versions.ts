import type { Tx } from '../db/client';

/** Takes the user's next change version (inside the caller's transaction). */
export async function nextVersion(tx: Tx, userId: string): Promise<number> {
  const row = await tx.userVersion.upsert({
    where: { userId },
    create: { userId, version: 1 },
    update: { version: { increment: 1 } },
    select: { version: true },
  });
  return row.version;
}
