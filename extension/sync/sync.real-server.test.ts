// @vitest-environment node
// The sync engine of two "browsers" (two databases, two backgrounds) against the real server
// over HTTP: live pokes, contacts/templates/name, conflicts, a server that lost track of a
// client, a large first sync in pages, and a sign-out while a pull is on its way.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Person } from '@@/shared/capture';
import { PULL_MAX_ROWS, type TPullResult } from '@@/shared/schemas/sync';
import type { ReachlogApi } from '@/api/api';
import { createBackground, type Background } from '@/background/create-background';
import { clearUserData } from '@/background/clear-user-data';
import { ReachlogDb } from '@/db/database';
import { getSetting, setSetting } from '@/db/settings';
import type { BackgroundReply } from '@/messaging/protocol';
import { startRealServer, type RealServer } from '@/test-support/real-server';
import {
  createDraft,
  deleteDraft,
  recordContacts,
  resolveDraftConflict,
  saveContact,
  saveCorrections,
  saveDraft,
  saveTemplate,
  setMyName,
  setPipelineSetting,
} from './local-writes';
import { FIRST_PAGE_ROWS, SyncEngine } from './sync-engine';

vi.setConfig({ testTimeout: 60_000 });

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

interface Browser {
  database: ReachlogDb;
  bg: Background;
}
const open: Browser[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) {
    b.bg.stop();
    await b.database.delete();
  }
});

function newBrowser(): Browser {
  const database = new ReachlogDb(`sync-${crypto.randomUUID()}`);
  const bg = createBackground({ database, sendToTab: async () => undefined });
  const b = { database, bg };
  open.push(b);
  return b;
}

function ok<T>(reply: BackgroundReply): T {
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

async function account() {
  return { email: `s-${crypto.randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery' };
}

async function signUp(b: Browser, who: { email: string; password: string }) {
  ok(await b.bg.handleView({ type: 'sign-up', serverUrl: server.url, ...who }));
  await b.bg.sync.run();
}

async function signIn(b: Browser, who: { email: string; password: string }) {
  ok(await b.bg.handleView({ type: 'sign-in', serverUrl: server.url, ...who }));
  await b.bg.sync.run();
}

async function until<T>(what: string, fn: () => Promise<T>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('two browsers of one account', () => {
  it('a draft made in A shows in B by itself (pushed, poked, pulled), and its edits follow', async () => {
    const who = await account();
    const a = newBrowser();
    const b = newBrowser();
    await signUp(a, who);
    await signIn(b, who);
    a.bg.start();
    b.bg.start();
    await until('B’s live stream', async () => b.bg.live.state === 'open');

    const started = Date.now();
    const draft = await createDraft({ recipientName: 'Ada', emailSubject: 'Hello Ada' }, a.database);
    const seen = await until('the draft in B', async () => b.database.drafts.get(draft.id));
    const ms = Date.now() - started;
    expect(seen).toMatchObject({ recipientName: 'Ada', emailSubject: 'Hello Ada', deleted: 0 });
    expect(ms).toBeLessThan(10_000);

    await saveDraft({ id: draft.id, emailBody: 'typed in A' }, a.database);
    await until(
      'the edit in B',
      async () => (await b.database.drafts.get(draft.id))?.emailBody === 'typed in A',
    );
    await deleteDraft(draft.id, b.database);
    await until('the delete in A', async () => (await a.database.drafts.get(draft.id))?.deleted === 1);
  });

  it('contacts, templates and the name for {{myName}} follow the account', async () => {
    const who = await account();
    const a = newBrowser();
    const b = newBrowser();
    await signUp(a, who);
    await signIn(b, who);
    await recordContacts(
      {
        pageType: 'profile',
        url: 'https://www.linkedin.com/in/rita/',
        people: [
          {
            name: 'Rita',
            linkedinUrl: 'https://www.linkedin.com/in/rita/',
            headline: 'Recruiter',
            title: null,
            company: 'Acme',
            email: null,
            location: null,
          },
        ],
        job: null,
      },
      1000,
      a.database,
    );
    // a field another part of the extension adds to a contact travels too
    const rita = (await a.database.contacts.get('https://www.linkedin.com/in/rita/'))!;
    await saveContact({ ...rita, corrections: { name: 'Rita R.' } }, a.database);
    await saveTemplate(
      {
        id: 'tpl-follow-1',
        name: 'Follow-up',
        kind: 'email',
        subject: 'Again',
        body: 'Hi {{firstName}}',
        builtIn: false,
        updatedAt: 1,
      },
      a.database,
    );
    await setMyName('Sam Seeker', a.database);
    await a.bg.sync.run();
    await b.bg.sync.run();
    expect(await b.database.contacts.get('https://www.linkedin.com/in/rita/')).toMatchObject({
      name: 'Rita',
      company: 'Acme',
      corrections: { name: 'Rita R.' },
    });
    expect(await b.database.templates.get('tpl-follow-1')).toMatchObject({
      name: 'Follow-up',
      body: 'Hi {{firstName}}',
    });
    expect(await getSetting('myName', b.database)).toBe('Sam Seeker');
  });

  it('the follow-up delay and the LinkedIn weekly cap follow the account; an out-of-range one is refused', async () => {
    const who = await account();
    const a = newBrowser();
    const b = newBrowser();
    await signUp(a, who);
    await signIn(b, who);
    await setMyName('Sam Seeker', a.database);
    await setPipelineSetting('followUpDays', 10, a.database);
    await setPipelineSetting('linkedinWeeklyCap', 40, a.database);
    await a.bg.sync.run();
    await b.bg.sync.run();
    expect(await getSetting('followUpDays', b.database)).toBe(10);
    expect(await getSetting('linkedinWeeklyCap', b.database)).toBe(40);
    // a change in b comes back to a, and the name set in a is untouched
    await setPipelineSetting('followUpDays', 3, b.database);
    await b.bg.sync.run();
    await a.bg.sync.run();
    expect(await getSetting('followUpDays', a.database)).toBe(3);
    expect(await getSetting('myName', a.database)).toBe('Sam Seeker');
    // the server keeps to the same limits as the settings page
    await a.database.settings.put({ key: 'followUpDays', value: 3 });
    await setPipelineSetting('followUpDays', 0, a.database);
    await a.bg.sync.run();
    await b.bg.sync.run();
    expect(await getSetting('followUpDays', b.database)).toBe(3);
  });

  it('corrections of one profile made in two browsers keep both, and a removal follows', async () => {
    const who = await account();
    const a = newBrowser();
    const b = newBrowser();
    await signUp(a, who);
    await signIn(b, who);
    const url = 'https://www.linkedin.com/in/rita/';
    const rita: Person = {
      name: 'Rita',
      linkedinUrl: url,
      headline: 'Recruiter at Acme',
      title: null,
      company: 'the FASB',
      email: null,
      location: null,
    };
    await recordContacts({ pageType: 'profile', url, people: [rita], job: null }, 1000, a.database);
    await a.bg.sync.run();
    await b.bg.sync.run();
    // both offline of each other: different fields corrected
    await saveCorrections(rita, { company: 'Acme' }, 2000, a.database);
    await saveCorrections(rita, { title: 'Recruiter' }, 2000, b.database);
    await a.bg.sync.run();
    await b.bg.sync.run();
    await a.bg.sync.run();
    for (const x of [a, b])
      expect((await x.database.contacts.get(url))?.corrections).toEqual({
        company: 'Acme',
        title: 'Recruiter',
      });
    await saveCorrections(rita, { company: null }, 3000, b.database);
    await b.bg.sync.run();
    await a.bg.sync.run();
    expect((await a.database.contacts.get(url))?.corrections).toEqual({ title: 'Recruiter' });
    // the reader's own values are untouched
    expect(await a.database.contacts.get(url)).toMatchObject({ company: 'the FASB', title: null });
  });

  it('{{myName}} comes from the account in every browser, unless the user set one', async () => {
    const who = await account();
    const a = newBrowser();
    ok(await a.bg.handleView({ type: 'sign-up', serverUrl: server.url, ...who, name: 'Sam Seeker' }));
    await a.bg.sync.run();
    expect(await getSetting('myName', a.database)).toBe('Sam Seeker');
    await a.bg.sync.run(); // pushes it
    const b = newBrowser();
    await signIn(b, who);
    expect(await getSetting('myName', b.database)).toBe('Sam Seeker');

    // a name the user typed in one browser is the one every browser uses (never the account's again)
    await setMyName('Sam S.', b.database);
    await b.bg.sync.run();
    const c = newBrowser();
    await signIn(c, who);
    expect(await getSetting('myName', c.database)).toBe('Sam S.');
    expect(await c.database.mutations.count()).toBe(0);
  });

  it('the same field edited in both while offline: the later push wins, the other is kept and can be restored', async () => {
    const who = await account();
    const a = newBrowser();
    const b = newBrowser();
    await signUp(a, who);
    await signIn(b, who);
    const draft = await createDraft(
      { recipientName: 'Bo', emailSubject: 'S', emailBody: 'start' },
      a.database,
    );
    await a.bg.sync.run();
    await b.bg.sync.run();
    // both offline (no sync): different fields and the same field
    await saveDraft({ id: draft.id, emailBody: 'A’s body', emailSubject: 'A’s subject' }, a.database);
    await saveDraft({ id: draft.id, emailBody: 'B’s body', jobTitle: 'B’s job' }, b.database);
    await a.bg.sync.run();
    await b.bg.sync.run(); // B reconnects last
    await a.bg.sync.run();
    for (const x of [a, b]) {
      const d = (await x.database.drafts.get(draft.id))!;
      expect(d).toMatchObject({ emailSubject: 'A’s subject', jobTitle: 'B’s job', emailBody: 'B’s body' });
      expect(d.conflicts).toEqual([expect.objectContaining({ field: 'emailBody', value: 'A’s body' })]);
    }
    const [conflict] = (await a.database.drafts.get(draft.id))!.conflicts;
    await resolveDraftConflict(draft.id, conflict!.id, true, a.database);
    expect((await a.database.drafts.get(draft.id))!.emailBody).toBe('A’s body'); // at once, locally
    await a.bg.sync.run();
    await b.bg.sync.run();
    expect(await b.database.drafts.get(draft.id)).toMatchObject({ emailBody: 'A’s body', conflicts: [] });
  });
});

describe('recovery', () => {
  it('a server that lost track of this browser (a gap): the queue is renumbered after a pull and nothing is lost', async () => {
    const who = await account();
    const a = newBrowser();
    await signUp(a, who);
    const d1 = await createDraft({ recipientName: 'Kept 1' }, a.database);
    const d2 = await createDraft({ recipientName: 'Kept 2' }, a.database);
    // as if the queue had ids the server never saw the start of
    const queued = await a.database.mutations.orderBy('id').toArray();
    await a.database.mutations.clear();
    await a.database.mutations.bulkAdd(queued.map((m, i) => ({ ...m, id: 40 + i })));
    await setSetting('nextMutationId', 42, a.database);
    expect((await a.bg.sync.run()).state).toBe('synced');
    expect(await a.database.mutations.count()).toBe(0);
    const other = newBrowser();
    await signIn(other, who);
    expect((await other.database.drafts.get(d1.id))?.recipientName).toBe('Kept 1');
    expect((await other.database.drafts.get(d2.id))?.recipientName).toBe('Kept 2');
  });

  it('a first sync of many rows comes in pages and picks up where it stopped', async () => {
    const who = await account();
    const a = newBrowser();
    await signUp(a, who);
    for (let i = 0; i < 30; i++) await createDraft({ recipientName: `P${i}` }, a.database);
    await a.bg.sync.run();
    const b = newBrowser();
    ok(await b.bg.handleView({ type: 'sign-in', serverUrl: server.url, ...who }));
    b.bg.stop();
    const api = (await b.bg.getApi())!;
    const pages: number[] = [];
    const counting: ReachlogApi = {
      ...api,
      syncPull: async (input) => {
        const page = await api.syncPull(input);
        pages.push(page.drafts.length);
        return page;
      },
    };
    const engine = new SyncEngine({
      database: b.database,
      getApi: async () => counting,
      onUnauthorized: async () => undefined,
      pullLimit: 7,
    });
    await engine.run();
    expect(pages.filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
    expect(await b.database.drafts.count()).toBe(30);
    expect(await getSetting('syncCookie', b.database)).toMatch(/^\d+$/);
  });

  it('a first sync asks for a small first page (the newest history shows at once), then full pages', async () => {
    const who = await account();
    const a = newBrowser();
    await signUp(a, who);
    for (let i = 0; i < FIRST_PAGE_ROWS + 30; i++) await createDraft({ recipientName: `P${i}` }, a.database);
    await a.bg.sync.run();
    const b = newBrowser();
    ok(await b.bg.handleView({ type: 'sign-in', serverUrl: server.url, ...who }));
    b.bg.stop();
    const api = (await b.bg.getApi())!;
    const asked: { cookie: string | null; limit: number | undefined; drafts: number }[] = [];
    const engine = new SyncEngine({
      database: b.database,
      getApi: async () => ({
        ...api,
        syncPull: async (input) => {
          const page = await api.syncPull(input);
          asked.push({ cookie: input.cookie, limit: input.limit, drafts: page.drafts.length });
          return page;
        },
      }),
      onUnauthorized: async () => undefined,
    });
    await engine.run();
    expect(asked[0]).toMatchObject({ cookie: null, limit: FIRST_PAGE_ROWS });
    expect(asked[0]!.drafts).toBeGreaterThan(0);
    expect(asked[0]!.drafts).toBeLessThanOrEqual(FIRST_PAGE_ROWS);
    expect(asked.slice(1).every((p) => p.limit === PULL_MAX_ROWS)).toBe(true);
    expect(await b.database.drafts.count()).toBe(FIRST_PAGE_ROWS + 30);
  });

  it('writes nothing a pull brings after the user signed out (the next account never sees it)', async () => {
    const database = new ReachlogDb(`gate-${crypto.randomUUID()}`);
    open.push({ database, bg: createBackground({ database, sendToTab: async () => undefined }) });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let asked = false;
    const page: TPullResult = {
      cookie: '5',
      more: false,
      reset: false,
      lastMutationId: 0,
      drafts: [
        {
          id: 'old-user-draft',
          recipientName: 'Theirs',
          recipientEmail: null,
          recipientLinkedinUrl: null,
          jobTitle: null,
          companyName: null,
          jobUrl: null,
          emailSubject: null,
          emailBody: 'private',
          linkedinMessage: null,
          status: 'draft',
          createdAt: new Date(),
          updatedAt: new Date(),
          version: 3,
          deleted: false,
          conflicts: [],
        },
      ],
      items: [{ kind: 'settings', id: 'profile', data: { myName: 'Old User' }, version: 4, deleted: false }],
      history: [],
    };
    const api = {
      syncPush: async () => ({ lastMutationId: 0, rejected: [] }),
      syncPull: async () => {
        asked = true;
        await gate;
        return page;
      },
    } as unknown as ReachlogApi;
    await setSetting('session', { token: 't', user: { id: 'u1', email: 'a@b.test', name: null } }, database);
    const engine = new SyncEngine({
      database,
      getApi: async () => api,
      onUnauthorized: async () => undefined,
    });
    const running = engine.run();
    await until('the pull to be asked', async () => asked);
    await clearUserData(database); // sign-out
    release();
    await running;
    expect(await database.drafts.count()).toBe(0);
    expect(await getSetting('myName', database)).toBe('');
    expect(await getSetting('syncCookie', database)).toBeNull();
  });
});
