// Server shapes (Dates, optional fields) ↔ local rows (epoch ms, nulls).
import type { TDraft, TDraftUpsertInput } from '@@/shared/schemas/drafts';
import type { THistoryRow } from '@@/shared/schemas/history';
import type { DraftRow, HistoryRowLocal } from '@/db/types';

const ms = (d: Date | string | number): number => (d instanceof Date ? d.getTime() : new Date(d).getTime());

export function toLocalHistory(row: THistoryRow): HistoryRowLocal {
  return { ...row, sentAt: ms(row.sentAt), createdAt: ms(row.createdAt) };
}

/** A server draft as a synced local row. */
export function toLocalDraft(d: TDraft, createdAt?: number): DraftRow {
  const updatedAt = ms(d.updatedAt);
  return {
    id: d.id,
    recipient: {
      name: d.recipient.name,
      email: d.recipient.email ?? null,
      linkedinUrl: d.recipient.linkedinUrl ?? null,
    },
    jobTitle: d.jobTitle,
    companyName: d.companyName,
    jobUrl: d.jobUrl,
    emailSubject: d.emailSubject,
    emailBody: d.emailBody,
    linkedinMessage: d.linkedinMessage,
    status: d.status,
    updatedAt,
    createdAt: createdAt ?? updatedAt,
    syncState: 'synced',
    syncError: null,
  };
}

const text = (v: string | null): string | undefined => (v === null ? undefined : v);
/** identifiers: an empty field means "none", not an invalid value */
const ident = (v: string | null): string | undefined => (v?.trim() ? v.trim() : undefined);

export function toUpsertInput(d: DraftRow): TDraftUpsertInput {
  return {
    id: d.id,
    recipient: {
      name: d.recipient.name,
      email: ident(d.recipient.email),
      linkedinUrl: ident(d.recipient.linkedinUrl),
    },
    jobTitle: text(d.jobTitle),
    companyName: text(d.companyName),
    jobUrl: ident(d.jobUrl),
    emailSubject: text(d.emailSubject),
    emailBody: text(d.emailBody),
    linkedinMessage: text(d.linkedinMessage),
  };
}
