// "Follow up" (docs/pipeline.md): a draft to the person of a send that is due a follow-up, from
// the follow-up templates, carrying the first send's row id (`followUpOf`) into its sends.
import { useLiveQuery } from 'dexie-react-hooks';
import { db as defaultDb, type ReachlogDb } from '@/db/database';
import { followUpTemplates, isFollowUpTemplate } from '@/db/default-templates';
import type { DraftRow, HistoryRowLocal, TemplateRow } from '@/db/types';
import { createDraft, saveTemplate } from '@/sync/local-writes';

/**
 * The user's follow-up templates; the built-in ones are added (and synced) for a kind the user
 * has none of — users who installed before they existed get them on their first "Follow up".
 */
export async function ensureFollowUpTemplates(database: ReachlogDb = defaultDb): Promise<TemplateRow[]> {
  const have = (await database.templates.toArray()).filter(isFollowUpTemplate);
  const isEmail = (t: TemplateRow) => t.kind === 'email';
  for (const t of followUpTemplates(Date.now())) {
    if (!have.some((h) => isEmail(h) === isEmail(t))) {
      await saveTemplate(t, database);
      have.push(t);
    }
  }
  return have;
}

export interface FollowUpTexts {
  emailSubject: string | null;
  emailBody: string | null;
  linkedinMessage: string | null;
  /** the follow-up template the texts came from (its name, and id): what the sends record */
  template?: string | null;
  templateId?: string | null;
}

/**
 * A new draft to `first`'s person about the same job, with the texts given (filled from a
 * follow-up template by the view), recorded as following up `first`. `followUpOf` stays on this
 * browser's copy of the draft and goes with every send of it (outbox/enqueue.ts).
 */
export async function createFollowUpDraft(
  first: HistoryRowLocal,
  texts: FollowUpTexts,
  database: ReachlogDb = defaultDb,
): Promise<DraftRow> {
  const row = await createDraft(
    {
      recipientName: first.recipientName,
      recipientEmail: first.recipientEmail,
      recipientLinkedinUrl: first.recipientLinkedinUrl,
      jobTitle: first.jobTitle,
      companyName: first.companyName,
      jobUrl: first.jobUrl,
      ...texts,
    },
    database,
  );
  await database.drafts.update(row.id, { followUpOf: first.id });
  return { ...row, followUpOf: first.id };
}

/** The send a draft follows up, if it is one (for the editor's "Follow-up of …" line). */
export async function queryFollowUpTarget(
  draftId: string | null | undefined,
  database: ReachlogDb = defaultDb,
): Promise<HistoryRowLocal | null> {
  if (!draftId) return null;
  const id = (await database.drafts.get(draftId))?.followUpOf;
  return id ? ((await database.history.get(id)) ?? null) : null;
}

/** The sends that follow up `id` (history detail: "Followed up …"), oldest first. */
export async function queryFollowUpsOf(
  row: Pick<HistoryRowLocal, 'id' | 'sentAt'>,
  database: ReachlogDb = defaultDb,
): Promise<HistoryRowLocal[]> {
  // a follow-up is sent after what it follows: only the rows since are looked at
  return database.history
    .where('sentAt')
    .aboveOrEqual(row.sentAt)
    .filter((r) => r.followUpOf === row.id)
    .toArray();
}

export function useFollowUpTarget(draftId: string | null | undefined): HistoryRowLocal | null | undefined {
  return useLiveQuery(() => queryFollowUpTarget(draftId), [draftId]);
}

export function useFollowUpsOf(row: Pick<HistoryRowLocal, 'id' | 'sentAt'>): HistoryRowLocal[] | undefined {
  return useLiveQuery(() => queryFollowUpsOf(row), [row.id, row.sentAt]);
}

/** The row lookup "Follow-up of …" shows. */
export function useHistoryRowById(id: number | null | undefined): HistoryRowLocal | null | undefined {
  return useLiveQuery(async () => (id ? ((await defaultDb.history.get(id)) ?? null) : null), [id]);
}
