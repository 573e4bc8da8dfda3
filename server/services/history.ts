// Reading history. Every query is scoped by user_id and hides in-flight ('pending') rows.
import type { z } from 'zod';
import type {
  THistoryPage,
  THistoryRow,
  ZForRecipientInput,
  ZHistoryListInput,
} from '../../shared/schemas/history';
import { containsInsensitive, type Database } from '../db/client';
// Provider-neutral SQL building (the generated clients re-export these same functions).
import { join, raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { Prisma } from '../db/generated/sqlite/client';
import { sqliteDateTime } from '../db/sqlite-fast-path';
import { decodeCursor, encodeCursor } from './history-cursor';
import { historyRowSelect, toHistoryRow, VISIBLE_STATUSES } from './history-row';

export type HistoryListInput = z.output<typeof ZHistoryListInput>;
export type ForRecipientInput = z.output<typeof ZForRecipientInput>;

const NEWEST_FIRST = [
  { sentAt: 'desc' },
  { id: 'desc' },
] satisfies Prisma.OutreachHistoryOrderByWithRelationInput[];
const FOR_RECIPIENT_MAX = 200;

/** `limit + 1` rows fetched → one page and, when there was one more, the cursor after it. */
function page(rows: Parameters<typeof toHistoryRow>[0][], limit: number): THistoryPage {
  const items = rows.slice(0, limit).map(toHistoryRow);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export function createHistoryService(deps: { db: Database }) {
  const { prisma, kind, fast } = deps.db;

  /** A DateTime as a raw-query parameter: the SQLite adapter's stored text, a Date for pg. */
  const dateParam = (d: Date) => (kind === 'sqlite' ? sqliteDateTime(d) : d);

  /**
   * One page of ids (newest first, `take` of them) of the user's visible rows matching the
   * filters, whose name, e-mail, company or title contain `q` literally. Prisma's `contains`
   * hands % and _ to LIKE unescaped on SQLite, where they would act as wildcards; so queries
   * holding them run this escaped LIKE, with the page's filters and cursor in the same
   * statement (no cap on how many rows may match).
   */
  async function pageIdsMatchingLiterally(
    userId: string,
    q: string,
    input: HistoryListInput,
    take: number,
  ): Promise<number[]> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE.
    const like = raw(kind === 'postgres' ? 'ILIKE' : 'LIKE');
    const esc = raw(`ESCAPE '\\'`);
    const conds: Sql[] = [
      sql`user_id = ${userId}`,
      sql`status IN (${join(VISIBLE_STATUSES)})`,
      sql`(recipient_name ${like} ${pattern} ${esc} OR recipient_email ${like} ${pattern} ${esc}
          OR company_name ${like} ${pattern} ${esc} OR job_title ${like} ${pattern} ${esc})`,
    ];
    if (input.channel) conds.push(sql`channel = ${input.channel}`);
    if (input.from) conds.push(sql`sent_at >= ${dateParam(input.from)}`);
    if (input.to) conds.push(sql`sent_at <= ${dateParam(input.to)}`);
    if (input.cursor) {
      const c = decodeCursor(input.cursor);
      const at = dateParam(c.sentAt);
      conds.push(sql`(sent_at < ${at} OR (sent_at = ${at} AND id < ${c.id}))`);
    }
    const rows = await prisma.$queryRaw<{ id: number | bigint }[]>(
      sql`SELECT id FROM outreach_history WHERE ${join(conds, ' AND ')}
          ORDER BY sent_at DESC, id DESC LIMIT ${take}`,
    );
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
        // The page is chosen by the raw query; Prisma only reads those rows.
        const ids = await pageIdsMatchingLiterally(userId, q, input, input.limit + 1);
        const found = await prisma.outreachHistory.findMany({
          where: { userId, id: { in: ids } },
          orderBy: NEWEST_FIRST,
          select: historyRowSelect,
        });
        return page(found, input.limit);
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
      return page(rows, input.limit);
    },

    /** Every earlier send to this person (LinkedIn URL or e-mail) or about this job, newest first. */
    async forRecipient(userId: string, input: ForRecipientInput): Promise<THistoryRow[]> {
      const or: Prisma.OutreachHistoryWhereInput[] = [];
      if (input.linkedinUrl) or.push({ recipientLinkedinUrl: input.linkedinUrl });
      if (input.email) or.push({ recipientEmail: input.email });
      if (input.jobUrl) or.push({ jobUrl: input.jobUrl });
      if (or.length === 0) return [];
      const quick = fast?.forRecipient(userId, input, FOR_RECIPIENT_MAX);
      if (quick) return quick;
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
