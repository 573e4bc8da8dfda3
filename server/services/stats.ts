import type { TStats } from '../../shared/schemas/history';
import type { Database } from '../db/client';
import type { HistoryService } from './history';

const DAY_MS = 24 * 60 * 60 * 1000;

export function createStatsService(deps: { db: Database; history: HistoryService }) {
  const prisma = deps.db.prisma;
  return {
    /** Totals come from the counters kept in step with history; last7Days counts sent rows. */
    async get(userId: string, now = new Date()): Promise<TStats> {
      const since = new Date(now.getTime() - 7 * DAY_MS);
      const quick = await deps.db.fast?.stats(userId, since);
      const [counters, last7Days, latest] = await Promise.all([
        quick ? quick.counters : prisma.userStats.findUnique({ where: { userId } }),
        quick
          ? quick.sentSince
          : prisma.outreachHistory.count({
              where: { userId, status: 'sent', sentAt: { gte: since } },
            }),
        deps.history.latest(userId, 20),
      ]);
      return {
        totals: {
          all: counters?.totalAll ?? 0,
          email: counters?.totalEmail ?? 0,
          linkedin: counters?.totalLinkedin ?? 0,
          both: counters?.totalBoth ?? 0,
        },
        last7Days,
        latest,
      };
    },

    /** The same totals recomputed from history (for checks and repairs). */
    async recompute(userId: string): Promise<TStats['totals']> {
      const groups = await prisma.outreachHistory.groupBy({
        by: ['channel'],
        where: { userId, status: 'sent' },
        _count: { _all: true },
      });
      const n = (c: string) => groups.find((g) => g.channel === c)?._count._all ?? 0;
      return {
        all: n('email') + n('linkedin') + n('both'),
        email: n('email'),
        linkedin: n('linkedin'),
        both: n('both'),
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
