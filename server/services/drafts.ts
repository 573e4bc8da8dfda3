// The server's copy of a user's drafts. Ids are made by the client; every change takes the
// user's next change version, and deletes leave a tombstone (deleted_at), so a later sync can
// pull "everything changed since version N". Deleting a draft never touches history.
import type { z } from 'zod';
import type { TDraft, TDraftStatus, ZDraftSendInput, ZDraftUpsertInput } from '../../shared/schemas/drafts';
import type { THistoryRow } from '../../shared/schemas/history';
import { channelFor } from '../../shared/channel-labels';
import { AppError } from '../errors';
import type { Database } from '../db/client';
import { isUniqueViolation } from './prisma-errors';
import { nextVersion } from './versions';
import type { OutreachContent, OutreachService, SendFields } from './outreach';

export type DraftUpsertInput = z.output<typeof ZDraftUpsertInput>;
export type DraftSendInput = z.output<typeof ZDraftSendInput>;

const draftSelect = {
  id: true,
  userId: true,
  recipientName: true,
  recipientEmail: true,
  recipientLinkedinUrl: true,
  jobTitle: true,
  companyName: true,
  jobUrl: true,
  emailSubject: true,
  emailBody: true,
  linkedinMessage: true,
  status: true,
  updatedAt: true,
  deletedAt: true,
} as const;

interface DraftRecord extends OutreachContent {
  id: string;
  status: string;
  updatedAt: Date;
}

export function toDraft(d: DraftRecord): TDraft {
  return {
    id: d.id,
    recipient: { name: d.recipientName, email: d.recipientEmail, linkedinUrl: d.recipientLinkedinUrl },
    jobTitle: d.jobTitle,
    companyName: d.companyName,
    jobUrl: d.jobUrl,
    emailSubject: d.emailSubject,
    emailBody: d.emailBody,
    linkedinMessage: d.linkedinMessage,
    status: d.status as TDraftStatus,
    updatedAt: d.updatedAt,
  };
}

const DRAFT_NOT_FOUND = 'Draft not found';

export function createDraftsService(deps: { db: Database; outreach: OutreachService }) {
  const prisma = deps.db.prisma;

  async function upsertOnce(userId: string, input: DraftUpsertInput): Promise<TDraft> {
    return prisma.$transaction(async (tx) => {
      const existing = await tx.draft.findUnique({ where: { id: input.id }, select: { userId: true } });
      if (existing && existing.userId !== userId) throw new AppError('NOT_FOUND', DRAFT_NOT_FOUND);
      const version = await nextVersion(tx, userId);
      const data = {
        recipientName: input.recipient.name,
        recipientEmail: input.recipient.email ?? null,
        recipientLinkedinUrl: input.recipient.linkedinUrl ?? null,
        jobTitle: input.jobTitle || null,
        companyName: input.companyName || null,
        jobUrl: input.jobUrl ?? null,
        emailSubject: input.emailSubject || null,
        emailBody: input.emailBody || null,
        linkedinMessage: input.linkedinMessage || null,
        updatedAt: new Date(),
        version,
        // Pushing a draft again after deleting it brings it back.
        deletedAt: null,
      };
      const row = existing
        ? await tx.draft.update({ where: { id: input.id }, data, select: draftSelect })
        : await tx.draft.create({
            data: { ...data, id: input.id, userId, status: 'draft' },
            select: draftSelect,
          });
      return toDraft(row);
    });
  }

  return {
    async upsert(userId: string, input: DraftUpsertInput): Promise<TDraft> {
      try {
        return await upsertOnce(userId, input);
      } catch (err) {
        // Two first pushes of one new id at once: the loser retries as an update.
        if (isUniqueViolation(err)) return upsertOnce(userId, input);
        throw err;
      }
    },

    async delete(userId: string, id: string): Promise<{ ok: true }> {
      await prisma.$transaction(async (tx) => {
        const d = await tx.draft.findUnique({ where: { id }, select: { userId: true, deletedAt: true } });
        if (!d || d.userId !== userId) throw new AppError('NOT_FOUND', DRAFT_NOT_FOUND);
        if (d.deletedAt) return; // already deleted: nothing changes
        const version = await nextVersion(tx, userId);
        const now = new Date();
        await tx.draft.update({ where: { id }, data: { deletedAt: now, updatedAt: now, version } });
      });
      return { ok: true };
    },

    async list(userId: string): Promise<TDraft[]> {
      const rows = await prisma.draft.findMany({
        where: { userId, deletedAt: null },
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
        select: draftSelect,
      });
      return rows.map(toDraft);
    },

    /** Sends a draft's e-mail and/or records its LinkedIn message as one history row. */
    async send(userId: string, input: DraftSendInput): Promise<THistoryRow> {
      // A retry of a send that already went out answers with its row, even if the draft has
      // since been deleted.
      const done = await deps.outreach.findSent(userId, input.sendId);
      if (done) return done;
      const d = await prisma.draft.findFirst({
        where: { id: input.draftId, userId, deletedAt: null },
        select: draftSelect,
      });
      if (!d) throw new AppError('NOT_FOUND', DRAFT_NOT_FOUND);
      const channel = channelFor(input.email, input.linkedinSent);
      if (!channel) throw new AppError('BAD_REQUEST', 'Choose e-mail, LinkedIn or both');
      const missing: string[] = [];
      if (input.email) {
        if (!d.recipientEmail) missing.push("the recipient's e-mail address");
        if (!d.emailSubject) missing.push('an e-mail subject');
        if (!d.emailBody) missing.push('an e-mail body');
      }
      if (input.linkedinSent) {
        if (!d.recipientLinkedinUrl) missing.push("the recipient's LinkedIn profile URL");
        if (!d.linkedinMessage) missing.push('a LinkedIn message');
      }
      if (missing.length) {
        const list =
          missing.length === 1
            ? missing[0]
            : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
        throw new AppError('BAD_REQUEST', `This draft cannot be sent yet: it is missing ${list}`);
      }
      const fields: SendFields = {
        channel,
        recipientName: d.recipientName,
        recipientEmail: d.recipientEmail,
        recipientLinkedinUrl: d.recipientLinkedinUrl,
        jobTitle: d.jobTitle,
        companyName: d.companyName,
        jobUrl: d.jobUrl,
        emailSubject: input.email ? d.emailSubject : null,
        emailBody: input.email ? d.emailBody : null,
        linkedinMessage: input.linkedinSent ? d.linkedinMessage : null,
        draftId: d.id,
      };
      const mail =
        input.email && d.recipientEmail && d.emailSubject && d.emailBody
          ? {
              to: { name: d.recipientName, address: d.recipientEmail },
              subject: d.emailSubject,
              text: d.emailBody,
            }
          : null;
      return deps.outreach.deliver(userId, input.sendId, fields, mail);
    },
  };
}

export type DraftsService = ReturnType<typeof createDraftsService>;
