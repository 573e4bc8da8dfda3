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
import type { z } from 'zod';
import type { THistoryRow } from '../../shared/schemas/history';
import type { TPullResult, TSyncDraft, TSyncItem, ZPullInput } from '../../shared/schemas/sync';
import type { Database, Tx } from '../db/client';
import { historyRowSelect, toHistoryRow, VISIBLE_STATUSES } from './history-row';
import { decodeSyncCookie, encodeSyncCookie, type SyncCookie } from './sync-cookie';
import { syncDraftSelect, syncItemSelect, toSyncDraft, toSyncItem, type DraftDbRow } from './sync-rows';

export type PullInput = z.output<typeof ZPullInput>;

/** History rows in the first page of a first sync (Latest attempts shows 20). */
export const FIRST_PAGE_HISTORY = 100;

type Range = { gt?: number; lt?: number; lte?: number };

interface Change {
  version: number;
  put(result: TPullResult): void;
}

export function createSyncPull(deps: { db: Database }) {
  const { prisma } = deps.db;

  function draftsIn(tx: Tx, userId: string, version: Range, take: number) {
    return tx.draft.findMany({
      where: { userId, version },
      orderBy: { version: 'asc' },
      take,
      select: syncDraftSelect,
    }) as Promise<DraftDbRow[]>;
  }

  function itemsIn(tx: Tx, userId: string, version: Range, take: number) {
    return tx.syncItem.findMany({
      where: { userId, version },
      orderBy: { version: 'asc' },
      take,
      select: syncItemSelect,
    });
  }

  function historyIn(tx: Tx, userId: string, version: Range, take: number) {
    return tx.outreachHistory.findMany({
      where: { userId, version, status: { in: VISIBLE_STATUSES } },
      orderBy: { version: 'asc' },
      take,
      select: { ...historyRowSelect, version: true },
    });
  }

  /** Newest first, before (version, id): the first sync's history walk. */
  function historyBefore(tx: Tx, userId: string, before: { version: number; id: number }, take: number) {
    return tx.outreachHistory.findMany({
      where: {
        userId,
        status: { in: VISIBLE_STATUSES },
        OR: [{ version: { lt: before.version } }, { version: before.version, id: { lt: before.id } }],
      },
      orderBy: [{ version: 'desc' }, { id: 'desc' }],
      take,
      select: { ...historyRowSelect, version: true },
    });
  }

  const asChanges = {
    draft: (r: DraftDbRow): Change => ({ version: r.version, put: (p) => p.drafts.push(toSyncDraft(r)) }),
    item: (r: Parameters<typeof toSyncItem>[0]): Change => ({
      version: r.version,
      put: (p) => p.items.push(toSyncItem(r)),
    }),
    history: (r: Parameters<typeof toHistoryRow>[0] & { version: number }): Change => {
      const { version, ...row } = r;
      return { version, put: (p) => p.history.push(toHistoryRow(row)) };
    },
  };

  /** The first `limit` changes by version (each list is sorted ascending and holds ≤ limit + 1). */
  function firstChanges(lists: Change[][], limit: number): { page: Change[]; more: boolean } {
    const all = lists.flat().sort((a, b) => a.version - b.version);
    return { page: all.slice(0, limit), more: all.length > limit };
  }

  return async function pull(userId: string, input: PullInput): Promise<TPullResult> {
    const limit = input.limit;
    // In a transaction: on SQLite this waits for writes in flight on the shared connection and
    // reads only committed rows; on PostgreSQL it is one connection for the whole page.
    return prisma.$transaction(async (tx) => {
      const uv = await tx.userVersion.findUnique({
        where: { userId },
        select: { version: true, compactedThrough: true },
      });
      const current = uv?.version ?? 0;
      const client = await tx.syncClient.findUnique({
        where: { id: input.clientId },
        select: { userId: true, lastMutationId: true },
      });
      const result: TPullResult = {
        cookie: '',
        more: false,
        reset: false,
        lastMutationId: client?.userId === userId ? client.lastMutationId : 0,
        drafts: [],
        items: [],
        history: [],
      };

      let cookie: SyncCookie = input.cookie
        ? decodeSyncCookie(input.cookie)
        : { kind: 'initial', upper: current, phase: 'entities', after: -1 };
      if (
        cookie.kind === 'steady' &&
        (cookie.version < (uv?.compactedThrough ?? 0) || cookie.version > current)
      ) {
        // Tombstones this client still needed are gone, or the cookie is from another database
        // (a restored backup): start over with a full sync.
        result.reset = true;
        cookie = { kind: 'initial', upper: current, phase: 'entities', after: -1 };
      } else if (cookie.kind === 'initial' && cookie.upper > current) {
        result.reset = true;
        cookie = { kind: 'initial', upper: current, phase: 'entities', after: -1 };
      }

      if (cookie.kind === 'steady') {
        const range = { gt: cookie.version, lte: current };
        const [drafts, items, history] = await Promise.all([
          draftsIn(tx, userId, range, limit + 1),
          itemsIn(tx, userId, range, limit + 1),
          historyIn(tx, userId, range, limit + 1),
        ]);
        const { page, more } = firstChanges(
          [drafts.map(asChanges.draft), items.map(asChanges.item), history.map(asChanges.history)],
          limit,
        );
        for (const c of page) c.put(result);
        result.more = more;
        result.cookie = encodeSyncCookie({
          kind: 'steady',
          version: more ? page[page.length - 1]!.version : current,
        });
        return result;
      }

      const { upper } = cookie;
      if (cookie.phase === 'entities') {
        if (cookie.after === -1) {
          const top = await historyBefore(tx, userId, { version: upper + 1, id: 0 }, FIRST_PAGE_HISTORY);
          for (const r of top) asChanges.history(r).put(result);
        }
        const range = { gt: cookie.after, lte: upper };
        const [drafts, items] = await Promise.all([
          draftsIn(tx, userId, range, limit + 1),
          itemsIn(tx, userId, range, limit + 1),
        ]);
        const { page, more } = firstChanges([drafts.map(asChanges.draft), items.map(asChanges.item)], limit);
        for (const c of page) c.put(result);
        result.more = true; // the history backfill follows
        result.cookie = encodeSyncCookie(
          more
            ? { kind: 'initial', upper, phase: 'entities', after: page[page.length - 1]!.version }
            : { kind: 'initial', upper, phase: 'history', before: { version: upper + 1, id: 0 } },
        );
        return result;
      }

      const rows = await historyBefore(tx, userId, cookie.before, limit + 1);
      const page = rows.slice(0, limit);
      for (const r of page) asChanges.history(r).put(result);
      result.more = rows.length > limit;
      result.cookie = encodeSyncCookie(
        result.more
          ? {
              kind: 'initial',
              upper,
              phase: 'history',
              before: { version: page[page.length - 1]!.version, id: page[page.length - 1]!.id },
            }
          : { kind: 'steady', version: upper },
      );
      return result;
    });
  };
}

export type { TSyncDraft, TSyncItem, THistoryRow };
