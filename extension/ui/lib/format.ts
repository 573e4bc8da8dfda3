// How times, names and people are written everywhere in the views.

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const yearDayFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "2:45 PM" today (as the original table), "Nov 26, 2:45 PM" this year, "Nov 26, 2025" before. */
export function formatAttemptTime(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const n = new Date(now);
  if (sameDay(d, n)) return timeFmt.format(d);
  if (d.getFullYear() === n.getFullYear()) return `${dayFmt.format(d)}, ${timeFmt.format(d)}`;
  return yearDayFmt.format(d);
}

export function formatFull(ms: number): string {
  return fullFmt.format(new Date(ms));
}

export function formatDay(ms: number): string {
  return yearDayFmt.format(new Date(ms));
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function formatAgo(ms: number, now: number = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  return formatAttemptTime(ms, now);
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** A client-made id for drafts and templates (the server accepts 8–64 of [A-Za-z0-9_-]). */
export function newId(): string {
  return crypto.randomUUID();
}
