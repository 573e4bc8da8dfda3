// Pipeline reads and writes for the views (docs/pipeline.md): each person's status, derived
// from this browser's copy of the history and the status the user set on the contact.
import { useLiveQuery } from 'dexie-react-hooks';
import type { Person } from '@@/shared/capture';
import { contactStatus } from '@@/shared/pipeline/status';
import type { TContactStatus } from '@@/shared/schemas/pipeline';
import { db as defaultDb, type ReachlogDb } from '@/db/database';
import { contactIdFor } from '@/db/contacts';
import type { ContactRow, HistoryRowLocal } from '@/db/types';
import { saveContact } from '@/sync/local-writes';
import { getSetting } from '@/db/settings';
import { dueFollowUps, linkedinCapLevel, linkedinSentThisWeek } from '@@/shared/pipeline/follow-ups';
import { replyStats } from '@@/shared/pipeline/reply-stats';

type PersonKey = Pick<Person, 'linkedinUrl' | 'email'>;

/** The keys a history row can be found under: its person's contact id by URL and by e-mail. */
function rowKeys(r: HistoryRowLocal): string[] {
  const keys = [
    contactIdFor({ linkedinUrl: r.recipientLinkedinUrl, email: null }),
    contactIdFor({ linkedinUrl: null, email: r.recipientEmail }),
  ];
  return keys.filter((k): k is string => k !== null);
}

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

/**
 * Sets a person's status by hand (null: back to what the history says). A person written to but
 * never captured gets a contact row for it. Synced like any contact change.
 */
export async function setContactStatus(
  person: Pick<Person, 'name' | 'linkedinUrl' | 'email'>,
  status: TContactStatus | null,
  now: number = Date.now(),
  database: ReachlogDb = defaultDb,
): Promise<void> {
  const id = contactIdFor(person);
  if (!id) throw new Error('This person has neither a LinkedIn profile nor an e-mail address to keep a status on.');
  const current = await database.contacts.get(id);
  const base: ContactRow = current ?? {
    id,
    name: person.name,
    linkedinUrl: person.linkedinUrl,
    email: person.email,
    headline: null,
    title: null,
    company: null,
    location: null,
    jobs: [],
    firstSeenAt: now,
    lastSeenAt: now,
  };
  await saveContact({ ...base, status, statusSetAt: status ? now : null }, database);
}

export interface PipelineSummary {
  due: HistoryRowLocal[];
  linkedinWeek: number;
  cap: number;
  capLevel: 'ok' | 'near' | 'over';
  followUpDays: number;
}

/** Follow-ups due and the LinkedIn week, from this browser's copy (the badge, popup, dashboard, side panel). */
export async function queryPipelineSummary(now: number = Date.now(), database: ReachlogDb = defaultDb): Promise<PipelineSummary> {
  const [history, statuses, followUpDays, cap] = await Promise.all([
    database.history.toArray(),
    queryContactStatuses(database),
    getSetting('followUpDays', database),
    getSetting('linkedinWeeklyCap', database),
  ]);
  const closed = new Set<string>();
  // contact ids are canonical URLs or mailto:…, the keys rows are matched by (rowKeys)
  for (const [id, s] of statuses) if (s !== 'contacted' && s !== 'no-answer') closed.add(id);
  const isClosed = (r: HistoryRowLocal) => rowKeys(r).some((k) => closed.has(k));
  const due = dueFollowUps(history, { now, afterDays: followUpDays }).filter(
    (r) => !isClosed(r as HistoryRowLocal),
  ) as HistoryRowLocal[];
  const linkedinWeek = linkedinSentThisWeek(history, now);
  return { due, linkedinWeek, cap, capLevel: linkedinCapLevel(linkedinWeek, cap), followUpDays };
}

export function usePipelineSummary(): PipelineSummary | undefined {
  return useLiveQuery(() => queryPipelineSummary(), []);
}

export async function queryReplyStats(now: number = Date.now(), database: ReachlogDb = defaultDb) {
  return replyStats(await database.history.toArray(), { now });
}

export function useReplyStats() {
  return useLiveQuery(() => queryReplyStats(), []);
}
