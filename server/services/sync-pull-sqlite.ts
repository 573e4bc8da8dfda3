// sync.pull's reads on SQLite as cached prepared statements (see sqlite-fast-path.ts for why and
// when they may run). They return the same rows as the Prisma queries of sync-pull.ts; the
// sync tests run both (the Prisma path on PostgreSQL, and on SQLite with `fastReads: false`).
import type BetterSqlite3 from 'better-sqlite3';
import { HISTORY_ROW_FIELDS } from '../../shared/schemas/history';
import { columnOf, OUTREACH_FIELDS } from '../../shared/schemas/outreach-content';
import { VISIBLE_STATUSES_SQL } from './history-row';
import type { Before, HistoryDbRow, PullHead, PullQueries, PullRows, VersionRange } from './sync-pull';
import type { DraftDbRow, ItemDbRow } from './sync-rows';

type Sqlite = BetterSqlite3.Database;

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

/** DateTime as the Prisma adapter stores it: ISO text (or epoch ms). */
const date = (v: string | number) => (typeof v === 'string' ? new Date(v) : new Date(Number(v)));
const dateOrNull = (v: string | number | null) => (v === null ? null : date(v));

function prepare(db: Sqlite) {
  const prep = (sql: string) => db.prepare(sql).safeIntegers(false);
  return {
    counter: prep(
      'SELECT version, compacted_through AS compactedThrough FROM user_versions WHERE user_id = ?',
    ),
    client: prep(
      'SELECT user_id AS userId, last_mutation_id AS lastMutationId FROM sync_clients WHERE id = ?',
    ),
    drafts: prep(
      `SELECT ${DRAFT_COLUMNS} FROM drafts WHERE user_id = ? AND version > ? AND version <= ? ORDER BY version LIMIT ?`,
    ),
    items: prep(
      `SELECT kind, item_id AS "itemId", data, version, deleted_at AS "deletedAt" FROM sync_items
       WHERE user_id = ? AND version > ? AND version <= ? ORDER BY version LIMIT ?`,
    ),
    history: prep(
      `SELECT ${HISTORY_COLUMNS} FROM outreach_history
       WHERE user_id = ? AND version > ? AND version <= ? AND ${VISIBLE} ORDER BY version LIMIT ?`,
    ),
    historyBefore: prep(
      `SELECT ${HISTORY_COLUMNS} FROM outreach_history
       WHERE user_id = ? AND ${VISIBLE} AND (version < ? OR (version = ? AND id < ?))
       ORDER BY version DESC, id DESC LIMIT ?`,
    ),
  };
}

const cache = new WeakMap<Sqlite, ReturnType<typeof prepare>>();

type RawDraft = Omit<DraftDbRow, 'createdAt' | 'updatedAt' | 'deletedAt'> & {
  createdAt: string | number;
  updatedAt: string | number;
  deletedAt: string | number | null;
};
type RawHistory = Omit<HistoryDbRow, 'sentAt' | 'createdAt' | 'repliedAt'> & {
  sentAt: string | number;
  createdAt: string | number;
  repliedAt: string | number | null;
};
type RawItem = Omit<ItemDbRow, 'deletedAt'> & { deletedAt: string | number | null };

export function readPullSqlite(db: Sqlite) {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = prepare(db)));
  const st = s;
  const history = (rows: unknown[]): HistoryDbRow[] =>
    (rows as RawHistory[]).map((r) => ({
      ...r,
      sentAt: date(r.sentAt),
      createdAt: date(r.createdAt),
      repliedAt: dateOrNull(r.repliedAt),
    }));
  const before = (userId: string, b: Before, take: number) =>
    history(st.historyBefore.all(userId, b.version, b.version, b.id, take));
  const range = (r: VersionRange) => [r.gt, r.lte] as const;

  return {
    head(userId: string, clientId: string): PullHead {
      const uv = st.counter.get(userId) as { version: number; compactedThrough: number } | undefined;
      const client = st.client.get(clientId) as { userId: string; lastMutationId: number } | undefined;
      return {
        current: uv?.version ?? 0,
        compactedThrough: uv?.compactedThrough ?? 0,
        lastMutationId: client?.userId === userId ? client.lastMutationId : 0,
      };
    },
    rows(userId: string, q: PullQueries): PullRows {
      return {
        drafts: q.drafts
          ? (st.drafts.all(userId, ...range(q.drafts.range), q.drafts.take) as RawDraft[]).map((r) => ({
              ...r,
              createdAt: date(r.createdAt),
              updatedAt: date(r.updatedAt),
              deletedAt: dateOrNull(r.deletedAt),
            }))
          : [],
        items: q.items
          ? (st.items.all(userId, ...range(q.items.range), q.items.take) as RawItem[]).map((r) => ({
              ...r,
              deletedAt: dateOrNull(r.deletedAt),
            }))
          : [],
        history: q.history ? history(st.history.all(userId, ...range(q.history.range), q.history.take)) : [],
        historyBefore: q.historyBefore ? before(userId, q.historyBefore.before, q.historyBefore.take) : [],
        top: q.top ? before(userId, q.top.before, q.top.take) : [],
      };
    },
  };
}
