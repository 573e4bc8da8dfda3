// Pipeline reads and writes for the views (docs/pipeline.md): each person's status, derived
// from this browser's copy of the history and the status the user set on the contact.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Person } from '@@/shared/capture';
import { contactStatus } from '@@/shared/pipeline/status';
import type { TContactStatus } from '@@/shared/schemas/pipeline';
import { db as defaultDb, type ReachlogDb } from '@/db/database';
import { contactIdFor } from '@/db/contacts';
import type { ContactRow, HistoryRowLocal } from '@/db/types';
import { getSetting } from '@/db/settings';
import { rowContactKeys } from '@/db/follow-up-index';
import { linkedinCapLevel } from '@@/shared/pipeline/follow-ups';
import {
  countsAsLinkedinSend,
  DAY,
  HOUR,
  linkedinHourKey,
  OPEN_KEYS_START,
  openDayKey,
} from '@/db/history-index';
import { replyStats } from '@@/shared/pipeline/reply-stats';

type PersonKey = Pick<Person, 'linkedinUrl' | 'email'>;

/** The keys a history row can be found under: its person's contact id by URL and by e-mail. */
const rowKeys = rowContactKeys;

function personKeys(p: PersonKey): string[] {
  const keys = [contactIdFor({ linkedinUrl: p.linkedinUrl, email: null }), contactIdFor({ linkedinUrl: null, email: p.email })];
  return keys.filter((k): k is string => k !== null);
}

const manualOf = (c: ContactRow | undefined) =>
  c?.status ? { status: c.status, setAt: c.statusSetAt ?? 0 } : null;

/** Every known person's status: contacts, and people written to who were never captured. */
export async function queryContactStatuses(database: ReachlogDb = defaultDb): Promise<Map<string, TContactStatus>> {
  const [contacts, history] = await Promise.all([database.contacts.toArray(), database.history.toArray()]);
  const byKey = new Map<string, HistoryRowLocal[]>();
  for (const r of history) for (const k of rowKeys(r)) byKey.set(k, [...(byKey.get(k) ?? []), r]);
  const out = new Map<string, TContactStatus>();
  for (const c of contacts) {
    const rows = [...new Set(personKeys(c).flatMap((k) => byKey.get(k) ?? []))];
    const s = contactStatus({ manual: manualOf(c), rows });
    if (s) out.set(c.id, s);
  }
  return out;
}

/** One person's status (side panel), with their contact row when there is one. */
export async function queryPersonStatus(
  person: PersonKey,
  database: ReachlogDb = defaultDb,
): Promise<{ status: TContactStatus | null; contact: ContactRow | null }> {
  const id = contactIdFor(person);
  const contact = id ? ((await database.contacts.get(id)) ?? null) : null;
  const keys = new Set(personKeys(person));
  const rows = (
    await Promise.all([
      ...[...keys].filter((k) => !k.startsWith('mailto:')).map((k) => database.history.where('recipientLinkedinUrl').equals(k).toArray()),
      person.email ? database.history.where('recipientEmail').equals(person.email.trim().toLowerCase()).toArray() : [],
    ])
  ).flat();
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  return { status: contactStatus({ manual: manualOf(contact ?? undefined), rows: unique }), contact };
}

export function useContactStatuses(): Map<string, TContactStatus> | undefined {
  return useLiveQuery(() => queryContactStatuses(), []);
}

export function usePersonStatus(person: PersonKey | null) {
  const key = person ? `${person.linkedinUrl ?? ''}|${person.email ?? ''}` : '';
  return useLiveQuery(() => (person ? queryPersonStatus(person) : null), [key]);
}

export interface PipelineSummary {
  /** the oldest follow-ups due, at most DUE_SHOWN of them */
  due: HistoryRowLocal[];
  /** how many follow-ups are due in all */
  dueCount: number;
  linkedinWeek: number;
  cap: number;
  capLevel: 'ok' | 'near' | 'over';
  followUpDays: number;
}

/** Follow-ups the summary lists (the dashboard shows this many; the popup and badge, the count). */
export const DUE_SHOWN = 20;
const WAITING_STATUSES: readonly TContactStatus[] = ['contacted', 'no-answer'];

/** Every history row a contact's status is made of (by its LinkedIn URL and its e-mail), by index. */
async function contactRows(c: ContactRow, database: ReachlogDb): Promise<HistoryRowLocal[]> {
  const found = await Promise.all(
    personKeys(c).map((k) =>
      k.startsWith('mailto:')
        ? database.history.where('recipientEmail').equalsIgnoreCase(k.slice('mailto:'.length)).toArray()
        : database.history.where('recipientLinkedinUrl').equals(k).toArray(),
    ),
  );
  const keys = new Set(personKeys(c));
  // the same match as queryContactStatuses's (contact ids, trimmed and lower-cased e-mail)
  const rows = found.flat().filter((r) => rowKeys(r).some((k) => keys.has(k)));
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/**
 * The contact ids whose status ends the conversation (replied, interviewing, offer, rejected):
 * only contacts with a status set by hand or a reply in their history can have one, and those
 * are found by index (contacts' `status`, the history's `repliedAt`), not by reading everyone.
 */
async function closedContactIds(database: ReachlogDb): Promise<Set<string>> {
  const [manual, replied] = await Promise.all([
    database.contacts.where('status').notEqual('').toArray(),
    database.history.where('repliedAt').notEqual(-1).toArray(),
  ]);
  // a reply's contact: the one with its id, or one whose e-mail it was sent to (a contact with
  // a LinkedIn URL has that as its id, and its e-mail matches rows too)
  const repliedKeys = [...new Set(replied.flatMap(rowKeys))];
  const [byId, ...byEmail] = await Promise.all([
    database.contacts.bulkGet(repliedKeys),
    ...repliedKeys
      .filter((k) => k.startsWith('mailto:'))
      .map((k) => database.contacts.where('email').equalsIgnoreCase(k.slice('mailto:'.length)).toArray()),
  ]);
  const byReply = [...byId, ...byEmail.flat()].filter((c): c is ContactRow => !!c);
  const candidates = [...new Map([...manual, ...byReply].map((c) => [c.id, c])).values()];
  const closed = new Set<string>();
  await Promise.all(
    candidates.map(async (c) => {
      const s = contactStatus({ manual: manualOf(c), rows: await contactRows(c, database) });
      if (s && !WAITING_STATUSES.includes(s)) closed.add(c.id);
    }),
  );
  return closed;
}

/**
 * LinkedIn notes and messages sent in the rolling 7 days up to `now` (linkedinSentThisWeek's
 * rule), from the hourly counters kept with the rows; the two hours the week starts and ends in
 * are counted from their rows.
 */
async function linkedinWeekCount(now: number, database: ReachlogDb): Promise<number> {
  const weekAgo = now - 7 * DAY;
  const firstFull = (Math.floor(weekAgo / HOUR) + 1) * HOUR;
  const lastStart = Math.floor(now / HOUR) * HOUR;
  const inRows = (lo: number, hi: number) =>
    database.history
      .where('sentAt')
      .between(lo, hi, true, true)
      .filter((r) => countsAsLinkedinSend(r) && r.sentAt > weekAgo && r.sentAt <= now && (r.sentAt < firstFull || r.sentAt >= lastStart))
      .count();
  if (firstFull >= lastStart) return inRows(weekAgo, now);
  const [edges, last, hours] = await Promise.all([
    inRows(weekAgo, firstFull),
    inRows(lastStart, now),
    database.historyCounts.where('key').between(linkedinHourKey(firstFull), linkedinHourKey(lastStart)).toArray(),
  ]);
  return edges + last + hours.reduce((n, h) => n + h.count, 0);
}

/**
 * The open sends at or before `at`: the per-day counters of the days before its day, and the
 * open index over its own day only (a count walks its range key by key in IndexedDB).
 */
async function openSendsUpTo(at: number, database: ReachlogDb): Promise<number> {
  const dayStart = Math.floor(at / DAY) * DAY;
  const [days, today] = await Promise.all([
    database.historyCounts.where('key').between(OPEN_KEYS_START, openDayKey(dayStart), true, false).toArray(),
    database.historyOpen.where('sentAt').between(dayStart, at, true, true).count(),
  ]);
  return days.reduce((n, d) => n + d.count, today);
}

/**
 * Follow-ups due and the LinkedIn week, from this browser's copy (the badge, popup, dashboard,
 * side panel). The cost follows what is shown — the open sends (follow-up-index.ts), the people
 * with a reply or a status set, the week's counters — not the history's size; it equals
 * dueFollowUps and linkedinSentThisWeek over the whole history (pipeline-summary.test.ts).
 */
export async function queryPipelineSummary(
  now: number = Date.now(),
  database: ReachlogDb = defaultDb,
  /** how many due sends to list (the notification wants them all: its "each once" needs every id) */
  dueLimit: number = DUE_SHOWN,
): Promise<PipelineSummary> {
  const [followUpDays, cap] = await Promise.all([
    getSetting('followUpDays', database),
    getSetting('linkedinWeeklyCap', database),
  ]);
  // due: now - sentAt >= afterDays (dueFollowUps)
  const cutoff = now - followUpDays * DAY;
  const [closed, linkedinWeek, openCount] = await Promise.all([
    closedContactIds(database),
    linkedinWeekCount(now, database),
    openSendsUpTo(cutoff, database),
  ]);
  // the open sends of closed people, among those old enough
  const closedOpen = new Set(
    (
      await Promise.all(
        [...closed].map((k) =>
          database.historyOpen
            .where('keys')
            .equals(k)
            .filter((o) => o.sentAt <= cutoff)
            .primaryKeys(),
        ),
      )
    ).flat(),
  );
  const old = database.historyOpen
    .where('sentAt')
    .belowOrEqual(cutoff)
    .filter((o) => !closedOpen.has(o.id));
  const dueIds = await (Number.isFinite(dueLimit) ? old.limit(dueLimit) : old).primaryKeys();
  const due = (await database.history.bulkGet(dueIds)).filter((r): r is HistoryRowLocal => !!r);
  return {
    due,
    dueCount: openCount - closedOpen.size,
    linkedinWeek,
    cap,
    capLevel: linkedinCapLevel(linkedinWeek, cap),
    followUpDays,
  };
}

export function usePipelineSummary(): PipelineSummary | undefined {
  return useLiveQuery(() => queryPipelineSummary(), []);
}

/**
 * One person's send that is due a follow-up, the oldest (the side panel's "Follow-up due"):
 * their open sends by index, whatever their place among everyone's — the summary lists only the
 * oldest DUE_SHOWN — and none while their status closes the conversation.
 */
export async function queryFollowUpDueFor(
  person: PersonKey,
  now: number = Date.now(),
  database: ReachlogDb = defaultDb,
): Promise<HistoryRowLocal | null> {
  const cutoff = now - (await getSetting('followUpDays', database)) * DAY;
  const ids = new Set(
    (
      await Promise.all(
        personKeys(person).map((k) =>
          database.historyOpen
            .where('keys')
            .equals(k)
            .filter((o) => o.sentAt <= cutoff)
            .primaryKeys(),
        ),
      )
    ).flat(),
  );
  if (ids.size === 0) return null;
  const { status } = await queryPersonStatus(person, database);
  if (status && !WAITING_STATUSES.includes(status)) return null;
  const rows = (await database.history.bulkGet([...ids])).filter((r): r is HistoryRowLocal => !!r);
  return rows.sort((a, b) => a.sentAt - b.sentAt)[0] ?? null;
}

export function useFollowUpDueFor(person: PersonKey | null): HistoryRowLocal | null | undefined {
  const key = person ? `${person.linkedinUrl ?? ''}|${person.email ?? ''}` : '';
  return useLiveQuery(() => (person ? queryFollowUpDueFor(person) : null), [key]);
}

export async function queryReplyStats(now: number = Date.now(), database: ReachlogDb = defaultDb) {
  return replyStats(await database.history.toArray(), { now });
}

export function useReplyStats() {
  return useLiveQuery(() => queryReplyStats(), []);
}
