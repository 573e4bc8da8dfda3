// The times a message list shows, read into instants. LinkedIn writes them for people, not
// machines: a day heading ("Today", "Monday", "Dec 6", "6 déc. 2025") above the first message of
// each day and a clock ("10:15 AM", "14:05") on each message group. Relative headings need the
// reader's clock, which the caller passes in (the reader itself stays a pure function).
import { LABELS } from './selectors';

/** When "now" is for the labels that depend on it, and how local wall-clock time maps to UTC. */
export interface ReadClock {
  /** epoch ms; without it, relative headings ("Today", "Monday", a date without a year) stay unknown */
  now?: number;
  /** minutes east of UTC; absent: the runtime's own time zone (the browser's, as the user sees it) */
  utcOffsetMinutes?: number;
}

export interface Day {
  y: number;
  m: number; // 0-11
  d: number;
}

export interface Clock {
  h: number;
  min: number;
}

/** What one time element says: a day, a clock, both, or an exact instant. */
export interface Stamp {
  day?: Day | 'unknown';
  clock?: Clock;
  instant?: number;
}

function fold(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The wall-clock fields of an instant in the reader's zone. */
function localFields(ms: number, clock: ReadClock): Day {
  if (clock.utcOffsetMinutes === undefined) {
    const d = new Date(ms);
    return { y: d.getFullYear(), m: d.getMonth(), d: d.getDate() };
  }
  const d = new Date(ms + clock.utcOffsetMinutes * 60_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate() };
}

/** Local wall-clock time → epoch ms (null when the fields are not a real date). */
export function toInstant(day: Day, time: Clock, clock: ReadClock): number | null {
  const check = new Date(Date.UTC(day.y, day.m, day.d));
  if (check.getUTCMonth() !== day.m || check.getUTCDate() !== day.d) return null;
  if (clock.utcOffsetMinutes === undefined) {
    return new Date(day.y, day.m, day.d, time.h, time.min).getTime();
  }
  return Date.UTC(day.y, day.m, day.d, time.h, time.min) - clock.utcOffsetMinutes * 60_000;
}

function addDays(day: Day, n: number): Day {
  const t = new Date(Date.UTC(day.y, day.m, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate() };
}

const CLOCK = /(?<!\d)(\d{1,2})\s*[:h.]\s*(\d{2})(?!\d)(?:\s*(a\.?\s?m\.?|p\.?\s?m\.?))?/i;

function parseClock(text: string): { clock: Clock; rest: string } | null {
  const m = text.match(CLOCK);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const half = m[3]?.replace(/[^ap]/gi, '').toLowerCase();
  if (half) {
    if (h < 1 || h > 12) return null;
    if (half === 'p' && h !== 12) h += 12;
    if (half === 'a' && h === 12) h = 0;
  }
  if (h > 23 || min > 59) return null;
  return { clock: { h, min }, rest: text.replace(m[0], ' ') };
}

function monthOf(word: string): number | null {
  for (let i = 0; i < LABELS.months.length; i++) {
    if ((LABELS.months[i] as readonly string[]).some((prefix) => word.startsWith(prefix))) return i;
  }
  return null;
}

/** A day heading or the date part of a stamp; 'unknown' when it is a date this reader cannot place. */
function parseDay(folded: string, clock: ReadClock): Day | 'unknown' | null {
  const text = folded.replace(/[,.]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const today = clock.now === undefined ? null : localFields(clock.now, clock);
  if (LABELS.relativeDay.today.some((w) => fold(w) === text)) return today ?? 'unknown';
  if (LABELS.relativeDay.yesterday.some((w) => fold(w) === text))
    return today ? addDays(today, -1) : 'unknown';
  const weekday = LABELS.weekdays.findIndex((names) => (names as readonly string[]).includes(text));
  if (weekday >= 0) {
    if (!today || clock.now === undefined) return 'unknown';
    // A weekday heading names a day of the past week (today and yesterday have their own words).
    const todayWeekday = new Date(Date.UTC(today.y, today.m, today.d)).getUTCDay();
    const back = (todayWeekday - weekday + 7) % 7 || 7;
    return addDays(today, -back);
  }
  const words = text.split(' ').filter((w) => w !== 'de');
  const numbers = words.filter((w) => /^\d+$/.test(w)).map(Number);
  const monthWords = words.filter((w) => /^\p{L}+$/u.test(w));
  const months = monthWords.map(monthOf).filter((m): m is number => m !== null);
  if (numbers.length === 0) return null;
  // Numeric dates ("06/12/2025") read differently by locale: never guessed.
  if (months.length !== 1 || monthWords.length !== 1) return 'unknown';
  const d = numbers.find((n) => n >= 1 && n <= 31);
  const y = numbers.find((n) => n >= 1970 && n <= 9999);
  if (d === undefined || numbers.length > (y === undefined ? 1 : 2)) return 'unknown';
  const m = months[0]!;
  if (y !== undefined) return { y, m, d };
  if (!today) return 'unknown';
  // A date without a year is within the last twelve months.
  const thisYear = { y: today.y, m, d };
  const future = m > today.m || (m === today.m && d > today.d);
  return future ? { ...thisYear, y: today.y - 1 } : thisYear;
}

/** One time element: its `datetime` when it is exact, else its text. */
export function readStamp(datetime: string | null, text: string | null, clock: ReadClock): Stamp | null {
  if (
    datetime &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(datetime.trim())
  ) {
    const instant = Date.parse(datetime.trim());
    if (Number.isFinite(instant)) return { instant };
  }
  const raw = text ?? '';
  if (!raw.trim()) return null;
  const folded = fold(raw);
  const parsedClock = parseClock(folded);
  const day = parseDay(parsedClock ? parsedClock.rest : folded, clock);
  if (!parsedClock && !day) return null;
  const stamp: Stamp = {};
  if (parsedClock) stamp.clock = parsedClock.clock;
  if (day) stamp.day = day;
  return stamp;
}
