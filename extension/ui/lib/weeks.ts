// Sends per week for the stats chart. Weeks start on Monday, local time.

export interface WeekBucket {
  /** local midnight of the week's Monday */
  start: number;
  count: number;
}

export function weekStart(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  const sinceMonday = (d.getDay() + 6) % 7;
  d.setDate(d.getDate() - sinceMonday);
  return d.getTime();
}

/**
 * The last `weeks` weeks up to the one holding `now`, oldest first, zero-filled, from counts per
 * hour (each hour goes to the week its start falls in: exact wherever the UTC offset is whole hours).
 */
export function bucketByWeek(
  hours: Iterable<{ at: number; count: number }>,
  weeks: number,
  now: number = Date.now(),
): WeekBucket[] {
  const buckets: WeekBucket[] = [];
  let start = weekStart(now);
  for (let i = 0; i < weeks; i++) {
    buckets.unshift({ start, count: 0 });
    const d = new Date(start);
    d.setDate(d.getDate() - 7); // setDate, not -7*86400000: a DST change makes a week 167 or 169 hours
    start = d.getTime();
  }
  const index = new Map(buckets.map((b, i) => [b.start, i]));
  const first = buckets[0]?.start ?? 0;
  for (const { at, count } of hours) {
    if (at < first) continue;
    const i = index.get(weekStart(at));
    if (i !== undefined) buckets[i]!.count += count;
  }
  return buckets;
}
