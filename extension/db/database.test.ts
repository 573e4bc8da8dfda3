import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capture } from '@@/shared/capture';
import { upsertContactsFromCapture, contactIdFor } from './contacts';
import { ReachlogDb } from './database';
import { createDraft, deleteDraft, listDrafts, saveDraft } from './drafts';
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
  it('saves each edit at once, marks it dirty and keeps fields not in the patch', async () => {
    const d = await createDraft(
      { recipient: { name: 'Jane Doe', email: null, linkedinUrl: null }, jobTitle: 'Engineer' },
      database,
    );
    await database.drafts.update(d.id, { syncState: 'synced' });
    await saveDraft({ id: d.id, emailBody: 'Hello' }, database);
    await saveDraft(
      { id: d.id, recipient: { name: 'Jane Doe', email: 'jane@acme.test', linkedinUrl: null } },
      database,
    );
    const row = await database.drafts.get(d.id);
    expect(row).toMatchObject({
      jobTitle: 'Engineer',
      emailBody: 'Hello',
      recipient: { email: 'jane@acme.test' },
      syncState: 'dirty',
      status: 'draft',
    });
    expect(row!.updatedAt).toBeGreaterThan(d.updatedAt);
  });

  it('deletes as a tombstone that an edit cannot revive, hidden from lists', async () => {
    const d = await createDraft({ emailSubject: 'Hi' }, database);
    const other = await createDraft({ emailSubject: 'Other' }, database);
    await deleteDraft(d.id, database);
    expect(await saveDraft({ id: d.id, emailSubject: 'late keystroke' }, database)).toBeNull();
    expect((await database.drafts.get(d.id))!.syncState).toBe('deleted');
    expect((await listDrafts(database)).map((x) => x.id)).toEqual([other.id]);
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
    await updateSetting('lastHistoryPullAt', (n) => n + 5, database);
    expect(await getSetting('lastHistoryPullAt', database)).toBe(5);
  });

  it('normalizes the server URL and derives the optional host permission pattern', () => {
    expect(normalizeServerUrl(' http://127.0.0.1:8787/ ')).toBe('http://127.0.0.1:8787');
    expect(normalizeServerUrl('ftp://x')).toBeNull();
    expect(normalizeServerUrl('not a url')).toBeNull();
    expect(serverOriginPattern('https://reach.example.com/api/')).toBe('https://reach.example.com/*');
  });
});

describe('templates', () => {
  it('seeds an e-mail and a LinkedIn note template on install', async () => {
    const rows = await database.templates.toArray();
    expect(rows.map((t) => t.kind).sort()).toEqual(['email', 'linkedin-message', 'linkedin-note']);
    const email = rows.find((t) => t.kind === 'email')!;
    for (const v of ['{{firstName}}', '{{company}}', '{{jobTitle}}', '{{myName}}']) {
      expect(`${email.subject} ${email.body}`).toContain(v);
    }
  });
});
