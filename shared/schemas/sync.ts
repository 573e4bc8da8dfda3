// The sync protocol between a browser and the server (docs/sync.md), after Replicache's
// push/pull: a browser (client) queues mutations with increasing ids and pushes them; the server
// applies each exactly once and bumps the user's change version; a pull returns everything
// changed since the browser's cookie, in pages.
import { z } from 'zod';
import { ZClientId } from './common';
import { OUTREACH_FIELDS, ZOutreachContent, type TOutreachContent } from './outreach-content';
import type { THistoryRow } from './history';
import type { TCorrectableField } from '../correctable-fields';
import { ZContactStatus } from './pipeline';

// ---- draft conflicts ----

export const ZDraftField = z.enum(OUTREACH_FIELDS);

/**
 * An edit kept retrievable after two browsers changed one draft at once:
 * - 'field': the same field was changed in two browsers; the later change (the one that reached
 *   the server later) is the draft's, and `value` is the one it replaced — made in the browser
 *   `clientId` — which the user can restore;
 * - 'edited-after-delete': the draft was deleted in one browser and edited afterwards in
 *   `clientId` (which had not seen the delete). It stays deleted; the edit is kept on it and the
 *   user is told, and may restore it.
 */
export const ZDraftConflict = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('field'),
    id: z.string().max(100),
    field: ZDraftField,
    value: z.string().nullable(),
    clientId: z.string().max(100),
    at: z.number(),
  }),
  z.object({
    kind: z.literal('edited-after-delete'),
    id: z.string().max(100),
    clientId: z.string().max(100),
    at: z.number(),
  }),
]);
export type TDraftConflict = z.infer<typeof ZDraftConflict>;
export const ZDraftConflicts = z.array(ZDraftConflict);

/** Which change last set each draft field: [version, clientId] ('api' for drafts.upsert). */
export const ZFieldVersions = z.record(z.string(), z.tuple([z.number(), z.string()]));
export type TFieldVersions = z.infer<typeof ZFieldVersions>;

// ---- records with a JSON payload: contacts, templates, the account's settings ----

/** The kinds of message template a user keeps. */
export const TEMPLATE_KINDS = ['email', 'linkedin-message', 'linkedin-note'] as const;
export type TTemplateKind = (typeof TEMPLATE_KINDS)[number];

export const ITEM_KINDS = ['contact', 'template', 'settings'] as const;
export const ZItemKind = z.enum(ITEM_KINDS);
export type TItemKind = z.infer<typeof ZItemKind>;

const text = (max: number) => z.string().max(max);
const ZNullableText = (max: number) => text(max).nullable();

export const ZContactJob = z.looseObject({
  jobId: text(100),
  url: text(2048),
  title: text(300),
  company: ZNullableText(300),
  seenAt: z.number(),
});
export type TContactJob = z.infer<typeof ZContactJob>;

export { CORRECTABLE_FIELDS, type TCorrectableField } from '../correctable-fields';

/**
 * The user's corrections of what the reader captured for one contact, kept on the contact (so
 * they sync with it, by canonical URL) and winning over the reader on every later visit. A
 * string is the user's value ('' = "there is none", except for the name); null or absent = no
 * correction. A put carries only the fields it changes; null removes a correction
 * (shared/sync-item-merge.ts merges them field by field, so two browsers correcting different
 * fields keep both).
 */
export const ZContactCorrections = z.object({
  // one key per CORRECTABLE_FIELDS entry (checked below)
  name: text(200).min(1).nullable().optional(),
  title: ZNullableText(300).optional(),
  company: ZNullableText(300).optional(),
  headline: ZNullableText(500).optional(),
  location: ZNullableText(300).optional(),
  email: ZNullableText(254).optional(),
});
export type TContactCorrections = z.infer<typeof ZContactCorrections>;
export const correctionsCoverTheFields: [keyof TContactCorrections] extends [TCorrectableField]
  ? [TCorrectableField] extends [keyof TContactCorrections]
    ? true
    : never
  : never = true;

/**
 * A captured person (extension/db contacts row without its id). Loose: fields the extension adds
 * later (e.g. the user's corrections of a capture) travel and are kept as they are.
 */
export const ZContactData = z.looseObject({
  name: text(200),
  linkedinUrl: ZNullableText(2048),
  headline: ZNullableText(500),
  title: ZNullableText(300),
  company: ZNullableText(300),
  email: ZNullableText(254),
  location: ZNullableText(300),
  /** the user's corrections; the fields above stay the reader's own values */
  corrections: ZContactCorrections.optional(),
  jobs: z.array(ZContactJob).max(100),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
  /** The pipeline status set by hand (shared/pipeline/status.ts); absent/null: derived from history. */
  status: ZContactStatus.nullable().optional(),
  /** When the status was set by hand (epoch ms). */
  statusSetAt: z.number().nullable().optional(),
});
export type TContactData = z.infer<typeof ZContactData>;

export const ZTemplateData = z.object({
  name: text(200),
  kind: z.enum(TEMPLATE_KINDS),
  subject: ZNullableText(998),
  body: text(100_000),
  builtIn: z.boolean(),
  updatedAt: z.number(),
});
export type TTemplateData = z.infer<typeof ZTemplateData>;

/** Account settings that follow the user to every browser (id 'profile'). */
export const ZProfileData = z.object({
  myName: text(200),
  /** follow up after this many days without a reply (docs/pipeline.md) */
  followUpDays: z.number().int().min(1).max(90),
  /** warn before this many LinkedIn notes and messages in a rolling week */
  linkedinWeeklyCap: z.number().int().min(1).max(1000),
});
export type TProfileData = z.infer<typeof ZProfileData>;
export const PROFILE_ITEM_ID = 'profile';

/** A put carries the changed top-level keys only; they replace the stored ones. */
export const ITEM_PATCH_SCHEMAS = {
  contact: ZContactData.partial(),
  template: ZTemplateData.partial(),
  settings: ZProfileData.partial(),
} as const satisfies Record<TItemKind, z.ZodType>;

/** A stored item's JSON may not grow past this (a contact with all its jobs is ~20 kB). */
export const ITEM_DATA_MAX_BYTES = 64 * 1024;
export const ZItemId = z.string().min(1).max(2100);

// ---- mutations ----

export const ZDraftPutArgs = z.object({
  id: ZClientId,
  /** the draft's version this edit was made from (0: never pulled, e.g. a new draft) */
  baseVersion: z.number().int().min(0),
  /** the fields the user changed, with their new values */
  fields: ZOutreachContent.partial(),
});
export const ZDraftDeleteArgs = z.object({ id: ZClientId, baseVersion: z.number().int().min(0) });
/** Undelete (after "deleted in another browser"); `fields`: the content the restoring browser has. */
export const ZDraftRestoreArgs = z.object({ id: ZClientId, fields: ZOutreachContent.partial().optional() });
/** Drop a kept edit, or (restore) put it back as the field's value. */
export const ZDraftResolveArgs = z.object({
  id: ZClientId,
  conflictId: z.string().max(100),
  restore: z.boolean(),
});
export const ZItemPutArgs = z.object({
  kind: ZItemKind,
  id: ZItemId,
  patch: z.record(z.string(), z.unknown()),
});
export const ZItemDeleteArgs = z.object({ kind: ZItemKind, id: ZItemId });

export const ZMutation = z.discriminatedUnion('name', [
  z.object({ id: z.number().int().min(1), name: z.literal('draft.put'), args: ZDraftPutArgs }),
  z.object({ id: z.number().int().min(1), name: z.literal('draft.delete'), args: ZDraftDeleteArgs }),
  z.object({ id: z.number().int().min(1), name: z.literal('draft.restore'), args: ZDraftRestoreArgs }),
  z.object({ id: z.number().int().min(1), name: z.literal('draft.resolve'), args: ZDraftResolveArgs }),
  z.object({ id: z.number().int().min(1), name: z.literal('item.put'), args: ZItemPutArgs }),
  z.object({ id: z.number().int().min(1), name: z.literal('item.delete'), args: ZItemDeleteArgs }),
]);
export type TMutation = z.infer<typeof ZMutation>;
export type TMutationName = TMutation['name'];
export type TMutationArgs<N extends TMutationName> = Extract<TMutation, { name: N }>['args'];

export const PUSH_MAX_MUTATIONS = 500;

/**
 * The envelope is checked here; each mutation's arguments are checked by the server one by one,
 * so a mutation it cannot apply (a newer client's, a malformed one) is skipped and reported
 * instead of blocking the queue behind it forever.
 */
export const ZPushInput = z.object({
  clientId: ZClientId,
  mutations: z
    .array(z.object({ id: z.number().int().min(1), name: z.string().max(50), args: z.unknown() }))
    .min(1)
    .max(PUSH_MAX_MUTATIONS),
});
export type TPushInput = z.input<typeof ZPushInput>;

export interface TPushResult {
  /** the highest mutation id of this client the server has applied (or skipped as invalid) */
  lastMutationId: number;
  /** mutations applied as no-ops because they were invalid, with the reason */
  rejected: { id: number; error: string }[];
}

/** The push's error message when the client's ids skip a number (it recovers by pulling). */
export const MUTATION_GAP_MESSAGE = 'Mutation ids are not consecutive: pull, then push again';

// ---- pull ----

export const PULL_MAX_ROWS = 1000;

export const ZPullInput = z.object({
  clientId: ZClientId,
  /** null: a first sync; otherwise the cookie of the last pull, as given */
  cookie: z.string().max(100).nullable(),
  limit: z.number().int().min(1).max(PULL_MAX_ROWS).default(500),
});
export type TPullInput = z.input<typeof ZPullInput>;

export type TSyncDraft = TOutreachContent & {
  id: string;
  status: 'draft' | 'sent';
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** a tombstone: deleted on the server (kept for a while, see docs/sync.md) */
  deleted: boolean;
  conflicts: TDraftConflict[];
};

export interface TSyncItem {
  kind: TItemKind;
  id: string;
  /** the stored payload (a tombstone keeps its last one) */
  data: Record<string, unknown>;
  version: number;
  deleted: boolean;
}

export interface TPullResult {
  /** pass it to the next pull */
  cookie: string;
  /** more pages follow: pull again at once */
  more: boolean;
  /**
   * The client's copy is older than the tombstones the server still keeps (or the cookie is not
   * one of this server's): this is the first page of a full sync, and what the client holds that
   * the full sync does not bring back must go.
   */
  reset: boolean;
  /** the last mutation of this client the server has applied */
  lastMutationId: number;
  drafts: TSyncDraft[];
  items: TSyncItem[];
  history: THistoryRow[];
}

export interface TPoke {
  reason: 'connected' | 'changed';
}
