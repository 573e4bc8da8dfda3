import { describe, expect, it } from 'vitest';
import type { HistoryRowLocal } from '@/db/types';
import { EMPTY_FILTER, dayStart, filterHistory } from './history-filter';

function row(id: number, patch: Partial<HistoryRowLocal> = {}): HistoryRowLocal {
  return {
    id,
    recipientName: `Person ${id}`,
    recipientEmail: null,
    recipientLinkedinUrl: null,
    jobTitle: null,
    companyName: null,
    jobUrl: null,
    channel: 'email',
    emailSubject: null,
    emailBody: null,
    linkedinMessage: null,
    status: 'sent',
    error: null,
    sentAt: new Date(2026, 10, 20, 12).getTime(),
    createdAt: 0,
    draftId: null,
    repliedAt: null,
    followUpOf: null,
    ...patch,
  };
}

describe('filterHistory', () => {
  const rows = [
    row(1, { recipientName: 'Marisol Quintero', companyName: 'Brightline Freight', channel: 'email' }),
    row(2, { recipientName: 'Ingrid Solberg', companyName: 'Vesper Robotics', channel: 'linkedin' }),
    row(3, {
      recipientName: 'Raj Venkataraman',
      jobTitle: 'Staff Engineer',
      channel: 'both',
      sentAt: new Date(2026, 10, 25, 23, 59).getTime(),
    }),
    row(4, {
      recipientEmail: 'ops@brightline.example',
      channel: 'email',
      sentAt: new Date(2026, 10, 26, 0, 0).getTime(),
    }),
  ];

  it('returns every row (a copy) for the empty filter', () => {
    const out = filterHistory(rows, EMPTY_FILTER);
    expect(out).toEqual(rows);
    expect(out).not.toBe(rows);
  });

  it('matches all words of the query, case-insensitively, across fields', () => {
    expect(filterHistory(rows, { ...EMPTY_FILTER, query: 'brightline' }).map((r) => r.id)).toEqual([1, 4]);
    expect(filterHistory(rows, { ...EMPTY_FILTER, query: 'MARISOL freight' }).map((r) => r.id)).toEqual([1]);
    expect(filterHistory(rows, { ...EMPTY_FILTER, query: 'marisol vesper' })).toEqual([]);
    expect(filterHistory(rows, { ...EMPTY_FILTER, query: 'staff' }).map((r) => r.id)).toEqual([3]);
  });

  it('filters by channel', () => {
    expect(filterHistory(rows, { ...EMPTY_FILTER, channel: 'linkedin' }).map((r) => r.id)).toEqual([2]);
    expect(filterHistory(rows, { ...EMPTY_FILTER, channel: 'both' }).map((r) => r.id)).toEqual([3]);
  });

  it('treats from/to as whole local days', () => {
    const on25 = filterHistory(rows, { ...EMPTY_FILTER, from: '2026-11-25', to: '2026-11-25' });
    expect(on25.map((r) => r.id)).toEqual([3]);
    expect(filterHistory(rows, { ...EMPTY_FILTER, from: '2026-11-26' }).map((r) => r.id)).toEqual([4]);
    expect(filterHistory(rows, { ...EMPTY_FILTER, to: '2026-11-24' }).map((r) => r.id)).toEqual([1, 2]);
  });

  it('ignores a date that is not YYYY-MM-DD', () => {
    expect(dayStart('26/11/2026')).toBeNull();
    expect(filterHistory(rows, { ...EMPTY_FILTER, from: 'nonsense' })).toHaveLength(4);
  });
});
