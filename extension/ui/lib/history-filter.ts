// The History view's filter as the user sets it (form values), and the query it becomes.
import type { HistoryQuery } from '@/data';
import type { TChannel } from '@@/shared/schemas/history';

export interface HistoryFilter {
  query: string;
  channel: TChannel | 'all';
  /** inclusive, 'YYYY-MM-DD' in local time, '' for open */
  from: string;
  to: string;
}

export const EMPTY_FILTER: HistoryFilter = { query: '', channel: 'all', from: '', to: '' };

/** Start of the local day for 'YYYY-MM-DD', or null when empty / not a date. */
export function dayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isNaN(t) ? null : t;
}

/** The days as a time range (the whole 'to' day included); a date that is not one is ignored. */
export function toHistoryQuery(f: HistoryFilter): HistoryQuery {
  const toStart = dayStart(f.to);
  return {
    text: f.query,
    channel: f.channel,
    from: dayStart(f.from),
    to: toStart === null ? null : new Date(toStart).setDate(new Date(toStart).getDate() + 1),
  };
}

export function isFiltering(q: HistoryQuery): boolean {
  return q.text.trim() !== '' || q.channel !== 'all' || q.from !== null || q.to !== null;
}
