// The server's copy of a user's drafts. Ids are made by the client; every change takes the
// user's next change version, and deletes leave a tombstone (deleted_at), so sync.pull can
// return "everything changed since version N". Deleting a draft never touches history.
//
// These are the drafts.* procedures of the API (docs/server.md); the extension syncs drafts
// through sync.push / sync.pull instead, with the same rows and merge rules (sync-draft-merge.ts).
import type { z } from 'zod';
import type { TDraft, TDraftStatus, ZDraftSendInput, ZDraftUpsertInput } from '../../shared/schemas/drafts';
import type { THistoryRow } from '../../shared/schemas/history';
import type { TOutreachContent } from '../../shared/schemas/outreach-content';
import { ZEmail, ZHeaderText, ZJobUrl, ZLinkedinUrl } from '../../shared/schemas/common';
import { channelFor } from '../../shared/channel-labels';
import { AppError } from '../errors';
import type { Database } from '../db/client';
import type { ChangeFeed } from './change-feed';
import { isUniqueViolation } from './prisma-errors';
import { nextVersion } from './versions';
import type { OutreachService, SendFields } from './outreach';
import { applyDraftPut } from './sync-draft-merge';
import { contentOf, draftStateOf, syncDraftSelect, type DraftDbRow } from './sync-rows';

export type DraftUpsertInput = z.output<typeof ZDraftUpsertInput>;
export type DraftSendInput = z.output<typeof ZDraftSendInput>;

export function toDraft(d: DraftDbRow): TDraft {
  return {
    id: d.id,
    recipient: { name: d.recipientName, email: d.recipientEmail, linkedinUrl: d.recipientLinkedinUrl },
    jobTitle: d.jobTitle,
    companyName: d.companyName,
    jobUrl: d.jobUrl,
    emailSubject: d.emailSubject,
    emailBody: d.emailBody,
    linkedinMessage: d.linkedinMessage,
    template: d.template ?? null,
    templateId: d.templateId ?? null,
    status: d.status as TDraftStatus,
    updatedAt: d.updatedAt,
  };
}

const DRAFT_NOT_FOUND = 'Draft not found';
/** drafts.upsert writes as this "client": the API keeps last-write-wins, and sync clients see its edits as another browser's. */
const API_CLIENT = 'api';

function upsertContent(input: DraftUpsertInput): TOutreachContent {
  return {
    recipientName: input.recipient.name,
    recipientEmail: input.recipient.email ?? null,
    recipientLinkedinUrl: input.recipient.linkedinUrl ?? null,
    jobTitle: input.jobTitle || null,
    companyName: input.companyName || null,
    jobUrl: input.jobUrl ?? null,
    emailSubject: input.emailSubject || null,
    emailBody: input.emailBody || null,
    linkedinMessage: input.linkedinMessage || null,
    template: input.template || null,
    templateId: input.templateId || null,
  };
}

function listOf(items: string[]): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * What a send of `c` on the chosen channels records, checked as strictly as the send procedures
 * check their input (a draft may hold anything while it is being written).
 */
function sendFieldsOf(c: TOutreachContent, draftId: string, email: boolean, linkedin: boolean) {
  const channel = channelFor(email, linkedin);
  if (!channel) throw new AppError('BAD_REQUEST', 'Choose e-mail, LinkedIn or both');
  const missing: string[] = [];
  const invalid: string[] = [];
  const name = c.recipientName.trim();
  if (!name) missing.push("the recipient's name");
  let address: string | null = null;
  let profile: string | null = null;
  if (email) {
    const parsed = c.recipientEmail?.trim() ? ZEmail.safeParse(c.recipientEmail) : null;
    if (!parsed) missing.push("the recipient's e-mail address");
    else if (!parsed.success) invalid.push(`the e-mail address "${c.recipientEmail}"`);
    else address = parsed.data;
    if (!c.emailSubject?.trim()) missing.push('an e-mail subject');
    else if (!ZHeaderText(998).safeParse(c.emailSubject).success)
      invalid.push('the subject (no line breaks)');
    if (!c.emailBody?.trim()) missing.push('an e-mail body');
  }
  const url = c.recipientLinkedinUrl?.trim() ? ZLinkedinUrl.safeParse(c.recipientLinkedinUrl) : null;
  if (linkedin) {
    if (!url) missing.push("the recipient's LinkedIn profile URL");
    else if (!url.success) invalid.push(`the LinkedIn URL "${c.recipientLinkedinUrl}"`);
    if (!c.linkedinMessage?.trim()) missing.push('a LinkedIn message');
  }
  if (url?.success) profile = url.data;
  if (missing.length)
    throw new AppError('BAD_REQUEST', `This draft cannot be sent yet: it is missing ${listOf(missing)}`);
  if (invalid.length)
    throw new AppError('BAD_REQUEST', `This draft cannot be sent: check ${listOf(invalid)}`);
  const job = c.jobUrl?.trim() ? ZJobUrl.safeParse(c.jobUrl) : null;
  const fields: SendFields = {
    channel,
    recipientName: name,
    recipientEmail: email ? address : c.recipientEmail?.trim() || null,
    recipientLinkedinUrl: profile,
    jobTitle: c.jobTitle?.trim() || null,
    companyName: c.companyName?.trim() || null,
    jobUrl: job?.success ? job.data : null,
    emailSubject: email ? c.emailSubject!.trim() : null,
    emailBody: email ? c.emailBody : null,
    linkedinMessage: linkedin ? c.linkedinMessage : null,
    template: c.template?.trim() || null,
    templateId: c.templateId?.trim() || null,
    draftId,
  };
  const mail =
    email && address
      ? { to: { name, address }, subject: fields.emailSubject!, text: fields.emailBody! }
      : null;
  return { fields, mail };
}

export function createDraftsService(deps: { db: Database; outreach: OutreachService; changes?: ChangeFeed }) {
  const prisma = deps.db.prisma;
  const changed = (userId: string) => deps.changes?.notify(userId);

  async function upsertOnce(userId: string, input: DraftUpsertInput): Promise<TDraft> {
    return prisma.$transaction(async (tx) => {
      // the version first: it serialises this user's writers (versions.ts)
      const version = await nextVersion(tx, userId);
      const existing = (await tx.draft.findUnique({
        where: { id: input.id },
        select: syncDraftSelect,
      })) as DraftDbRow | null;
      if (existing && existing.userId !== userId) throw new AppError('NOT_FOUND', DRAFT_NOT_FOUND);
      const now = new Date();
      // Last write wins (no base version); pushing a draft again after deleting it brings it back.
      const state = existing ? { ...draftStateOf(existing), deleted: false } : null;
      const { next } = applyDraftPut(
        state,
        { baseVersion: Number.MAX_SAFE_INTEGER, fields: upsertContent(input) },
        { clientId: API_CLIENT, version, at: now.getTime() },
      );
      const data = {
        ...next.content,
        fieldVersions: JSON.stringify(next.fieldVersions),
        conflicts: JSON.stringify(next.conflicts),
        updatedAt: now,
        version,
        deletedAt: null,
      };
      const row = existing
        ? await tx.draft.update({ where: { id: input.id }, data, select: syncDraftSelect })
        : await tx.draft.create({
            data: { ...data, id: input.id, userId, status: 'draft' },
            select: syncDraftSelect,
          });
      return toDraft(row as DraftDbRow);
    });
  }

  return {
    async upsert(userId: string, input: DraftUpsertInput): Promise<TDraft> {
      let draft: TDraft;
      try {
        draft = await upsertOnce(userId, input);
      } catch (err) {
        // Two first pushes of one new id at once: the loser retries as an update.
        if (!isUniqueViolation(err)) throw err;
        draft = await upsertOnce(userId, input);
      }
      changed(userId);
      return draft;
    },

    async delete(userId: string, id: string): Promise<{ ok: true }> {
      const deleted = await prisma.$transaction(async (tx) => {
        const d = await tx.draft.findUnique({ where: { id }, select: { userId: true, deletedAt: true } });
        if (!d || d.userId !== userId) throw new AppError('NOT_FOUND', DRAFT_NOT_FOUND);
        if (d.deletedAt) return false; // already deleted: nothing changes
        const version = await nextVersion(tx, userId);
        const now = new Date();
        await tx.draft.update({ where: { id }, data: { deletedAt: now, updatedAt: now, version } });
        return true;
      });
      if (deleted) changed(userId);
      return { ok: true };
    },

    async list(userId: string): Promise<TDraft[]> {
      const rows = await prisma.draft.findMany({
        where: { userId, deletedAt: null },
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
        select: syncDraftSelect,
      });
      return (rows as DraftDbRow[]).map(toDraft);
    },

    /**
     * Sends a draft's e-mail and/or records its LinkedIn message as one history row. With
     * `content` (the extension always sends it) exactly that text goes out, never a copy
     * another browser wrote; without it, the server's copy (API clients keep drafts here).
     */
    async send(userId: string, input: DraftSendInput): Promise<THistoryRow> {
      // A retry of a send that already went out answers with its row, even if the draft has
      // since been deleted.
      const done = await deps.outreach.findSent(userId, input.sendId);
      if (done && done.channel === 'email' && input.email && input.linkedinSent) {
        // The LinkedIn half of a both-channel send whose e-mail half went out first (same send
        // id, docs/pipeline.md): it completes that row instead of making a second one.
        let content = input.content;
        if (!content) {
          const own = (await prisma.draft.findFirst({
            where: { id: input.draftId, userId },
            select: syncDraftSelect,
          })) as DraftDbRow | null;
          if (!own) throw new AppError('NOT_FOUND', DRAFT_NOT_FOUND);
          content = contentOf(own);
        }
        const { fields } = sendFieldsOf(content, input.draftId, false, true);
        return deps.outreach.completeBoth(userId, done.id, {
          linkedinMessage: fields.linkedinMessage!,
          recipientLinkedinUrl: fields.recipientLinkedinUrl!,
        });
      }
      if (done) return done;
      const d = (await prisma.draft.findFirst({
        // the sending browser showed this text: a draft deleted meanwhile elsewhere is still its own
        where: { id: input.draftId, userId, ...(input.content ? {} : { deletedAt: null }) },
        select: syncDraftSelect,
      })) as DraftDbRow | null;
      if (!d) throw new AppError('NOT_FOUND', DRAFT_NOT_FOUND);
      const { fields, mail } = sendFieldsOf(
        input.content ?? contentOf(d),
        d.id,
        input.email,
        input.linkedinSent,
      );
      const followUpOf = await deps.outreach.ownFollowUpOf(userId, input.followUpOf);
      return deps.outreach.deliver(userId, input.sendId, { ...fields, followUpOf }, mail);
    },
  };
}

export type DraftsService = ReturnType<typeof createDraftsService>;
