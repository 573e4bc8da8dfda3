// The one place that turns an outreach_history row into the API's HistoryRow.
import type { TChannel, THistoryRow, THistoryStatus } from '../../shared/schemas/history';

/** Explicit select: exactly the columns the API returns. */
export const historyRowSelect = {
  id: true,
  recipientName: true,
  recipientEmail: true,
  recipientLinkedinUrl: true,
  jobTitle: true,
  companyName: true,
  jobUrl: true,
  channel: true,
  emailSubject: true,
  emailBody: true,
  linkedinMessage: true,
  status: true,
  error: true,
  sentAt: true,
  createdAt: true,
  draftId: true,
} as const;

/** Rows in these states are visible; 'pending' (a send in flight) never leaves the server. */
export const VISIBLE_STATUSES: THistoryStatus[] = ['sent', 'failed'];

export interface HistoryRecord {
  id: number;
  recipientName: string;
  recipientEmail: string | null;
  recipientLinkedinUrl: string | null;
  jobTitle: string | null;
  companyName: string | null;
  jobUrl: string | null;
  channel: string;
  emailSubject: string | null;
  emailBody: string | null;
  linkedinMessage: string | null;
  status: string;
  error: string | null;
  sentAt: Date;
  createdAt: Date;
  draftId: string | null;
}

export function toHistoryRow(r: HistoryRecord): THistoryRow {
  return {
    id: r.id,
    recipientName: r.recipientName,
    recipientEmail: r.recipientEmail ?? null,
    recipientLinkedinUrl: r.recipientLinkedinUrl ?? null,
    jobTitle: r.jobTitle ?? null,
    companyName: r.companyName ?? null,
    jobUrl: r.jobUrl ?? null,
    channel: r.channel as TChannel,
    emailSubject: r.emailSubject ?? null,
    emailBody: r.emailBody ?? null,
    linkedinMessage: r.linkedinMessage ?? null,
    status: r.status as THistoryStatus,
    error: r.error ?? null,
    sentAt: r.sentAt,
    createdAt: r.createdAt,
    draftId: r.draftId ?? null,
  };
}
