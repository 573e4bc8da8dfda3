// sync.push: a browser's queued mutations, applied in one transaction, each exactly once.
//
// The client's last applied mutation id is kept in sync_clients. A mutation at or below it is a
// replay (the client did not hear the answer) and is skipped; the next one must be last + 1 —
// anything else is a gap (the client lost track, or the server's data was restored from an
// older backup) and the push fails with CONFLICT: the client pulls (which tells it the last id
// the server has) and pushes again from there.
//
// A mutation that cannot be applied (invalid arguments, another user's draft) is consumed as a
// no-op and reported, so one bad mutation never blocks the ones behind it.
import { z } from 'zod';
import {
  ITEM_DATA_MAX_BYTES,
  ITEM_PATCH_SCHEMAS,
  MUTATION_GAP_MESSAGE,
  PROFILE_ITEM_ID,
  ZMutation,
  type ZPushInput,
  type TMutation,
  type TPushInput,
  type TPushResult,
} from '../../shared/schemas/sync';
import { AppError } from '../errors';
import type { Database } from '../db/client';
import { sqliteDateTime } from '../db/sqlite-fast-path';
import { prismaPushStore, sqlPushStore, type PushStore } from './sync-push-store';
import {
  applyDraftDelete,
  applyDraftPut,
  applyDraftResolve,
  applyDraftRestore,
  type MergeResult,
} from './sync-draft-merge';
import { mergeItemData } from '../../shared/sync-item-merge';
import { draftStateOf, type DraftDbRow } from './sync-rows';

export type PushInput = z.output<typeof ZPushInput>;

/** A mutation refused as a no-op; its message goes back to the client. */
class Refused extends Error {}

interface Applying {
  store: PushStore;
  userId: string;
  clientId: string;
  now: Date;
  /** the next version to take */
  take(): number;
  /** the version `take()` would return, without taking it */
  peek(): number;
}

async function ownDraft(a: Applying, id: string): Promise<DraftDbRow | null> {
  const row = await a.store.draft(id);
  if (row && row.userId !== a.userId) throw new Refused('Draft not found');
  return row;
}

async function storeDraft(a: Applying, id: string, row: DraftDbRow | null, result: MergeResult | null) {
  if (!result?.changed) return;
  const { next } = result;
  const data = {
    ...next.content,
    deletedAt: next.deleted ? (row?.deletedAt ?? a.now) : null,
    fieldVersions: JSON.stringify(next.fieldVersions),
    conflicts: JSON.stringify(next.conflicts),
    version: a.take(),
    updatedAt: a.now,
  };
  if (row) await a.store.updateDraft(id, data);
  else await a.store.createDraft(id, a.userId, data);
}

async function applyOne(a: Applying, m: TMutation): Promise<void> {
  const ctx = { clientId: a.clientId, version: a.peek(), at: a.now.getTime() };
  switch (m.name) {
    case 'draft.put': {
      const row = await ownDraft(a, m.args.id);
      return storeDraft(a, m.args.id, row, applyDraftPut(row && draftStateOf(row), m.args, ctx));
    }
    case 'draft.delete': {
      const row = await ownDraft(a, m.args.id);
      return storeDraft(a, m.args.id, row, applyDraftDelete(row && draftStateOf(row)));
    }
    case 'draft.restore': {
      const row = await ownDraft(a, m.args.id);
      if (!row) throw new Refused('Draft not found');
      return storeDraft(a, m.args.id, row, applyDraftRestore(draftStateOf(row), m.args.fields, ctx));
    }
    case 'draft.resolve': {
      const row = await ownDraft(a, m.args.id);
      if (!row) throw new Refused('Draft not found');
      return storeDraft(a, m.args.id, row, applyDraftResolve(draftStateOf(row), m.args, ctx));
    }
    case 'item.put':
    case 'item.delete': {
      const { kind, id } = m.args;
      if (kind === 'settings' && id !== PROFILE_ITEM_ID) throw new Refused(`Unknown settings record "${id}"`);
      const key = { userId: a.userId, kind, itemId: id };
      const stored = await a.store.item(key);
      if (m.name === 'item.delete') {
        if (!stored || stored.deletedAt) return;
        await a.store.deleteItem(key, a.now, a.take());
        return;
      }
      const patch = ITEM_PATCH_SCHEMAS[kind].safeParse(m.args.patch);
      if (!patch.success) throw new Refused(z.prettifyError(patch.error));
      const before = stored ? (JSON.parse(stored.data) as Record<string, unknown>) : {};
      const data = JSON.stringify(mergeItemData(kind, before, patch.data));
      if (Buffer.byteLength(data) > ITEM_DATA_MAX_BYTES)
        throw new Refused(`A ${kind} may hold at most ${ITEM_DATA_MAX_BYTES / 1024} kB`);
      if (stored && !stored.deletedAt && stored.data === data) return;
      await a.store.putItem(key, data, a.take(), a.now);
      return;
    }
  }
}

/** `fastWrites: false` always writes through Prisma (the tests compare both paths). */
export function createSyncPush(deps: {
  db: Database;
  onChange: (userId: string) => void;
  fastWrites?: boolean;
}) {
  const { prisma, kind } = deps.db;
  const fast = deps.fastWrites === false ? null : deps.db.fast;

  return async function push(userId: string, input: PushInput | TPushInput): Promise<TPushResult> {
    const mutations = [...input.mutations].sort((x, y) => x.id - y.id);
    const apply = async (store: PushStore) => {
      // The version row first (every writer locks it first), then the client's row: one push
      // of a user at a time, so concurrent pushes never interleave their reads and writes.
      const start = await store.lockVersion(userId);
      let version = start;
      const now = new Date();
      const client = await store.client(input.clientId, userId, now);
      if (!client || client.userId !== userId)
        throw new AppError('BAD_REQUEST', 'This sync client belongs to another account; sign in again');
      let last = client.lastMutationId;
      const rejected: TPushResult['rejected'] = [];
      const applying: Applying = {
        store,
        userId,
        clientId: input.clientId,
        now,
        take: () => ++version,
        peek: () => version + 1,
      };
      for (const raw of mutations) {
        if (raw.id <= last) continue; // applied before: a replay
        if (raw.id !== last + 1) throw new AppError('CONFLICT', MUTATION_GAP_MESSAGE);
        const parsed = ZMutation.safeParse(raw);
        if (!parsed.success) {
          rejected.push({
            id: raw.id,
            error: `Not a valid ${raw.name} mutation: ${z.prettifyError(parsed.error)}`,
          });
        } else {
          try {
            await applyOne(applying, parsed.data);
          } catch (err) {
            if (!(err instanceof Refused)) throw err;
            rejected.push({ id: raw.id, error: err.message });
          }
        }
        last = raw.id;
      }
      if (version !== start) await store.storeVersion(userId, version);
      await store.setLastMutation(input.clientId, last);
      return { lastMutationId: last, rejected, changed: version !== start };
    };
    // One transaction of plain statements (fast path), else one Prisma transaction.
    const result = await (fast?.transaction((run) => apply(sqlPushStore(run, fast.time))) ??
      prisma.$transaction((tx) => apply(prismaPushStore(tx, kind, sqliteDateTime))));
    if (result.changed) deps.onChange(userId);
    return { lastMutationId: result.lastMutationId, rejected: result.rejected };
  };
}
