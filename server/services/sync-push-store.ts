// What sync.push reads and writes, behind one interface with two implementations:
//   - `prismaPushStore(tx)`: inside a Prisma interactive transaction (the fast path off: tests);
//   - `sqlPushStore(run, dialect)`: plain statements inside the fast path's transaction
//     (db.fast.transaction: SQLite holds the connection gate with BEGIN IMMEDIATE; PostgreSQL
//     a `pg` client), which costs a fraction of Prisma's interactive transaction per push
//     (one round trip through Prisma's runtime and query compiler per statement; see
//     docs/benchmarks.md). The sync tests compare both on both databases.
import { columnOf, OUTREACH_FIELDS, type TOutreachContent } from '../../shared/schemas/outreach-content';
import type { TItemKind } from '../../shared/schemas/sync';
import type { Tx } from '../db/client';
import type { SqlRun } from '../db/sql-run';
import { syncDraftSelect, type DraftDbRow } from './sync-rows';
import { lockVersion, storeVersion } from './versions';

export interface DraftWrite extends TOutreachContent {
  deletedAt: Date | null;
  fieldVersions: string;
  conflicts: string;
  version: number;
  updatedAt: Date;
}

export interface ItemKey {
  userId: string;
  kind: TItemKind;
  itemId: string;
}

export interface PushStore {
  /** Locks the user's version row (first, like every writer) and returns the current version. */
  lockVersion(userId: string): Promise<number>;
  /** Registers the client (or touches it) and returns its owner and last applied mutation. */
  client(
    clientId: string,
    userId: string,
    now: Date,
  ): Promise<{ userId: string; lastMutationId: number } | null>;
  draft(id: string): Promise<DraftDbRow | null>;
  updateDraft(id: string, data: DraftWrite): Promise<void>;
  createDraft(id: string, userId: string, data: DraftWrite): Promise<void>;
  item(key: ItemKey): Promise<{ data: string; deletedAt: Date | null } | null>;
  deleteItem(key: ItemKey, now: Date, version: number): Promise<void>;
  putItem(key: ItemKey, data: string, version: number, now: Date): Promise<void>;
  storeVersion(userId: string, version: number): Promise<void>;
  setLastMutation(clientId: string, last: number): Promise<void>;
}

export function prismaPushStore(
  tx: Tx,
  kind: 'sqlite' | 'postgres',
  sqliteDate: (d: Date) => string,
): PushStore {
  const itemWhere = (k: ItemKey) => ({ userId_kind_itemId: k });
  return {
    lockVersion: (userId) => lockVersion(tx, userId),
    async client(clientId, userId, now) {
      const [c] = await tx.$queryRaw<{ user_id: string; last_mutation_id: number | bigint }[]>`
        INSERT INTO sync_clients (id, user_id, last_mutation_id, updated_at)
        VALUES (${clientId}, ${userId}, 0, ${kind === 'sqlite' ? sqliteDate(now) : now})
        ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at
        RETURNING user_id, last_mutation_id`;
      return c ? { userId: c.user_id, lastMutationId: Number(c.last_mutation_id) } : null;
    },
    async draft(id) {
      return (await tx.draft.findUnique({ where: { id }, select: syncDraftSelect })) as DraftDbRow | null;
    },
    async updateDraft(id, data) {
      await tx.draft.update({ where: { id }, data });
    },
    async createDraft(id, userId, data) {
      await tx.draft.create({ data: { ...data, id, userId, status: 'draft' } });
    },
    item: (key) => tx.syncItem.findUnique({ where: itemWhere(key), select: { data: true, deletedAt: true } }),
    async deleteItem(key, now, version) {
      await tx.syncItem.update({ where: itemWhere(key), data: { deletedAt: now, updatedAt: now, version } });
    },
    async putItem(key, data, version, now) {
      const fields = { data, version, updatedAt: now, deletedAt: null };
      await tx.syncItem.upsert({ where: itemWhere(key), create: { ...key, ...fields }, update: fields });
    },
    storeVersion: (userId, version) => storeVersion(tx, userId, version),
    async setLastMutation(clientId, last) {
      await tx.syncClient.update({ where: { id: clientId }, data: { lastMutationId: last } });
    },
  };
}

const CONTENT_COLUMNS = OUTREACH_FIELDS.map(columnOf);
const DRAFT_COLUMNS = [
  'id',
  'user_id AS "userId"',
  ...OUTREACH_FIELDS.map((f) => `${columnOf(f)} AS "${f}"`),
  'status',
  'created_at AS "createdAt"',
  'updated_at AS "updatedAt"',
  'version',
  'deleted_at AS "deletedAt"',
  'field_versions AS "fieldVersions"',
  'conflicts',
].join(', ');
const DRAFT_WRITE_COLUMNS = [
  ...CONTENT_COLUMNS,
  'deleted_at',
  'field_versions',
  'conflicts',
  'version',
  'updated_at',
];

/** The statements of the raw store (`?` placeholders; exported for the schema check). */
export const PUSH_SQL = {
  lockVersion: `INSERT INTO user_versions (user_id, version) VALUES (?, 0)
    ON CONFLICT (user_id) DO UPDATE SET version = user_versions.version RETURNING version`,
  client: `INSERT INTO sync_clients (id, user_id, last_mutation_id, updated_at) VALUES (?, ?, 0, ?)
    ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at
    RETURNING user_id AS "userId", last_mutation_id AS "lastMutationId"`,
  draft: `SELECT ${DRAFT_COLUMNS} FROM drafts WHERE id = ?`,
  updateDraft: `UPDATE drafts SET ${DRAFT_WRITE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
  createDraft: `INSERT INTO drafts (${DRAFT_WRITE_COLUMNS.join(', ')}, id, user_id, status, created_at)
    VALUES (${DRAFT_WRITE_COLUMNS.map(() => '?').join(', ')}, ?, ?, 'draft', ?)`,
  item: `SELECT data, deleted_at AS "deletedAt" FROM sync_items WHERE user_id = ? AND kind = ? AND item_id = ?`,
  deleteItem: `UPDATE sync_items SET deleted_at = ?, updated_at = ?, version = ?
    WHERE user_id = ? AND kind = ? AND item_id = ?`,
  putItem: `INSERT INTO sync_items (user_id, kind, item_id, data, version, updated_at, deleted_at)
    VALUES (?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (user_id, kind, item_id) DO UPDATE SET data = excluded.data, version = excluded.version,
      updated_at = excluded.updated_at, deleted_at = NULL`,
  storeVersion: `UPDATE user_versions SET version = ? WHERE user_id = ?`,
  setLastMutation: `UPDATE sync_clients SET last_mutation_id = ? WHERE id = ?`,
} as const;

/**
 * The same reads and writes as plain statements. `time` writes a Date as the database's Prisma
 * adapter does; DateTime columns come back as Dates (pg) or ISO text (SQLite), made Dates here.
 */
export function sqlPushStore(run: SqlRun, time: (d: Date) => unknown): PushStore {
  const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string));
  const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : date(v));
  const draftValues = (d: DraftWrite) => [
    ...OUTREACH_FIELDS.map((f) => d[f] ?? null),
    d.deletedAt ? time(d.deletedAt) : null,
    d.fieldVersions,
    d.conflicts,
    d.version,
    time(d.updatedAt),
  ];
  return {
    async lockVersion(userId) {
      const [r] = await run<{ version: number }>(PUSH_SQL.lockVersion, [userId]);
      return Number(r!.version);
    },
    async client(clientId, userId, now) {
      const [c] = await run<{ userId: string; lastMutationId: number }>(PUSH_SQL.client, [
        clientId,
        userId,
        time(now),
      ]);
      return c ? { userId: c.userId, lastMutationId: Number(c.lastMutationId) } : null;
    },
    async draft(id) {
      const [r] = await run<DraftDbRow>(PUSH_SQL.draft, [id]);
      if (!r) return null;
      return {
        ...r,
        createdAt: date(r.createdAt),
        updatedAt: date(r.updatedAt),
        deletedAt: dateOrNull(r.deletedAt),
      };
    },
    async updateDraft(id, data) {
      await run(PUSH_SQL.updateDraft, [...draftValues(data), id]);
    },
    async createDraft(id, userId, data) {
      await run(PUSH_SQL.createDraft, [...draftValues(data), id, userId, time(data.updatedAt)]);
    },
    async item(k) {
      const [r] = await run<{ data: string; deletedAt: unknown }>(PUSH_SQL.item, [
        k.userId,
        k.kind,
        k.itemId,
      ]);
      return r ? { data: r.data, deletedAt: dateOrNull(r.deletedAt) } : null;
    },
    async deleteItem(k, now, version) {
      await run(PUSH_SQL.deleteItem, [time(now), time(now), version, k.userId, k.kind, k.itemId]);
    },
    async putItem(k, data, version, now) {
      await run(PUSH_SQL.putItem, [k.userId, k.kind, k.itemId, data, version, time(now)]);
    },
    async storeVersion(userId, version) {
      await run(PUSH_SQL.storeVersion, [version, userId]);
    },
    async setLastMutation(clientId, last) {
      await run(PUSH_SQL.setLastMutation, [last, clientId]);
    },
  };
}
