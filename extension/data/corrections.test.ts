// The user's corrections of a capture: kept on the contact (by canonical URL), queued for the
// other browsers, winning over the reader on the next visit, with the reader's value kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capture, Person } from '@@/shared/capture';
import { ReachlogDb } from '@/db/database';
import { recordContacts, saveCorrections } from '@/sync/local-writes';
import { applyPullPage } from '@/sync/apply-pull';
import { applyCorrections, unreadProfileOwner } from './corrections';

let database: ReachlogDb;
beforeEach(() => {
  database = new ReachlogDb(`corrections-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await database.delete();
});

const URL_ = 'https://www.linkedin.com/in/jane-doe/';
const jane: Person = {
  name: 'Jane',
  linkedinUrl: 'https://www.linkedin.com/in/Jane-Doe/?trk=x',
  headline: 'Talent Partner at the FASB',
  title: null,
  company: 'the FASB',
  email: null,
  location: 'Paris',
};
const capture = (person: Person): Capture => ({ pageType: 'profile', url: URL_, people: [person], job: null });

describe('applyCorrections', () => {
  it('puts the corrections over the reader and remembers what the reader read', () => {
    const c = applyCorrections(jane, { name: 'Jane Doe', company: 'Initech', title: 'Recruiter' });
    expect(c.person).toMatchObject({ name: 'Jane Doe', company: 'Initech', title: 'Recruiter', location: 'Paris' });
    expect(c.reader).toBe(jane);
    expect(c.corrected).toEqual({
      name: { reader: 'Jane' },
      company: { reader: 'the FASB' },
      title: { reader: null },
    });
    expect(c.contactId).toBe(URL_);
  });

  it("'' says the field has none; a correction equal to the reader's value is no correction", () => {
    const c = applyCorrections(jane, { location: '', company: 'the FASB', title: null });
    expect(c.person.location).toBeNull();
    expect(c.corrected).toEqual({ location: { reader: 'Paris' } });
  });

  it('a profile the reader could not read still has its owner, known by the URL', () => {
    expect(unreadProfileOwner('https://www.linkedin.com/in/Jane-Doe/details/experience/')).toMatchObject({
      name: '',
      linkedinUrl: URL_,
    });
    expect(unreadProfileOwner('https://www.linkedin.com/feed/')).toBeNull();
  });
});

describe('saveCorrections', () => {
  it('keeps corrections on the contact, queues them, and a later capture does not undo them', async () => {
    await recordContacts(capture(jane), 1000, database);
    await database.mutations.clear();

    await saveCorrections(jane, { company: 'Initech', name: 'Jane Doe' }, 2000, database);
    const stored = await database.contacts.get(URL_);
    expect(stored?.corrections).toEqual({ company: 'Initech', name: 'Jane Doe' });
    // the reader's own values stay as read
    expect(stored).toMatchObject({ name: 'Jane', company: 'the FASB' });
    const [m] = await database.mutations.toArray();
    expect(m).toMatchObject({
      name: 'item.put',
      target: `contact:${URL_}`,
      args: { kind: 'contact', id: URL_, patch: { corrections: { company: 'Initech', name: 'Jane Doe' } } },
    });

    // the next visit: the reader reads the same wrong company; the correction still wins
    await recordContacts(capture({ ...jane, headline: 'New headline' }), 3000, database);
    const again = (await database.contacts.get(URL_))!;
    expect(again.headline).toBe('New headline');
    expect(applyCorrections(jane, again.corrections).person).toMatchObject({
      name: 'Jane Doe',
      company: 'Initech',
    });
  });

  it('null (or the reader’s own value) removes a correction; other fields’ corrections stay', async () => {
    await saveCorrections(jane, { company: 'Initech', title: 'Recruiter' }, 1000, database);
    await saveCorrections(jane, { company: null, title: 'Recruiter' }, 2000, database);
    expect((await database.contacts.get(URL_))?.corrections).toEqual({ title: 'Recruiter' });
    // emptied where the reader found nothing either: no correction left
    await saveCorrections(jane, { title: '  ' }, 3000, database);
    expect((await database.contacts.get(URL_))?.corrections).toEqual({});
    // emptied where the reader found something: "there is none" is a correction
    await saveCorrections(jane, { location: '' }, 4000, database);
    expect((await database.contacts.get(URL_))?.corrections).toEqual({ location: '' });
    await saveCorrections(jane, { location: 'Paris' }, 5000, database);
    expect((await database.contacts.get(URL_))?.corrections).toEqual({});
  });

  it('creates the contact of a profile the reader could not read', async () => {
    const owner = unreadProfileOwner(URL_)!;
    await saveCorrections(owner, { name: 'Jane Doe' }, 1000, database);
    const stored = (await database.contacts.get(URL_))!;
    expect(stored).toMatchObject({ name: '', linkedinUrl: URL_, corrections: { name: 'Jane Doe' } });
    const [m] = await database.mutations.toArray();
    // a new contact travels whole, so the other browsers can create it
    expect((m!.args as { patch: Record<string, unknown> }).patch).toMatchObject({
      linkedinUrl: URL_,
      corrections: { name: 'Jane Doe' },
      jobs: [],
    });
  });

  it('refuses what cannot be kept, with the reason', async () => {
    await expect(saveCorrections(jane, { name: ' ' }, 1, database)).rejects.toThrow('The name cannot be empty');
    await expect(
      saveCorrections({ ...jane, linkedinUrl: null }, { name: 'X' }, 1, database),
    ).rejects.toThrow('no profile link or e-mail');
    await expect(saveCorrections(jane, { title: 'x'.repeat(301) }, 1, database)).rejects.toThrow();
    expect(await database.contacts.count()).toBe(0);
  });

  it("a pull keeps this browser's unpushed correction and takes the other browser's of another field", async () => {
    await recordContacts(capture(jane), 1000, database);
    await database.mutations.clear();
    await saveCorrections(jane, { company: 'Initech' }, 2000, database);
    const { id: _id, ...server } = (await database.contacts.get(URL_))!;
    const ok = await applyPullPage(
      database,
      {
        cookie: 'c1',
        more: false,
        reset: false,
        lastMutationId: 0,
        drafts: [],
        history: [],
        items: [
          {
            kind: 'contact',
            id: URL_,
            version: 5,
            deleted: false,
            data: { ...server, corrections: { title: 'Recruiter' } },
          },
        ],
      },
      0,
    );
    expect(ok).toBe(true);
    expect((await database.contacts.get(URL_))?.corrections).toEqual({ title: 'Recruiter', company: 'Initech' });
  });
});
