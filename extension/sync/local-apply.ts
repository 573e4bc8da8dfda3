// What a queued mutation does to this browser's copy (pure). Used when the user makes the change
// (applied at once) and when a pull brings the server's copy of a row: the mutations the server
// has not applied yet are applied again on top of it (rebase), so local edits never flicker away.
import { mergeItemData } from '@@/shared/sync-item-merge';
import type { TMutationArgs, TSyncDraft } from '@@/shared/schemas/sync';
import { EMPTY_OUTREACH_CONTENT } from '@@/shared/schemas/outreach-content';
import type { DraftRow, MutationRow } from '@/db/types';

export function draftTarget(id: string): string {
  return `draft:${id}`;
}

export function itemTarget(kind: string, id: string): string {
  return `${kind}:${id}`;
}

export function emptyDraft(id: string, now: number): DraftRow {
  return {
    id,
    ...EMPTY_OUTREACH_CONTENT,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
    version: 0,
    deleted: 0,
    conflicts: [],
    syncError: null,
  };
}

/** The server's draft as a local row (before this browser's pending changes). */
export function draftFromServer(d: TSyncDraft, syncError: string | null = null): DraftRow {
  const { deleted, createdAt, updatedAt, ...rest } = d;
  return {
    ...rest,
    createdAt: createdAt.getTime(),
    updatedAt: updatedAt.getTime(),
    deleted: deleted ? 1 : 0,
    syncError,
  };
}

/** One draft mutation applied to a local row (null: the draft does not exist here). */
export function applyDraftMutation(row: DraftRow | null, m: MutationRow, now: number): DraftRow | null {
  switch (m.name) {
    case 'draft.put': {
      const a = m.args as TMutationArgs<'draft.put'>;
      const base = row ?? emptyDraft(a.id, now);
      // An edit does not bring a deleted draft back: the server keeps it and tells the user.
      return { ...base, ...a.fields, updatedAt: Math.max(now, base.updatedAt) };
    }
    case 'draft.delete':
      return row && { ...row, deleted: 1 };
    case 'draft.restore': {
      const a = m.args as TMutationArgs<'draft.restore'>;
      if (!row) return null;
      return {
        ...row,
        ...a.fields,
        deleted: 0,
        conflicts: row.conflicts.filter((c) => c.kind !== 'edited-after-delete'),
      };
    }
    case 'draft.resolve': {
      const a = m.args as TMutationArgs<'draft.resolve'>;
      if (!row) return null;
      const conflict = row.conflicts.find((c) => c.id === a.conflictId);
      const conflicts = row.conflicts.filter((c) => c.id !== a.conflictId);
      if (!conflict || !a.restore) return { ...row, conflicts };
      if (conflict.kind === 'edited-after-delete')
        return { ...row, deleted: 0, conflicts: conflicts.filter((c) => c.kind !== 'edited-after-delete') };
      return { ...row, [conflict.field]: conflict.value, conflicts };
    }
    default:
      return row;
  }
}

/** An item put/delete applied to a local payload (null: deleted / absent). */
export function applyItemMutation<T extends Record<string, unknown>>(
  data: T | null,
  m: MutationRow,
): T | null {
  if (m.name === 'item.delete') return null;
  if (m.name !== 'item.put') return data;
  const a = m.args as TMutationArgs<'item.put'>;
  return mergeItemData(a.kind, data ?? {}, a.patch) as T;
}
