// A fixture's clock ("now" and the time zone it was read in), so its relative day headings
// ("Today", "Monday") read the same in every run and every browser.
import type { ReadClock } from './message-times';

export interface FixtureClock {
  /** ISO instant the page is read at */
  now: string;
  utcOffsetMinutes: number;
}

export function readClockOf(fixture: { clock?: FixtureClock }): ReadClock {
  if (!fixture.clock) return {};
  return { now: Date.parse(fixture.clock.now), utcOffsetMinutes: fixture.clock.utcOffsetMinutes };
}
