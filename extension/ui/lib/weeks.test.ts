import { describe, expect, it } from 'vitest';
import { bucketByWeek, weekStart } from './weeks';

describe('week bucketing', () => {
  it('starts weeks on Monday at local midnight', () => {
    const thu = new Date(2026, 10, 26, 15, 30).getTime(); // Thursday
    expect(new Date(weekStart(thu))).toEqual(new Date(2026, 10, 23));
    const mon = new Date(2026, 10, 23, 0, 0).getTime();
    expect(weekStart(mon)).toBe(mon);
    const sun = new Date(2026, 10, 29, 23, 59).getTime();
    expect(new Date(weekStart(sun))).toEqual(new Date(2026, 10, 23));
  });

  it('counts into zero-filled weeks, oldest first, dropping older sends', () => {
    const now = new Date(2026, 10, 26, 12).getTime();
    const times = [
      new Date(2026, 10, 26, 9).getTime(),
      new Date(2026, 10, 23, 0, 0).getTime(),
      new Date(2026, 10, 22, 23, 59).getTime(), // the Sunday before: previous week
      new Date(2026, 10, 2).getTime(), // 4 weeks back
      new Date(2025, 0, 1).getTime(), // long before: not shown
    ];
    const b = bucketByWeek(
      times.map((at) => ({ at, count: 1 })),
      4,
      now,
    );
    expect(b.map((x) => new Date(x.start))).toEqual([
      new Date(2026, 10, 2),
      new Date(2026, 10, 9),
      new Date(2026, 10, 16),
      new Date(2026, 10, 23),
    ]);
    expect(b.map((x) => x.count)).toEqual([1, 0, 1, 2]);
  });

  it('adds up counts per hour', () => {
    const now = new Date(2026, 10, 26, 12).getTime();
    const b = bucketByWeek(
      [
        { at: new Date(2026, 10, 24, 9).getTime(), count: 5 },
        { at: new Date(2026, 10, 26, 10).getTime(), count: 2 },
        { at: new Date(2026, 10, 20, 10).getTime(), count: 7 },
      ],
      2,
      now,
    );
    expect(b.map((x) => x.count)).toEqual([7, 7]);
  });

  it('has a bucket per week across a daylight-saving change', () => {
    const b = bucketByWeek([], 12, new Date(2026, 10, 26).getTime());
    expect(b).toHaveLength(12);
    for (const x of b) expect(new Date(x.start).getDay()).toBe(1);
  });
});
