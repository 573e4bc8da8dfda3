// Filtering the local history: pure, so it can be tested and timed on 100k rows.
import type { HistoryRowLocal } from '@/db/types';
import type { TChannel } from '@@/shared/schemas/history';

export interface HistoryFilter {
  query: string;
  channel: TChannel | 'all';
  /** inclusive, 'YYYY-MM-DD' in local time, '' for open */
  from: string;
  to: string;
}

export const EMPTY_FILTER: HistoryFilter = { query: '', channel: 'all', from: '', to: '' };

function haystackOf(row: HistoryRowLocal): string {
  return [
    row.recipientName,
    row.recipientEmail,
    row.recipientLinkedinUrl,
    row.companyName,
    row.jobTitle,
    row.emailSubject,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

/**
 * The text a search looks in, lower-cased once per list (a flat array beside the rows: one
 * lookup per filter call, not one per row). Live queries hand out a new array when the table
 * changes, so a stale index is never used.
 */
const indexes = new WeakMap<readonly HistoryRowLocal[], string[]>();
function searchIndex(rows: readonly HistoryRowLocal[]): string[] {
  let index = indexes.get(rows);
  if (!index) {
    index = rows.map(haystackOf);
    indexes.set(rows, index);
  }
  return index;
}

/** Start of the local day for 'YYYY-MM-DD', or null when empty / not a date. */
export function dayStart(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isNaN(t) ? null : t;
}

/** Rows matching every part of the filter; the query matches all its words, anywhere. */
export function filterHistory(rows: readonly HistoryRowLocal[], f: HistoryFilter): HistoryRowLocal[] {
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  const from = dayStart(f.from);
  const toStart = dayStart(f.to);
  const to = toStart === null ? null : toStart + 86_400_000; // the whole 'to' day
  const channel = f.channel;
  if (!words.length && channel === 'all' && from === null && to === null) return rows.slice();
  const hay = words.length ? searchIndex(rows) : null;
  const out: HistoryRowLocal[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (channel !== 'all' && row.channel !== channel) continue;
    if (from !== null && row.sentAt < from) continue;
    if (to !== null && row.sentAt >= to) continue;
    if (hay) {
      const h = hay[i]!;
      let all = true;
      for (const w of words) {
        if (!h.includes(w)) {
          all = false;
          break;
        }
      }
      if (!all) continue;
    }
    out.push(row);
  }
  return out;
}
