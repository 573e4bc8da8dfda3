// sync.pull: everything of the user's that changed since the client's cookie, in pages.
//
// Every synced row carries the user's change version that last changed it, and each change takes
// its own version, so "changed since v" is `version > v` on an index over (user_id, version) —
// the cost follows the number of changes, never the size of the tables. The page's upper bound is
// the user's version read first: every version up to it is committed (see versions.ts), so paging
// by version misses nothing.
//
// A first sync (cookie null) fetches everything up to the current version: the newest history
// rows first (so the dashboard is usable at once), then drafts, contacts, templates and
// settings, then the rest of the history, newest first. Changes made meanwhile come with the
// pulls that follow.
//
// One pull reads a consistent state: on SQLite as a few cached statements run synchronously on
// the shared connection in its turn at the connection gate, never inside another request's
// transaction (sync-pull-sqlite.ts; Prisma would cost most of the time); on PostgreSQL as
// prepared statements in one REPEATABLE READ snapshot (sync-pull-pg.ts). Through Prisma in one
// transaction when the fast path is off (the tests compare the paths).
import type { z } from 'zod';
import type { TPullResult, ZPullInput } from '../../shared/schemas/sync';
import type { Database, Tx } from '../db/client';
import { historyRowSelect, toHistoryRow, VISIBLE_STATUSES } from './history-row';
import { decodeSyncCookie, encodeSyncCookie, type SyncCookie } from './sync-cookie';
import { readPullPg, readSteadyPullPg } from './sync-pull-pg';
import { readPullSqlite } from './sync-pull-sqlite';
import {
  syncDraftSelect,
  syncItemSelect,
  toSyncDraft,
  toSyncItem,
  type DraftDbRow,
  type ItemDbRow,
} from './sync-rows';

export type PullInput = z.output<typeof ZPullInput>;

/** History rows in the first page of a first sync (Latest attempts shows 20). */
export const FIRST_PAGE_HISTORY = 100;

export interface VersionRange {
  gt: number;
  lte: number;
}
export interface Before {
  version: number;
  id: number;
}

/** What a pull reads first: where the user's versions stand and this client's last mutation. */
export interface PullHead {
  current: number;
  compactedThrough: number;
  lastMutationId: number;
}

/** The range queries one page needs (each list ordered as its name says, `take` rows at most). */
export interface PullQueries {
  drafts?: { range: VersionRange; take: number };
  items?: { range: VersionRange; take: number };
  history?: { range: VersionRange; take: number };
  /** newest first, before (version, id) */
  historyBefore?: { before: Before; take: number };
  /** first page of a first sync: the newest history rows */
  top?: { before: Before; take: number };
}

export type HistoryDbRow = Parameters<typeof toHistoryRow>[0] & { version: number };

export interface PullRows {
  drafts: DraftDbRow[];
  items: ItemDbRow[];
  history: HistoryDbRow[];
  historyBefore: HistoryDbRow[];
  top: HistoryDbRow[];
}

interface Plan {
  cookie: SyncCookie;
  reset: boolean;
  queries: PullQueries;
}

/** Which rows this page needs, from the cookie and where the user's versions stand (pure). */
export function planPull(given: SyncCookie | null, head: PullHead, limit: number): Plan {
  let cookie: SyncCookie = given ?? { kind: 'initial', upper: head.current, phase: 'entities', after: -1 };
  let reset = false;
  const stale =
    cookie.kind === 'steady'
      ? cookie.version < head.compactedThrough || cookie.version > head.current
      : cookie.upper > head.current;
  if (stale) {
    // Tombstones this client still needed are gone, or the cookie is from another database (a
    // restored backup): start over with a full sync.
    reset = true;
    cookie = { kind: 'initial', upper: head.current, phase: 'entities', after: -1 };
  }
  const take = limit + 1;
  if (cookie.kind === 'steady') {
    const range = { gt: cookie.version, lte: head.current };
    return {
      cookie,
      reset,
      queries: { drafts: { range, take }, items: { range, take }, history: { range, take } },
    };
  }
  if (cookie.phase === 'entities') {
    const range = { gt: cookie.after, lte: cookie.upper };
    const top =
      cookie.after === -1
        ? { before: { version: cookie.upper + 1, id: 0 }, take: FIRST_PAGE_HISTORY }
        : undefined;
    return {
      cookie,
      reset,
      queries: { drafts: { range, take }, items: { range, take }, ...(top ? { top } : {}) },
    };
  }
  return { cookie, reset, queries: { historyBefore: { before: cookie.before, take } } };
}

interface Change {
  version: number;
  put(result: TPullResult): void;
}

const asChanges = {
  draft: (r: DraftDbRow): Change => ({ version: r.version, put: (p) => p.drafts.push(toSyncDraft(r)) }),
  item: (r: ItemDbRow): Change => ({ version: r.version, put: (p) => p.items.push(toSyncItem(r)) }),
  history: (r: HistoryDbRow): Change => {
    const { version, ...row } = r;
    return { version, put: (p) => p.history.push(toHistoryRow(row)) };
  },
};

/** The first `limit` changes by version (each list is sorted ascending and holds ≤ limit + 1). */
function firstChanges(lists: Change[][], limit: number): { page: Change[]; more: boolean } {
  const all = lists.flat().sort((a, b) => a.version - b.version);
  return { page: all.slice(0, limit), more: all.length > limit };
}

/** The page, from what was read (pure). */
export function assemblePull(plan: Plan, head: PullHead, rows: PullRows, limit: number): TPullResult {
  const result: TPullResult = {
    cookie: '',
    more: false,
    reset: plan.reset,
    lastMutationId: head.lastMutationId,
    drafts: [],
    items: [],
    history: [],
  };
  const { cookie } = plan;
  if (cookie.kind === 'steady') {
    const { page, more } = firstChanges(
      [rows.drafts.map(asChanges.draft), rows.items.map(asChanges.item), rows.history.map(asChanges.history)],
      limit,
    );
    for (const c of page) c.put(result);
    result.more = more;
    result.cookie = encodeSyncCookie({
      kind: 'steady',
      version: more ? page[page.length - 1]!.version : head.current,
    });
    return result;
  }
  const { upper } = cookie;
  if (cookie.phase === 'entities') {
    for (const r of rows.top) asChanges.history(r).put(result);
    const { page, more } = firstChanges(
      [rows.drafts.map(asChanges.draft), rows.items.map(asChanges.item)],
      limit,
    );
    for (const c of page) c.put(result);
    result.more = true; // the history backfill follows
    result.cookie = encodeSyncCookie(
      more
        ? { kind: 'initial', upper, phase: 'entities', after: page[page.length - 1]!.version }
        : { kind: 'initial', upper, phase: 'history', before: { version: upper + 1, id: 0 } },
    );
    return result;
  }
  const page = rows.historyBefore.slice(0, limit);
  for (const r of page) asChanges.history(r).put(result);
  result.more = rows.historyBefore.length > limit;
  const last = page[page.length - 1];
  result.cookie = encodeSyncCookie(
    result.more && last
      ? { kind: 'initial', upper, phase: 'history', before: { version: last.version, id: last.id } }
      : { kind: 'steady', version: upper },
  );
  return result;
}

// ---- through Prisma (PostgreSQL; SQLite while a transaction is open on its connection) ----

const historySelect = { ...historyRowSelect, version: true } as const;

async function headPrisma(tx: Tx, userId: string, clientId: string): Promise<PullHead> {
  const [uv, client] = await Promise.all([
    tx.userVersion.findUnique({ where: { userId }, select: { version: true, compactedThrough: true } }),
    tx.syncClient.findUnique({ where: { id: clientId }, select: { userId: true, lastMutationId: true } }),
  ]);
  return {
    current: uv?.version ?? 0,
    compactedThrough: uv?.compactedThrough ?? 0,
    lastMutationId: client?.userId === userId ? client.lastMutationId : 0,
  };
}

async function fetchPrisma(tx: Tx, userId: string, q: PullQueries): Promise<PullRows> {
  const inRange = (r: VersionRange) => ({ gt: r.gt, lte: r.lte });
  const before = (b: Before, take: number) =>
    tx.outreachHistory.findMany({
      where: {
        userId,
        status: { in: VISIBLE_STATUSES },
        OR: [{ version: { lt: b.version } }, { version: b.version, id: { lt: b.id } }],
      },
      orderBy: [{ version: 'desc' }, { id: 'desc' }],
      take,
      select: historySelect,
    });
  const [drafts, items, history, historyBefore, top] = await Promise.all([
    q.drafts
      ? tx.draft.findMany({
          where: { userId, version: inRange(q.drafts.range) },
          orderBy: { version: 'asc' },
          take: q.drafts.take,
          select: syncDraftSelect,
        })
      : [],
    q.items
      ? tx.syncItem.findMany({
          where: { userId, version: inRange(q.items.range) },
          orderBy: { version: 'asc' },
          take: q.items.take,
          select: syncItemSelect,
        })
      : [],
    q.history
      ? tx.outreachHistory.findMany({
          where: { userId, version: inRange(q.history.range), status: { in: VISIBLE_STATUSES } },
          orderBy: { version: 'asc' },
          take: q.history.take,
          select: historySelect,
        })
      : [],
    q.historyBefore ? before(q.historyBefore.before, q.historyBefore.take) : [],
    q.top ? before(q.top.before, q.top.take) : [],
  ]);
  return { drafts: drafts as DraftDbRow[], items, history, historyBefore, top };
}

/** `fastReads: false` always reads through Prisma (the tests compare both paths on SQLite). */
export function createSyncPull(deps: { db: Database; fastReads?: boolean }) {
  const { prisma } = deps.db;
  const fast = deps.fastReads === false ? null : deps.db.fast;

  return async function pull(userId: string, input: PullInput): Promise<TPullResult> {
    const cookie = input.cookie ? decodeSyncCookie(input.cookie) : null;
    if (fast?.kind === 'postgres') {
      if (cookie?.kind === 'steady') {
        // One statement; its rows are the plan's unless the cookie turns out stale (a reset).
        const read = await readSteadyPullPg(
          fast.run,
          userId,
          input.clientId,
          cookie.version,
          input.limit + 1,
        );
        const plan = planPull(cookie, read.head, input.limit);
        if (!plan.reset) return assemblePull(plan, read.head, read.rows, input.limit);
      }
      return fast.snapshot(async (run) => {
        const read = readPullPg(run);
        const head = await read.head(userId, input.clientId);
        const plan = planPull(cookie, head, input.limit);
        return assemblePull(plan, head, await read.rows(userId, plan.queries), input.limit);
      });
    }
    const quick = fast?.readCommitted((conn) => {
      const read = readPullSqlite(conn);
      const head = read.head(userId, input.clientId);
      const plan = planPull(cookie, head, input.limit);
      return assemblePull(plan, head, read.rows(userId, plan.queries), input.limit);
    });
    if (quick) return quick;
    return prisma.$transaction(async (tx) => {
      const head = await headPrisma(tx, userId, input.clientId);
      const plan = planPull(cookie, head, input.limit);
      return assemblePull(plan, head, await fetchPrisma(tx, userId, plan.queries), input.limit);
    });
  };
}
