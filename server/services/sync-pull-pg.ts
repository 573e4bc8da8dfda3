// sync.pull's reads on PostgreSQL as named prepared statements on the fast path's `pg` pool
// (server/db/pg-fast-path.ts for why), in one REPEATABLE READ snapshot so the head and the
// ranges agree. The same rows as the Prisma queries of sync-pull.ts and the SQLite statements of
// sync-pull-sqlite.ts; the sync tests run each path.
import { HISTORY_ROW_FIELDS } from '../../shared/schemas/history';
import { columnOf, OUTREACH_FIELDS } from '../../shared/schemas/outreach-content';
import type { PgRun } from '../db/pg-fast-path';
import { VISIBLE_STATUSES_SQL } from './history-row';
import type { Before, HistoryDbRow, PullHead, PullQueries, PullRows, VersionRange } from './sync-pull';
import type { DraftDbRow, ItemDbRow } from './sync-rows';

const VISIBLE = `status IN (${VISIBLE_STATUSES_SQL})`;
const HISTORY_COLUMNS = [...HISTORY_ROW_FIELDS.map((f) => `${columnOf(f)} AS "${f}"`), 'version'].join(', ');
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

export const PULL_PG_SQL = {
  // One round trip for where the user's versions stand and this client's last mutation.
  pullHead: `SELECT
      (SELECT version FROM user_versions WHERE user_id = $1) AS current,
      (SELECT compacted_through FROM user_versions WHERE user_id = $1) AS "compactedThrough",
      (SELECT last_mutation_id FROM sync_clients WHERE id = $2 AND user_id = $1) AS "lastMutationId"`,
  pullDrafts: `SELECT ${DRAFT_COLUMNS} FROM drafts
    WHERE user_id = $1 AND version > $2 AND version <= $3 ORDER BY version LIMIT $4`,
  pullItems: `SELECT kind, item_id AS "itemId", data, version, deleted_at AS "deletedAt" FROM sync_items
    WHERE user_id = $1 AND version > $2 AND version <= $3 ORDER BY version LIMIT $4`,
  pullHistory: `SELECT ${HISTORY_COLUMNS} FROM outreach_history
    WHERE user_id = $1 AND version > $2 AND version <= $3 AND ${VISIBLE} ORDER BY version LIMIT $4`,
  // Row comparison: one range on the (user_id, version) index, whatever the tie-break.
  pullHistoryBefore: `SELECT ${HISTORY_COLUMNS} FROM outreach_history
    WHERE user_id = $1 AND ${VISIBLE} AND (version, id) < ($2, $3)
    ORDER BY version DESC, id DESC LIMIT $4`,
  // A steady pull (the hot one: a browser catching up after a poke) in one statement, so one
  // round trip and one snapshot: the head and the changes since the cookie, each list as JSON.
  pullSteady: `WITH uv AS (SELECT version, compacted_through FROM user_versions WHERE user_id = $1)
    SELECT (SELECT version FROM uv) AS current,
      (SELECT compacted_through FROM uv) AS "compactedThrough",
      (SELECT last_mutation_id FROM sync_clients WHERE id = $2 AND user_id = $1) AS "lastMutationId",
      (SELECT coalesce(json_agg(r ORDER BY r.version), '[]') FROM (SELECT ${DRAFT_COLUMNS} FROM drafts
        WHERE user_id = $1 AND version > $3 AND version <= (SELECT version FROM uv) ORDER BY version LIMIT $4) r) AS drafts,
      (SELECT coalesce(json_agg(r ORDER BY r.version), '[]') FROM (SELECT kind, item_id AS "itemId", data, version,
        deleted_at AS "deletedAt" FROM sync_items
        WHERE user_id = $1 AND version > $3 AND version <= (SELECT version FROM uv) ORDER BY version LIMIT $4) r) AS items,
      (SELECT coalesce(json_agg(r ORDER BY r.version), '[]') FROM (SELECT ${HISTORY_COLUMNS} FROM outreach_history
        WHERE user_id = $1 AND version > $3 AND version <= (SELECT version FROM uv) AND ${VISIBLE}
        ORDER BY version LIMIT $4) r) AS history`,
} as const;

type Name = keyof typeof PULL_PG_SQL;

/** A timestamp(3) inside JSON: UTC text without a zone. */
const utc = (v: string | null) => (v === null ? null : new Date(`${v}Z`));

/**
 * Head and rows of a steady pull from `version` on (`take` of each kind at most), as one
 * statement; the caller plans with the head and uses the rows when the plan is that same range.
 */
export async function readSteadyPullPg(
  run: PgRun,
  userId: string,
  clientId: string,
  version: number,
  take: number,
): Promise<{ head: PullHead; rows: PullRows }> {
  type Json<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };
  const [r] = await run<{
    current: number | null;
    compactedThrough: number | null;
    lastMutationId: number | null;
    drafts: Json<DraftDbRow, 'createdAt' | 'updatedAt' | 'deletedAt'>[];
    items: Json<ItemDbRow, 'deletedAt'>[];
    history: Json<HistoryDbRow, 'sentAt' | 'createdAt' | 'repliedAt'>[];
  }>('pullSteady', PULL_PG_SQL.pullSteady, [userId, clientId, version, take]);
  return {
    head: {
      current: r?.current ?? 0,
      compactedThrough: r?.compactedThrough ?? 0,
      lastMutationId: r?.lastMutationId ?? 0,
    },
    rows: {
      drafts: (r?.drafts ?? []).map((d) => ({
        ...d,
        createdAt: utc(d.createdAt)!,
        updatedAt: utc(d.updatedAt)!,
        deletedAt: utc(d.deletedAt),
      })),
      items: (r?.items ?? []).map((i) => ({ ...i, deletedAt: utc(i.deletedAt) })),
      history: (r?.history ?? []).map((h) => ({
        ...h,
        sentAt: utc(h.sentAt)!,
        createdAt: utc(h.createdAt)!,
        repliedAt: utc(h.repliedAt),
      })),
      historyBefore: [],
      top: [],
    },
  };
}

export function readPullPg(run: PgRun) {
  const q = <R>(name: Name, values: unknown[]) => run<R>(name, PULL_PG_SQL[name], values);
  const range = (r: VersionRange) => [r.gt, r.lte] as const;
  const before = (userId: string, b: Before, take: number) =>
    q<HistoryDbRow>('pullHistoryBefore', [userId, b.version, b.id, take]);

  return {
    async head(userId: string, clientId: string): Promise<PullHead> {
      const [h] = await q<{
        current: number | null;
        compactedThrough: number | null;
        lastMutationId: number | null;
      }>('pullHead', [userId, clientId]);
      return {
        current: h?.current ?? 0,
        compactedThrough: h?.compactedThrough ?? 0,
        lastMutationId: h?.lastMutationId ?? 0,
      };
    },
    // One query at a time: a connection runs its queries in turn anyway.
    async rows(userId: string, p: PullQueries): Promise<PullRows> {
      const drafts = p.drafts
        ? await q<DraftDbRow>('pullDrafts', [userId, ...range(p.drafts.range), p.drafts.take])
        : [];
      const items = p.items
        ? await q<ItemDbRow>('pullItems', [userId, ...range(p.items.range), p.items.take])
        : [];
      const history = p.history
        ? await q<HistoryDbRow>('pullHistory', [userId, ...range(p.history.range), p.history.take])
        : [];
      const historyBefore = p.historyBefore
        ? await before(userId, p.historyBefore.before, p.historyBefore.take)
        : [];
      const top = p.top ? await before(userId, p.top.before, p.top.take) : [];
      return { drafts, items, history, historyBefore, top };
    },
  };
}
