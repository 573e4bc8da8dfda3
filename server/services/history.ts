// Reading history. Every query is scoped by user_id and hides in-flight ('pending') rows.
import type { z } from 'zod';
import type {
  THistoryPage,
  THistoryRow,
  ZForRecipientInput,
  ZHistoryListInput,
} from '../../shared/schemas/history';
import { containsInsensitive, type Database } from '../db/client';
import { Prisma } from '../db/generated/sqlite/client';
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
  const { prisma, kind, fast } = deps.db;

  /** Ids of the user's rows whose name, e-mail, company or title contain `q` literally (newest 10 000). */
  async function idsMatchingLiterally(userId: string, q: string): Promise<number[]> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE.
    const like = Prisma.raw(kind === 'postgres' ? 'ILIKE' : 'LIKE');
    const esc = Prisma.raw(`ESCAPE '\\'`);
    const rows = await prisma.$queryRaw<{ id: number }[]>`
      SELECT id FROM outreach_history
      WHERE user_id = ${userId}
        AND (recipient_name ${like} ${pattern} ${esc} OR recipient_email ${like} ${pattern} ${esc}
          OR company_name ${like} ${pattern} ${esc} OR job_title ${like} ${pattern} ${esc})
      ORDER BY sent_at DESC, id DESC
      LIMIT 10000`;
    return rows.map((r) => Number(r.id));
  }

  return {
    async latest(userId: string, limit = 20): Promise<THistoryRow[]> {
      const quick = fast?.latest(userId, limit);
      if (quick) return quick;
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
      if (q && /[%_\\]/.test(q)) {
        // Prisma's `contains` hands % and _ to LIKE unescaped on SQLite, where they would act as
        // wildcards; such rare queries go through an escaped LIKE of our own.
        and.push({ id: { in: await idsMatchingLiterally(userId, q) } });
      } else if (q) {
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
