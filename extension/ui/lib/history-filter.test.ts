import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, dayStart, isFiltering, toHistoryQuery } from './history-filter';

describe('the History filter', () => {
  it('treats from/to as whole local days', () => {
    const q = toHistoryQuery({ ...EMPTY_FILTER, from: '2026-11-25', to: '2026-11-25' });
    expect(q.from).toBe(new Date(2026, 10, 25).getTime());
    expect(q.to).toBe(new Date(2026, 10, 26).getTime());
  });

  it('ends the last day at the next local midnight across a daylight-saving change', () => {
    const q = toHistoryQuery({ ...EMPTY_FILTER, to: '2026-10-25' });
    expect(q.to).toBe(new Date(2026, 9, 26).getTime());
  });

  it('ignores a date that is not YYYY-MM-DD', () => {
    expect(dayStart('26/11/2026')).toBeNull();
    expect(toHistoryQuery({ ...EMPTY_FILTER, from: 'nonsense' })).toEqual({
      text: '',
      channel: 'all',
      from: null,
      to: null,
    });
  });

  it('says whether anything is filtered', () => {
    expect(isFiltering(toHistoryQuery(EMPTY_FILTER))).toBe(false);
    expect(isFiltering(toHistoryQuery({ ...EMPTY_FILTER, query: '  ' }))).toBe(false);
    expect(isFiltering(toHistoryQuery({ ...EMPTY_FILTER, channel: 'email' }))).toBe(true);
  });
});
