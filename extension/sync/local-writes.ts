// Every change the user makes to synced data: written to Dexie at once (works offline, nothing
// typed is lost when a view closes) and queued as a mutation in the same transaction, which the
// background's sync engine pushes. Views and the background call these; nothing else writes
// drafts, contacts, templates or the synced settings.
import type { Capture, Person } from '@@/shared/capture';
import { mergeItemData } from '@@/shared/sync-item-merge';
import type { TContactStatus } from '@@/shared/schemas/pipeline';
import { z } from 'zod';
import { OUTREACH_FIELDS, ZOutreachContent, type TOutreachContent } from '@@/shared/schemas/outreach-content';
import {
  PROFILE_ITEM_ID,
  ZContactCorrections,
  type TContactCorrections,
  type TContactData,
  type TCorrectableField,
  type TTemplateData,
} from '@@/shared/schemas/sync';
import { db as defaultDb, type ReachlogDb } from '@/db/database';
import { contactIdFor } from '@/db/contacts';
import { getSetting, setSetting } from '@/db/settings';
import type { ContactJob, ContactRow, DraftPatch, DraftRow, TemplateRow } from '@/db/types';
import { applyDraftMutation, draftTarget, itemTarget } from './local-apply';
import { queueMutation, queueTables } from './mutation-queue';

export function newDraftId(): string {
  return crypto.randomUUID();
}

function draftTables(database: ReachlogDb) {
  return [database.drafts, ...queueTables(database)];
}

/**
 * Saves a view's edit of a draft (only the fields that changed travel, each named, so edits of
 * other fields in another browser merge). Creates the draft when the id is new. A deleted draft
 * stays deleted (null): restoreDraft brings it back, on the user's word.
 */
export async function saveDraft(
  patch: DraftPatch,
  database: ReachlogDb = defaultDb,
): Promise<DraftRow | null> {
  return database.transaction('rw', draftTables(database), async () => {
    const now = Date.now();
    const current = (await database.drafts.get(patch.id)) ?? null;
    if (current?.deleted) return null;
    const fields: Partial<TOutreachContent> = {};
    for (const f of OUTREACH_FIELDS) {
      if (f in patch && patch[f] !== undefined && (!current || patch[f] !== current[f]))
        (fields as Record<string, unknown>)[f] = patch[f];
    }
    if (current && Object.keys(fields).length === 0) return current;
    // the server's own limits, checked here: a change it would refuse is refused now, with the
    // reason, instead of being queued and dropped there
    const checked = ZOutreachContent.partial().safeParse(fields);
    if (!checked.success) throw new Error(z.prettifyError(checked.error));
    const m = await queueMutation(
      database,
      'draft.put',
      { id: patch.id, baseVersion: current?.version ?? 0, fields },
      draftTarget(patch.id),
      now,
    );
    const next = applyDraftMutation(current, m, now)!;
    // strictly increasing, so "edited last" orderings stay right within one millisecond
    next.updatedAt = Math.max(now, (current?.updatedAt ?? 0) + 1);
    next.syncError = null;
    await database.drafts.put(next);
    return next;
  });
}

/** A new draft with a fresh client-made id. */
export async function createDraft(
  init: Omit<DraftPatch, 'id'>,
  database: ReachlogDb = defaultDb,
): Promise<DraftRow> {
  const row = await saveDraft({ ...init, id: newDraftId() }, database);
  if (!row) throw new Error('A new draft cannot be deleted');
  return row;
}

/** Deletes a draft here and, once pushed, everywhere (history is never touched). */
export async function deleteDraft(id: string, database: ReachlogDb = defaultDb): Promise<void> {
  await database.transaction('rw', draftTables(database), async () => {
    const current = await database.drafts.get(id);
    if (!current || current.deleted) return;
    await queueMutation(database, 'draft.delete', { id, baseVersion: current.version }, draftTarget(id));
    await database.drafts.put({
      ...current,
      deleted: 1,
      updatedAt: Math.max(Date.now(), current.updatedAt + 1),
    });
  });
}

/**
 * Brings back a draft deleted (in another browser) with the text this browser shows: the stored
 * draft, or `shown` — what an open editor holds that could not be saved after the delete.
 */
export async function restoreDraft(
  id: string,
  database: ReachlogDb = defaultDb,
  shown?: Partial<TOutreachContent>,
): Promise<void> {
  await database.transaction('rw', draftTables(database), async () => {
    const current = await database.drafts.get(id);
    if (!current) return;
    const fields = {
      ...(Object.fromEntries(OUTREACH_FIELDS.map((f) => [f, current[f]])) as TOutreachContent),
      ...ZOutreachContent.partial().parse(shown ?? {}),
    };
    const m = await queueMutation(database, 'draft.restore', { id, fields }, draftTarget(id));
    await database.drafts.put({ ...applyDraftMutation(current, m, Date.now())!, updatedAt: Date.now() });
  });
}

/** Settles a kept edit: `restore` puts it back as the field's value (or undeletes), else drops it. */
export async function resolveDraftConflict(
  id: string,
  conflictId: string,
  restore: boolean,
  database: ReachlogDb = defaultDb,
): Promise<void> {
  await database.transaction('rw', draftTables(database), async () => {
    const current = await database.drafts.get(id);
    if (!current?.conflicts.some((c) => c.id === conflictId)) return;
    const m = await queueMutation(database, 'draft.resolve', { id, conflictId, restore }, draftTarget(id));
    await database.drafts.put(applyDraftMutation(current, m, Date.now())!);
  });
}

// ---- templates ----

function templateData(t: TemplateRow): TTemplateData {
  return {
    name: t.name,
    kind: t.kind,
    subject: t.subject,
    body: t.body,
    builtIn: t.builtIn,
    updatedAt: t.updatedAt,
  };
}

export async function saveTemplate(t: TemplateRow, database: ReachlogDb = defaultDb): Promise<void> {
  await database.transaction('rw', [database.templates, ...queueTables(database)], async () => {
    const row = { ...t, updatedAt: Date.now() };
    await database.templates.put(row);
    await queueMutation(
      database,
      'item.put',
      { kind: 'template', id: t.id, patch: templateData(row) },
      itemTarget('template', t.id),
    );
  });
}

export async function deleteTemplate(id: string, database: ReachlogDb = defaultDb): Promise<void> {
  await database.transaction('rw', [database.templates, ...queueTables(database)], async () => {
    await database.templates.delete(id);
    await queueMutation(database, 'item.delete', { kind: 'template', id }, itemTarget('template', id));
  });
}

// ---- settings that follow the account ----

export async function setMyName(name: string, database: ReachlogDb = defaultDb): Promise<void> {
  await database.transaction('rw', queueTables(database), async () => {
    await setSetting('myName', name, database);
    await queueMutation(
      database,
      'item.put',
      { kind: 'settings', id: PROFILE_ITEM_ID, patch: { myName: name } },
      itemTarget('settings', PROFILE_ITEM_ID),
    );
  });
}

/** The follow-up delay and the LinkedIn weekly cap: kept here at once, and synced with the account. */
export async function setPipelineSetting(
  key: 'followUpDays' | 'linkedinWeeklyCap',
  value: number,
  database: ReachlogDb = defaultDb,
): Promise<void> {
  await database.transaction('rw', queueTables(database), async () => {
    await setSetting(key, value, database);
    await queueMutation(
      database,
      'item.put',
      { kind: 'settings', id: PROFILE_ITEM_ID, patch: { [key]: value } },
      itemTarget('settings', PROFILE_ITEM_ID),
    );
  });
}

/**
 * The name for {{myName}} comes from the account: when none was set yet (on any browser: this
 * runs after a complete pull, so a name set elsewhere is here already), the account's name
 * becomes it, and syncs like a typed one. Returns the name adopted, or null.
 */
export async function adoptAccountName(database: ReachlogDb = defaultDb): Promise<string | null> {
  return database.transaction('rw', queueTables(database), async () => {
    const [current, session] = await Promise.all([
      getSetting('myName', database),
      getSetting('session', database),
    ]);
    const name = session?.user.name?.trim();
    if (current.trim() || !name) return null;
    await setMyName(name, database);
    return name;
  });
}

// ---- contacts (captured from LinkedIn pages) ----

function mergeJobs(jobs: ContactJob[], job: ContactJob | null): ContactJob[] {
  if (!job) return jobs;
  return [job, ...jobs.filter((j) => j.jobId !== job.jobId)];
}

/**
 * Records the people of a capture. Known fields are never overwritten by a page that does not
 * show them (null), and the capture's job is added to each person's jobs (newest first). Only
 * what changed is queued for the other browsers.
 */
export async function recordContacts(
  capture: Capture,
  now: number = Date.now(),
  database: ReachlogDb = defaultDb,
): Promise<ContactRow[]> {
  const job: ContactJob | null = capture.job
    ? {
        jobId: capture.job.jobId,
        url: capture.job.url,
        title: capture.job.title,
        company: capture.job.company,
        seenAt: now,
      }
    : null;
  return database.transaction('rw', [database.contacts, ...queueTables(database)], async () => {
    const saved: ContactRow[] = [];
    for (const person of capture.people) {
      const id = contactIdFor(person);
      if (!id) continue;
      const current = await database.contacts.get(id);
      const next: ContactRow = current
        ? {
            ...current,
            name: person.name || current.name,
            linkedinUrl: person.linkedinUrl ?? current.linkedinUrl,
            headline: person.headline ?? current.headline,
            title: person.title ?? current.title,
            company: person.company ?? current.company,
            email: person.email ?? current.email,
            location: person.location ?? current.location,
            jobs: mergeJobs(current.jobs, job),
            lastSeenAt: now,
          }
        : { ...person, id, jobs: job ? [job] : [], firstSeenAt: now, lastSeenAt: now };
      await database.contacts.put(next);
      saved.push(next);
      const patch = contactPatch(current ?? null, next);
      if (patch)
        await queueMutation(database, 'item.put', { kind: 'contact', id, patch }, itemTarget('contact', id));
    }
    return saved;
  });
}

/** Saves a contact as the user edited it (any field, including ones other parts add). */
export async function saveContact(row: ContactRow, database: ReachlogDb = defaultDb): Promise<void> {
  await database.transaction('rw', [database.contacts, ...queueTables(database)], async () => {
    const current = (await database.contacts.get(row.id)) ?? null;
    await database.contacts.put(row);
    const patch = contactPatch(current, row, true);
    if (patch)
      await queueMutation(
        database,
        'item.put',
        { kind: 'contact', id: row.id, patch },
        itemTarget('contact', row.id),
      );
  });
}

/**
 * The user's corrections of a captured person (`null` removes one; a value equal to what the
 * reader read removes it too: there is nothing left to correct). Kept on the contact, by its
 * canonical URL, so they win over the reader on the next visit and in every browser. A person
 * whose reader failed entirely (no contact yet) becomes a contact here.
 */
export async function saveCorrections(
  reader: Person,
  changes: Partial<Record<TCorrectableField, string | null>>,
  now: number = Date.now(),
  database: ReachlogDb = defaultDb,
): Promise<ContactRow> {
  const id = contactIdFor(reader);
  if (!id)
    throw new Error('This person has no profile link or e-mail address: a correction could not be kept.');
  const patch: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(changes) as [TCorrectableField, string | null][]) {
    if (field === 'name' && value !== null && !value.trim()) throw new Error('The name cannot be empty.');
    const same = value === null || (value.trim() || null) === (reader[field] ?? null);
    patch[field] = same ? null : value.trim();
  }
  const checked = ZContactCorrections.safeParse(patch);
  if (!checked.success) throw new Error(z.prettifyError(checked.error));
  return database.transaction('rw', [database.contacts, ...queueTables(database)], async () => {
    const current = (await database.contacts.get(id)) ?? null;
    const base: ContactRow = current ?? {
      ...reader,
      id,
      jobs: [],
      firstSeenAt: now,
      lastSeenAt: now,
    };
    const corrections = mergeItemData('contact', base, { corrections: patch })
      .corrections as TContactCorrections;
    const next: ContactRow = { ...base, corrections };
    await database.contacts.put(next);
    const { id: _id, ...data } = next;
    await queueMutation(
      database,
      'item.put',
      { kind: 'contact', id, patch: current ? { corrections: patch } : data },
      itemTarget('contact', id),
    );
    return next;
  });
}

function contactPatch(
  before: ContactRow | null,
  after: ContactRow,
  withLastSeen = false,
): Partial<TContactData> | null {
  const { id: _id, ...data } = after;
  if (!before) return data;
  const patch: Record<string, unknown> = {};
  // when a job was seen last, like when the person was, is a sighting: not a change by itself
  const comparable = (key: string, value: unknown) =>
    JSON.stringify(
      key === 'jobs' && Array.isArray(value) ? value.map((j: ContactJob) => ({ ...j, seenAt: 0 })) : value,
    );
  for (const [key, value] of Object.entries(data)) {
    if (key === 'lastSeenAt') continue;
    if (comparable(key, value) !== comparable(key, (before as Record<string, unknown>)[key]))
      patch[key] = value;
  }
  // A sighting alone does not travel: every LinkedIn page view would be a change for every browser.
  if (Object.keys(patch).length || withLastSeen) patch.lastSeenAt = after.lastSeenAt;
  return Object.keys(patch).length ? (patch as Partial<TContactData>) : null;
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
  if (!id)
    throw new Error('This person has neither a LinkedIn profile nor an e-mail address to keep a status on.');
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
