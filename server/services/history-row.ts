// The one place that turns an outreach_history row into the API's HistoryRow. Its columns and
// types come from ZHistoryRow (shared/schemas/history.ts).
import {
  HISTORY_ROW_FIELDS,
  type TChannel,
  type THistoryRow,
  type THistoryStatus,
} from '../../shared/schemas/history';

/** Explicit select: exactly the columns the API returns. */
export const historyRowSelect = Object.fromEntries(HISTORY_ROW_FIELDS.map((f) => [f, true])) as {
  [K in keyof THistoryRow]: true;
};

/** Rows in these states are visible; 'pending' (a send in flight) never leaves the server. */
export const VISIBLE_STATUSES: THistoryStatus[] = ['sent', 'failed'];

/** VISIBLE_STATUSES as an SQL list, for the raw statements (sqlite-fast-path.ts, sync-pull-sqlite.ts). */
export const VISIBLE_STATUSES_SQL = VISIBLE_STATUSES.map((s) => `'${s}'`).join(', ');

/** The user_stats counter (a UserStats field) a sent row of each channel adds one to, besides totalAll. */
export const STATS_FIELD = { email: 'totalEmail', linkedin: 'totalLinkedin', both: 'totalBoth' } as const;

/** The row as the database returns it: the same fields, with channel and status as plain text. */
export type HistoryRecord = Omit<THistoryRow, 'channel' | 'status'> & { channel: string; status: string };

export function toHistoryRow(r: HistoryRecord): THistoryRow {
  const row = {} as Record<string, unknown>;
  for (const f of HISTORY_ROW_FIELDS) row[f] = r[f] ?? null;
  return { ...(row as THistoryRow), channel: r.channel as TChannel, status: r.status as THistoryStatus };
}
