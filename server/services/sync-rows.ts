// Database rows of synced records ↔ what the protocol sends (shared/schemas/sync.ts).
import { OUTREACH_FIELDS, type TOutreachContent } from '../../shared/schemas/outreach-content';
import {
  ZDraftConflicts,
  ZFieldVersions,
  type TItemKind,
  type TSyncDraft,
  type TSyncItem,
} from '../../shared/schemas/sync';
import type { DraftState } from './sync-draft-merge';

const contentSelect = Object.fromEntries(OUTREACH_FIELDS.map((f) => [f, true])) as {
  [K in keyof TOutreachContent]: true;
};

export const syncDraftSelect = {
  id: true,
  userId: true,
  ...contentSelect,
  status: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  deletedAt: true,
  fieldVersions: true,
  conflicts: true,
} as const;

export type DraftDbRow = TOutreachContent & {
  id: string;
  userId: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  deletedAt: Date | null;
  fieldVersions: string;
  conflicts: string;
};

function parseJson<T>(text: string, parse: (v: unknown) => { success: boolean; data?: T }, fallback: T): T {
  try {
    const r = parse(JSON.parse(text));
    return r.success ? (r.data as T) : fallback;
  } catch {
    return fallback;
  }
}

export function contentOf(row: TOutreachContent): TOutreachContent {
  return Object.fromEntries(OUTREACH_FIELDS.map((f) => [f, row[f] ?? null])) as TOutreachContent;
}

export function draftStateOf(row: DraftDbRow): DraftState {
  return {
    content: contentOf(row),
    deleted: row.deletedAt !== null,
    fieldVersions: parseJson(row.fieldVersions, (v) => ZFieldVersions.safeParse(v), {}),
    conflicts: parseJson(row.conflicts, (v) => ZDraftConflicts.safeParse(v), []),
  };
}

export function toSyncDraft(row: DraftDbRow): TSyncDraft {
  return {
    id: row.id,
    ...contentOf(row),
    status: row.status === 'sent' ? 'sent' : 'draft',
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    deleted: row.deletedAt !== null,
    conflicts: parseJson(row.conflicts, (v) => ZDraftConflicts.safeParse(v), []),
  };
}

export interface ItemDbRow {
  kind: string;
  itemId: string;
  data: string;
  version: number;
  deletedAt: Date | null;
}

export const syncItemSelect = {
  kind: true,
  itemId: true,
  data: true,
  version: true,
  deletedAt: true,
} as const;

export function toSyncItem(row: ItemDbRow): TSyncItem {
  let data: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(row.data) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      data = parsed as Record<string, unknown>;
  } catch {
    // stored by this server, so never; an unreadable payload travels as {}
  }
  return {
    kind: row.kind as TItemKind,
    id: row.itemId,
    data,
    version: row.version,
    deleted: row.deletedAt !== null,
  };
}
