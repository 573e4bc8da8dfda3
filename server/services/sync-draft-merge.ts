// How a draft mutation changes the server's copy of a draft (pure; sync-push.ts stores the
// result). The rules (docs/sync.md):
// - edits to different fields merge;
// - the same field changed in two browsers: the change that reaches the server later is kept
//   and the one it replaces is kept retrievable as a 'field' conflict, so nothing typed is lost
//   without the user seeing it. "The same field changed in two browsers" means: the field was
//   last set by another client at a version newer than the one this edit was made from;
// - a delete wins over edits it had not seen; an edit that reaches a deleted draft does not bring
//   it back: it is kept on the tombstone with an 'edited-after-delete' notice the user resolves
//   (restore or discard).
import {
  EMPTY_OUTREACH_CONTENT,
  OUTREACH_FIELDS,
  type TOutreachContent,
  type TOutreachField,
} from '../../shared/schemas/outreach-content';
import type { TDraftConflict, TFieldVersions } from '../../shared/schemas/sync';

export interface DraftState {
  content: TOutreachContent;
  deleted: boolean;
  fieldVersions: TFieldVersions;
  conflicts: TDraftConflict[];
}

/** A draft keeps at most this many unresolved conflicts (the oldest go first). */
export const MAX_CONFLICTS = 20;

export interface MergeContext {
  clientId: string;
  /** the version this change takes */
  version: number;
  /** epoch ms, for the user ("edited in another browser at …") */
  at: number;
}

export interface MergeResult {
  next: DraftState;
  /** false: nothing to store (the change was already there) */
  changed: boolean;
}

const capped = (list: TDraftConflict[]) => list.slice(Math.max(0, list.length - MAX_CONFLICTS));

/**
 * Which template a draft was filled from is bookkeeping, not text the user typed: two browsers
 * picking different templates keep the later one, without a copy of the other to restore.
 */
const UNKEPT_FIELDS: ReadonlySet<TOutreachField> = new Set(['template', 'templateId']);

function changedFields(content: TOutreachContent, fields: Partial<TOutreachContent>): TOutreachField[] {
  return OUTREACH_FIELDS.filter((f) => f in fields && fields[f] !== undefined && fields[f] !== content[f]);
}

export function applyDraftPut(
  current: DraftState | null,
  put: { baseVersion: number; fields: Partial<TOutreachContent> },
  ctx: MergeContext,
): MergeResult {
  const base: DraftState = current ?? {
    content: { ...EMPTY_OUTREACH_CONTENT },
    deleted: false,
    fieldVersions: {},
    conflicts: [],
  };
  const fields = changedFields(base.content, put.fields);
  const content = { ...base.content };
  const fieldVersions = { ...base.fieldVersions };
  for (const f of fields) {
    content[f] = put.fields[f] as never;
    fieldVersions[f] = [ctx.version, ctx.clientId];
  }

  if (base.deleted) {
    // Deleted elsewhere before this edit arrived: stays deleted, the edit is kept on it.
    if (fields.length === 0) return { next: base, changed: false };
    const others = base.conflicts.filter(
      (c) => !(c.kind === 'edited-after-delete' && c.clientId === ctx.clientId),
    );
    const notice: TDraftConflict = {
      kind: 'edited-after-delete',
      id: `${ctx.version}-deleted`,
      clientId: ctx.clientId,
      at: ctx.at,
    };
    return {
      next: { ...base, content, fieldVersions, conflicts: capped([...others, notice]) },
      changed: true,
    };
  }

  const conflicts = [...base.conflicts];
  for (const f of fields) {
    const last = base.fieldVersions[f];
    if (last && last[0] > put.baseVersion && last[1] !== ctx.clientId && !UNKEPT_FIELDS.has(f)) {
      conflicts.push({
        kind: 'field',
        id: `${ctx.version}-${f}`,
        field: f,
        value: base.content[f] ?? null,
        clientId: last[1],
        at: ctx.at,
      });
    }
  }
  if (fields.length === 0 && current) return { next: base, changed: false };
  return { next: { ...base, content, fieldVersions, conflicts: capped(conflicts) }, changed: true };
}

/** A delete always wins (it is what the user asked for last); deleting twice changes nothing. */
export function applyDraftDelete(current: DraftState | null): MergeResult | null {
  if (!current) return null;
  if (current.deleted) return { next: current, changed: false };
  return { next: { ...current, deleted: true }, changed: true };
}

/** Undelete, with the content the restoring browser shows; its 'deleted' notices are settled. */
export function applyDraftRestore(
  current: DraftState,
  fields: Partial<TOutreachContent> | undefined,
  ctx: MergeContext,
): MergeResult {
  const conflicts = current.conflicts.filter((c) => c.kind !== 'edited-after-delete');
  const put = applyDraftPut(
    { ...current, deleted: false, conflicts },
    { baseVersion: ctx.version, fields: fields ?? {} },
    ctx,
  );
  const changed = current.deleted || conflicts.length !== current.conflicts.length || put.changed;
  return { next: put.next, changed };
}

/** Settles one kept edit: drop it, or put it back (a field's value; a deleted draft: undelete). */
export function applyDraftResolve(
  current: DraftState,
  resolve: { conflictId: string; restore: boolean },
  ctx: MergeContext,
): MergeResult {
  const conflict = current.conflicts.find((c) => c.id === resolve.conflictId);
  if (!conflict) return { next: current, changed: false };
  const rest = current.conflicts.filter((c) => c.id !== resolve.conflictId);
  if (!resolve.restore) return { next: { ...current, conflicts: rest }, changed: true };
  if (conflict.kind === 'edited-after-delete') return applyDraftRestore(current, undefined, ctx);
  return {
    next: {
      ...current,
      content: { ...current.content, [conflict.field]: conflict.value },
      fieldVersions: { ...current.fieldVersions, [conflict.field]: [ctx.version, ctx.clientId] },
      conflicts: rest,
    },
    changed: true,
  };
}
