import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capture } from '@@/shared/capture';
import { Dexie } from 'dexie';
import { isFollowUpTemplate } from './default-templates';
import { queryDrafts } from '@/data/queries';
import {
  createDraft,
  deleteDraft,
  recordContacts as upsertContactsFromCapture,
  restoreDraft,
  saveDraft,
} from '@/sync/local-writes';
import { purgeOldTombstones } from '@/sync/purge-tombstones';
import { contactIdFor } from './contacts';
import { ReachlogDb } from './database';
import { getSetting, normalizeServerUrl, serverOriginPattern, setSetting, updateSetting } from './settings';

let database: ReachlogDb;
beforeEach(async () => {
  database = new ReachlogDb(`test-${crypto.randomUUID()}`);
  await database.open();
});
afterEach(async () => {
  await database.delete();
});

const jane = {
  name: 'Jane Doe',
  linkedinUrl: 'https://www.linkedin.com/in/Jane-Doe/?trk=x',
  headline: 'Recruiter at Acme',
  title: 'Senior Technical Recruiter',
  company: 'Acme Corp',
  email: null,
  location: 'Berlin',
};
const jobCapture = (jobId: string, title: string): Capture => ({
  pageType: 'job',
  url: `https://www.linkedin.com/jobs/view/${jobId}/`,
  people: [jane],
  job: {
    jobId,
    url: `https://www.linkedin.com/jobs/view/${jobId}/`,
    title,
    company: 'Acme Corp',
    location: null,
  },
});

describe('contacts', () => {
  it('keeps one contact per canonical LinkedIn URL and merges the jobs seen with them', async () => {
    await upsertContactsFromCapture(jobCapture('1111111', 'Engineer'), 1000, database);
    await upsertContactsFromCapture(jobCapture('2222222', 'Staff Engineer'), 2000, database);
    await upsertContactsFromCapture(jobCapture('1111111', 'Engineer (again)'), 3000, database);
    // a profile page that does not show the location must not erase it
    await upsertContactsFromCapture(
      {
        pageType: 'profile',
        url: jane.linkedinUrl,
        people: [{ ...jane, location: null, email: 'jane@acme.test' }],
        job: null,
      },
      4000,
      database,
    );
    const all = await database.contacts.toArray();
    expect(all).toHaveLength(1);
    const c = all[0]!;
    expect(c.id).toBe('https://www.linkedin.com/in/jane-doe/');
    expect(c.jobs.map((j) => [j.jobId, j.title])).toEqual([
      ['1111111', 'Engineer (again)'],
      ['2222222', 'Staff Engineer'],
    ]);
    expect(c).toMatchObject({
      location: 'Berlin',
      email: 'jane@acme.test',
      firstSeenAt: 1000,
      lastSeenAt: 4000,
    });
  });

  it('falls back to mailto: ids and skips people with neither URL nor e-mail', async () => {
    expect(contactIdFor({ linkedinUrl: null, email: ' Bob@X.test ' })).toBe('mailto:bob@x.test');
    const saved = await upsertContactsFromCapture(
      {
        pageType: 'search',
        url: 'https://www.linkedin.com/search/results/people/',
        people: [
          { ...jane, linkedinUrl: null, email: 'bob@x.test', name: 'Bob' },
          { ...jane, linkedinUrl: null, email: null, name: 'Nobody' },
        ],
        job: null,
      },
      1,
      database,
    );
    expect(saved.map((c) => c.id)).toEqual(['mailto:bob@x.test']);
  });
});

describe('drafts', () => {
  it('saves each edit at once and queues only the changed fields, named, with the version it was made from', async () => {
    const d = await createDraft({ recipientName: 'Jane Doe', jobTitle: 'Engineer' }, database);
    await database.drafts.update(d.id, { version: 7 }); // as if pulled at version 7
    await saveDraft({ id: d.id, emailBody: 'Hello' }, database);
    await saveDraft({ id: d.id, recipientEmail: 'jane@acme.test', jobTitle: 'Engineer' }, database);
    const row = await database.drafts.get(d.id);
    expect(row).toMatchObject({
      jobTitle: 'Engineer',
      emailBody: 'Hello',
      recipientEmail: 'jane@acme.test',
      status: 'draft',
    });
    expect(row!.updatedAt).toBeGreaterThan(d.updatedAt);
    const queued = await database.mutations.orderBy('id').toArray();
    expect(queued.map((m) => [m.id, m.name, m.args])).toEqual([
      [
        1,
        'draft.put',
        { id: d.id, baseVersion: 0, fields: { recipientName: 'Jane Doe', jobTitle: 'Engineer' } },
      ],
      [2, 'draft.put', { id: d.id, baseVersion: 7, fields: { emailBody: 'Hello' } }],
      [3, 'draft.put', { id: d.id, baseVersion: 7, fields: { recipientEmail: 'jane@acme.test' } }],
    ]);
    expect(await getSetting('nextMutationId', database)).toBe(4);
    expect(await getSetting('syncClientId', database)).toMatch(/^[0-9a-f-]{36}$/);
    // an edit that changes nothing queues nothing
    await saveDraft({ id: d.id, emailBody: 'Hello' }, database);
    expect(await database.mutations.count()).toBe(3);
  });

  it('a deleted draft is hidden, an edit cannot revive it, and restore brings it back with its text', async () => {
    const d = await createDraft({ emailSubject: 'Hi' }, database);
    const other = await createDraft({ emailSubject: 'Other' }, database);
    await deleteDraft(d.id, database);
    expect(await saveDraft({ id: d.id, emailSubject: 'late keystroke' }, database)).toBeNull();
    expect((await database.drafts.get(d.id))!.deleted).toBe(1);
    expect((await queryDrafts(database)).map((x) => x.id)).toEqual([other.id]);
    await restoreDraft(d.id, database);
    expect(await database.drafts.get(d.id)).toMatchObject({ deleted: 0, emailSubject: 'Hi' });
    expect((await database.mutations.orderBy('id').toArray()).map((m) => m.name)).toEqual([
      'draft.put',
      'draft.put',
      'draft.delete',
      'draft.restore',
    ]);
  });
});

describe('local tombstones', () => {
  it('go after 30 days, unless a notice or a queued change still needs them', async () => {
    const day = 24 * 60 * 60_000;
    const [old, fresh, flagged, queued] = await Promise.all(
      ['old', 'fresh', 'flagged', 'queued'].map((n) => createDraft({ recipientName: n }, database)),
    );
    await database.mutations.clear();
    await deleteDraft(queued!.id, database); // its delete is still queued
    await database.drafts.update(old!.id, { deleted: 1, updatedAt: 1 });
    await database.drafts.update(fresh!.id, { deleted: 1, updatedAt: 40 * day });
    await database.drafts.update(flagged!.id, {
      deleted: 1,
      updatedAt: 1,
      conflicts: [{ kind: 'edited-after-delete', id: 'x', clientId: 'c', at: 1 }],
    });
    await database.drafts.update(queued!.id, { updatedAt: 1 });
    expect(await purgeOldTombstones(database, 45 * day)).toBe(1);
    expect(await database.drafts.get(old!.id)).toBeUndefined();
    expect((await database.drafts.toCollection().primaryKeys()).length).toBe(3);
  });
});

describe('contacts sync', () => {
  it('queues what changed for other browsers, but not a sighting alone', async () => {
    await upsertContactsFromCapture(jobCapture('1111111', 'Engineer'), 1000, database);
    await upsertContactsFromCapture(jobCapture('1111111', 'Engineer'), 2000, database);
    await upsertContactsFromCapture(jobCapture('2222222', 'Staff'), 3000, database);
    const queued = await database.mutations.orderBy('id').toArray();
    expect(queued.map((m) => (m.args as { patch: Record<string, unknown> }).patch)).toEqual([
      expect.objectContaining({
        name: 'Jane Doe',
        firstSeenAt: 1000,
        jobs: [expect.objectContaining({ jobId: '1111111' })],
      }),
      {
        jobs: [expect.objectContaining({ jobId: '2222222' }), expect.objectContaining({ jobId: '1111111' })],
        lastSeenAt: 3000,
      },
    ]);
  });
});

describe('upgrade from version 1', () => {
  it('flattens drafts and turns unpushed edits and deletes into the first mutations', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      drafts: 'id, updatedAt, createdAt, status, syncState, recipient.linkedinUrl, recipient.email, jobUrl',
      settings: 'key',
    });
    const base = {
      jobTitle: null,
      companyName: null,
      jobUrl: null,
      emailSubject: 'Hi',
      emailBody: 'typed offline',
      linkedinMessage: null,
      status: 'draft',
      updatedAt: 5,
      createdAt: 1,
      syncError: null,
    };
    await v1.table('drafts').bulkAdd([
      {
        ...base,
        id: 'draft-synced-1',
        recipient: { name: 'A', email: null, linkedinUrl: null },
        syncState: 'synced',
      },
      {
        ...base,
        id: 'draft-dirty-01',
        recipient: { name: 'B', email: 'b@x.test', linkedinUrl: null },
        syncState: 'dirty',
      },
      {
        ...base,
        id: 'draft-gone-001',
        recipient: { name: 'C', email: null, linkedinUrl: null },
        syncState: 'deleted',
      },
    ]);
    await v1.table('settings').bulkAdd([
      { key: 'lastHistoryPullAt', value: 99 },
      { key: 'theme', value: 'dark' },
    ]);
    v1.close();

    const upgraded = new ReachlogDb(name);
    try {
      expect(await upgraded.drafts.get('draft-dirty-01')).toMatchObject({
        recipientName: 'B',
        recipientEmail: 'b@x.test',
        emailBody: 'typed offline',
        deleted: 0,
        version: 0,
        conflicts: [],
      });
      expect((await upgraded.drafts.get('draft-gone-001'))?.deleted).toBe(1);
      expect((await upgraded.mutations.orderBy('id').toArray()).map((m) => [m.id, m.name, m.target])).toEqual(
        [
          [1, 'draft.put', 'draft:draft-dirty-01'],
          [2, 'draft.delete', 'draft:draft-gone-001'],
        ],
      );
      expect(await getSetting('nextMutationId', upgraded)).toBe(3);
      expect(await getSetting('theme', upgraded)).toBe('dark');
      expect(await upgraded.settings.get('lastHistoryPullAt' as never)).toBeUndefined();
    } finally {
      await upgraded.delete();
    }
  });
});

describe('settings', () => {
  it('reads defaults, then what was written', async () => {
    expect(await getSetting('session', database)).toBeNull();
    expect(await getSetting('theme', database)).toBe('system');
    await setSetting('theme', 'dark', database);
    await setSetting('session', { token: 't', user: { id: 'u1', email: 'a@b.test', name: null } }, database);
    expect(await getSetting('theme', database)).toBe('dark');
    expect((await getSetting('session', database))?.user.id).toBe('u1');
    await updateSetting('nextMutationId', (n) => n + 5, database);
    expect(await getSetting('nextMutationId', database)).toBe(6);
  });

  it('normalizes the server URL and derives the optional host permission pattern', () => {
    expect(normalizeServerUrl(' http://127.0.0.1:8787/ ')).toBe('http://127.0.0.1:8787');
    expect(normalizeServerUrl('ftp://x')).toBeNull();
    expect(normalizeServerUrl('not a url')).toBeNull();
    expect(serverOriginPattern('https://reach.example.com/api/')).toBe('https://reach.example.com/*');
  });
});

describe('templates', () => {
  it('seeds e-mail, LinkedIn and follow-up templates on install', async () => {
    const rows = await database.templates.toArray();
    expect(rows.map((t) => t.kind).sort()).toEqual([
      'email',
      'email',
      'linkedin-message',
      'linkedin-message',
      'linkedin-note',
    ]);
    expect(rows.filter(isFollowUpTemplate).map((t) => t.name)).toEqual([
      'Follow-up e-mail',
      'Follow-up LinkedIn message',
    ]);
    for (const t of rows.filter(isFollowUpTemplate)) {
      for (const v of ['{{firstName}}', '{{company}}', '{{jobTitle}}', '{{myName}}']) {
        expect(`${t.subject ?? ''} ${t.body}`).toContain(v);
      }
    }
    const email = rows.find((t) => t.kind === 'email' && !isFollowUpTemplate(t))!;
    for (const v of ['{{firstName}}', '{{company}}', '{{jobTitle}}', '{{myName}}']) {
      expect(`${email.subject} ${email.body}`).toContain(v);
    }
  });
});
