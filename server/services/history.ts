// Reading history. Every query is scoped by user_id and hides in-flight ('pending') rows.
import type { z } from 'zod';
import type {
  THistoryPage,
  THistoryRow,
  ZForRecipientInput,
  ZHistoryListInput,
} from '../../shared/schemas/history';
import { containsInsensitive, type Database } from '../db/client';
import type { Prisma } from '../db/generated/sqlite/client';
import { decodeCursor, encodeCursor } from './history-cursor';
import { historyRowSelect, toHistoryRow, VISIBLE_STATUSES } from './history-row';

export type HistoryListInput = z.output<typeof ZHistoryListInput>;
export type ForRecipientInput = z.output<typeof ZForRecipientInput>;

const NEWEST_FIRST = [
  { sentAt: 'desc' },
  { id: 'desc' },
] satisfies Prisma.OutreachHistoryOrderByWithRelationInput[];
const FOR_RECIPIENT_MAX = 200;

export function createHistoryService(deps: { db: Database }) {
  const { prisma, kind } = deps.db;

  return {
    async latest(userId: string, limit = 20): Promise<THistoryRow[]> {
      const rows = await prisma.outreachHistory.findMany({
        where: { userId, status: { in: VISIBLE_STATUSES } },
        orderBy: NEWEST_FIRST,
        take: limit,
        select: historyRowSelect,
      });
      return rows.map(toHistoryRow);
    },

    async list(userId: string, input: HistoryListInput): Promise<THistoryPage> {
      const and: Prisma.OutreachHistoryWhereInput[] = [{ userId, status: { in: VISIBLE_STATUSES } }];
      if (input.channel) and.push({ channel: input.channel });
      if (input.from) and.push({ sentAt: { gte: input.from } });
      if (input.to) and.push({ sentAt: { lte: input.to } });
      const q = input.query?.trim();
      if (q) {
        const like = containsInsensitive(kind, q);
        and.push({
          OR: [{ recipientName: like }, { recipientEmail: like }, { companyName: like }, { jobTitle: like }],
        });
      }
      if (input.cursor) {
        const c = decodeCursor(input.cursor);
        and.push({ OR: [{ sentAt: { lt: c.sentAt } }, { sentAt: c.sentAt, id: { lt: c.id } }] });
      }
      const rows = await prisma.outreachHistory.findMany({
        where: { AND: and },
        orderBy: NEWEST_FIRST,
        take: input.limit + 1,
        select: historyRowSelect,
      });
      const items = rows.slice(0, input.limit).map(toHistoryRow);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
    },

    /** Every earlier send to this person (LinkedIn URL or e-mail) or about this job, newest first. */
    async forRecipient(userId: string, input: ForRecipientInput): Promise<THistoryRow[]> {
      const or: Prisma.OutreachHistoryWhereInput[] = [];
      if (input.linkedinUrl) or.push({ recipientLinkedinUrl: input.linkedinUrl });
      if (input.email) or.push({ recipientEmail: input.email });
      if (input.jobUrl) or.push({ jobUrl: input.jobUrl });
      if (or.length === 0) return [];
      const rows = await prisma.outreachHistory.findMany({
        where: { userId, status: { in: VISIBLE_STATUSES }, OR: or },
        orderBy: NEWEST_FIRST,
        take: FOR_RECIPIENT_MAX,
        select: historyRowSelect,
      });
      return rows.map(toHistoryRow);
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
