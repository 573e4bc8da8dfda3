import { describe, expect, it } from 'vitest';
import { readStamp, toInstant, type ReadClock } from './message-times';

// Wednesday 2 December 2026, 12:00 UTC, read in UTC+1.
const CLOCK: ReadClock = { now: Date.parse('2026-12-02T12:00:00Z'), utcOffsetMinutes: 60 };
const at = (heading: string, time: string) => {
  const day = readStamp(null, heading, CLOCK)?.day;
  const clock = readStamp(null, time, CLOCK)?.clock;
  if (!day || day === 'unknown' || !clock) return null;
  const ms = toInstant(day, clock, CLOCK);
  return ms === null ? null : new Date(ms).toISOString();
};

describe('message times', () => {
  it.each([
    ['Today', '4:05 PM', '2026-12-02T15:05:00.000Z'],
    ['Aujourd’hui', '09:15', '2026-12-02T08:15:00.000Z'],
    ['Heute', '08:02', '2026-12-02T07:02:00.000Z'],
    ['Hoy', '9:05 a. m.', '2026-12-02T08:05:00.000Z'],
    ['Yesterday', '12:30 AM', '2026-11-30T23:30:00.000Z'],
    ['gestern', '17:45', '2026-12-01T16:45:00.000Z'],
    ['Monday', '12:00 PM', '2026-11-30T11:00:00.000Z'],
    ['mercredi', '10:00', '2026-11-25T09:00:00.000Z'],
    ['Dec 6', '10:15 AM', '2025-12-06T09:15:00.000Z'],
    ['Nov 24', '11:20 AM', '2026-11-24T10:20:00.000Z'],
    ['12 nov.', '14:05', '2026-11-12T13:05:00.000Z'],
    ['6. Dez. 2024', '7.30', '2024-12-06T06:30:00.000Z'],
    ['6 de dic. de 2025', '6:20 p. m.', '2025-12-06T17:20:00.000Z'],
    ['juil. 3', '10:00', '2026-07-03T09:00:00.000Z'],
  ])('%s %s', (heading, time, iso) => {
    expect(at(heading, time)).toBe(iso);
  });

  it('numeric, impossible or unknown dates are not guessed', () => {
    expect(readStamp(null, '06/12/2025', CLOCK)?.day).toBe('unknown');
    expect(at('Feb 30, 2026', '10:00')).toBeNull();
    expect(readStamp(null, 'Seen', CLOCK)).toBeNull();
    expect(readStamp(null, '25:10', CLOCK)).toBeNull();
  });

  it('relative headings need a clock; an exact datetime wins over the text', () => {
    expect(readStamp(null, 'Today', {})?.day).toBe('unknown');
    expect(readStamp('2026-12-01T15:00:00.000Z', 'Yesterday', {})).toEqual({
      instant: Date.parse('2026-12-01T15:00:00.000Z'),
    });
    expect(readStamp(null, 'Dec 6, 2025, 10:15 AM', {})).toEqual({
      day: { y: 2025, m: 11, d: 6 },
      clock: { h: 10, min: 15 },
    });
  });
});
