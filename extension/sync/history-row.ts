// The server's history row (Dates) as this browser keeps it (epoch ms, indexable).
import type { THistoryRow } from '@@/shared/schemas/history';
import type { HistoryRowLocal } from '@/db/types';

const ms = (d: Date | string | number): number => (d instanceof Date ? d.getTime() : new Date(d).getTime());

export function toLocalHistory(row: THistoryRow): HistoryRowLocal {
  return {
    ...row,
    sentAt: ms(row.sentAt),
    createdAt: ms(row.createdAt),
    repliedAt: row.repliedAt ? ms(row.repliedAt) : null,
    followUpOf: row.followUpOf ?? null,
    template: row.template ?? null,
    templateId: row.templateId ?? null,
  };
}
