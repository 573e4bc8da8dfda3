import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Capture } from '@@/shared/capture';
import type { ReachlogApi } from '@/api/api';
import { ReachlogDb } from '@/db/database';
import { createDraft, saveTemplate } from '@/sync/local-writes';
import { getSetting, setSetting } from '@/db/settings';
import type { ToContent } from '@/messaging/protocol';
import { sendToBackground } from '@/messaging/send-to-background';
import { createBackground, type Background } from './create-background';
import { routeMessage } from './route-message';

const capture: Capture = {
  pageType: 'job',
  url: 'https://www.linkedin.com/jobs/view/3791234567/',
  people: [
    {
      name: 'Jane Doe',
      linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
      headline: null,
      title: 'Recruiter',
      company: 'Acme',
      email: null,
      location: null,
    },
    {
      name: 'Raj Patel',
      linkedinUrl: 'https://www.linkedin.com/in/raj-patel/',
      headline: null,
      title: null,
      company: 'Acme',
      email: null,
      location: null,
    },
  ],
  job: {
    jobId: '3791234567',
    url: 'https://www.linkedin.com/jobs/view/3791234567/',
    title: 'Staff Engineer',
    company: 'Acme',
    location: null,
  },
};

let database: ReachlogDb;
let bg: Background;
let toTab: { tabId: number; msg: ToContent }[];
let tabAnswer: unknown;

beforeEach(() => {
  fakeBrowser.reset();
  database = new ReachlogDb(`bg-${crypto.randomUUID()}`);
  toTab = [];
  tabAnswer = { ok: true, target: 'message' };
  bg = createBackground({
    database,
    sendToTab: async (tabId, msg) => {
      toTab.push({ tabId, msg });
      if (tabAnswer instanceof Error) throw tabAnswer;
      return tabAnswer;
    },
    // no server in these tests: every call fails as "unreachable"
    makeApi: () =>
      new Proxy({} as ReachlogApi, {
        // not a thenable: `await api` must give the api itself
        get: (_t, key) => (key === 'then' ? undefined : () => Promise.reject(new TypeError('fetch failed'))),
      }),
  });
});
afterEach(async () => {
  bg.stop();
  await bg.outbox.kick();
  bg.outbox.stop();
  await database.delete();
});

describe('captures and tabs', () => {
  it("stores the tab's capture and upserts its people as contacts", async () => {
    expect(await bg.handleContent({ type: 'capture', capture }, 5)).toEqual({
      ok: true,
      value: { contacts: 2, replies: 0 },
    });
    expect((await database.tabCaptures.get(5))!.capture).toEqual(capture);
    const contacts = await database.contacts.orderBy('name').toArray();
    expect(contacts.map((c) => [c.id, c.jobs.map((j) => j.jobId)])).toEqual([
      ['https://www.linkedin.com/in/jane-doe/', ['3791234567']],
      ['https://www.linkedin.com/in/raj-patel/', ['3791234567']],
    ]);
  });

  it('forgets the capture when the tab closes or leaves LinkedIn', async () => {
    await bg.handleContent({ type: 'capture', capture }, 5);
    await bg.handleContent({ type: 'capture', capture }, 6);
    await bg.onTabUpdated(5, 'https://www.linkedin.com/in/someone-else/');
    expect(await database.tabCaptures.get(5)).toBeDefined();
    await bg.onTabUpdated(5, undefined); // URL hidden from us: not LinkedIn any more
    await bg.onTabRemoved(6);
    expect(await database.tabCaptures.count()).toBe(0);
  });
});

describe('composer fill and linkedin-sent', () => {
  const sent = (tabId: number) =>
    bg.handleContent(
      {
        type: 'linkedin-sent',
        recipient: { name: 'Jane Doe', linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' },
        text: 'Hi Jane',
        url: 'https://www.linkedin.com/messaging/thread/1/',
      },
      tabId,
    );

  it('queues exactly one send per fill, against the draft', async () => {
    const draft = await createDraft(
      {
        recipientName: 'Jane Doe',
        recipientLinkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
        linkedinMessage: 'Hi Jane',
      },
      database,
    );
    const reply = await bg.handleView({
      type: 'fill-composer',
      tabId: 9,
      text: 'Hi Jane',
      target: 'message',
      draftId: draft.id,
    });
    expect(reply).toEqual({ ok: true, value: { ok: true, target: 'message' } });
    expect(toTab).toEqual([{ tabId: 9, msg: { type: 'fill-composer', text: 'Hi Jane', target: 'message' } }]);

    const first = await sent(9);
    const second = await sent(9);
    expect(first.ok && 'sendId' in (first.value as object)).toBe(true);
    expect(second).toMatchObject({ ok: true, value: { ignored: expect.any(String) } });
    const rows = await database.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'draft',
      draftId: draft.id,
      payload: { draftId: draft.id, email: false, linkedinSent: true },
    });
    expect(rows[0]!.id).toBe((rows[0]!.payload as { sendId: string }).sendId);
    // signed out: the send waits for a sign-in instead of being lost
    await bg.outbox.kick();
    expect(await database.outbox.get(rows[0]!.id)).toMatchObject({ state: 'waiting', waitingFor: 'sign-in' });
  });

  it('records with outreach.recordLinkedIn when the draft is gone, and ignores tabs Reachlog did not fill', async () => {
    expect(await sent(3)).toMatchObject({ ok: true, value: { ignored: expect.any(String) } });
    await bg.handleView({
      type: 'fill-composer',
      tabId: 3,
      text: 'Hello',
      target: 'note',
      draftId: 'deleted-draft-id',
    });
    await sent(3);
    const rows = await database.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'linkedin',
      payload: { message: 'Hi Jane', recipient: { linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' } },
    });
  });

  it('explains when the tab has no content script to fill', async () => {
    tabAnswer = new Error('Could not establish connection. Receiving end does not exist.');
    const reply = await bg.handleView({
      type: 'fill-composer',
      tabId: 4,
      text: 'x',
      target: 'message',
      draftId: 'd-123456789',
    });
    expect(reply).toMatchObject({ ok: true, value: { ok: false, reason: 'not-linkedin' } });
    expect(await database.composerFills.count()).toBe(0);
  });
});

describe('session and data', () => {
  it('sign-out clears the session and everything of the account (contacts, templates, name, queued changes); this browser’s settings stay', async () => {
    await setSetting('session', { token: 't', user: { id: 'u1', email: 'a@b.test', name: null } }, database);
    await setSetting('dataOwnerId', 'u1', database);
    await setSetting('myName', 'Sam', database);
    await setSetting('theme', 'dark', database);
    const seeded = await database.templates.count();
    await saveTemplate(
      {
        id: 'tpl-mine-01',
        name: 'Mine',
        kind: 'email',
        subject: 's',
        body: 'b',
        builtIn: false,
        updatedAt: 1,
      },
      database,
    );
    await bg.handleContent({ type: 'capture', capture }, 1);
    await createDraft({ emailBody: 'x' }, database);
    await bg.handleView({
      type: 'record-linkedin',
      input: {
        recipient: { name: 'Jane', linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' },
        message: 'Hi',
      },
    });
    await database.history.put({
      id: 1,
      recipientName: 'Jane',
      recipientEmail: null,
      recipientLinkedinUrl: null,
      jobTitle: null,
      companyName: null,
      jobUrl: null,
      channel: 'linkedin',
      emailSubject: null,
      emailBody: null,
      linkedinMessage: 'Hi',
      status: 'sent',
      error: null,
      sentAt: 1,
      createdAt: 1,
      draftId: null,
      repliedAt: null,
      followUpOf: null,
    });

    // the server cannot be reached (makeApi throws): signing out still works locally
    expect(await bg.handleView({ type: 'sign-out' })).toEqual({ ok: true, value: null });
    expect(await getSetting('session', database)).toBeNull();
    expect(await getSetting('dataOwnerId', database)).toBeNull();
    expect([
      await database.drafts.count(),
      await database.history.count(),
      await database.outbox.count(),
    ]).toEqual([0, 0, 0]);
    expect(await database.contacts.count()).toBe(0);
    expect(await database.mutations.count()).toBe(0);
    // back to the built-in templates only
    expect(await database.templates.count()).toBe(seeded);
    expect(await database.templates.get('tpl-mine-01')).toBeUndefined();
    expect(await getSetting('myName', database)).toBe('');
    expect(await getSetting('syncClientId', database)).toBeNull();
    expect(await getSetting('syncCookie', database)).toBeNull();
    expect(await getSetting('theme', database)).toBe('dark');
  });

  it('refuses a server address that is not http(s)', async () => {
    expect(
      await bg.handleView({
        type: 'sign-in',
        serverUrl: 'javascript:alert(1)',
        email: 'a@b.test',
        password: 'x',
      }),
    ).toEqual({
      ok: false,
      error:
        'The server address must start with https://, for example https://reachlog.example.com, or http://127.0.0.1:8787 on this computer',
    });
  });

  it('refuses sends with template variables left in them', async () => {
    const reply = await bg.handleView({
      type: 'send-email',
      input: {
        recipient: { name: 'Jane', email: 'jane@acme.test' },
        subject: 'About {{jobTitle}}',
        body: 'Hi',
      },
    });
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('{{jobTitle}}') });
    expect(await database.outbox.count()).toBe(0);
  });
});

describe('message routing', () => {
  const ext = fakeBrowser.runtime.id;
  const self = { id: ext, baseUrl: `chrome-extension://${ext}/` };

  it('takes captures only from LinkedIn tabs and view requests only from extension pages', async () => {
    const fromLinkedIn = { id: ext, url: 'https://www.linkedin.com/jobs/view/3791234567/', tab: { id: 2 } };
    const fromPanel = { id: ext, url: `chrome-extension://${ext}/sidepanel.html` };
    expect(await routeMessage(bg, { type: 'capture', capture }, fromLinkedIn, self)).toMatchObject({
      ok: true,
    });
    expect(await routeMessage(bg, { type: 'capture', capture }, fromPanel, self)).toMatchObject({
      ok: false,
    });
    expect(await routeMessage(bg, { type: 'sign-out' }, fromLinkedIn, self)).toMatchObject({
      ok: false,
      error: 'Only the extension pages may ask this',
    });
    expect(
      await routeMessage(bg, { type: 'sign-out' }, { ...fromPanel, id: 'other-extension' }, self),
    ).toMatchObject({ ok: false });
    expect(await routeMessage(bg, { type: 'nope' }, fromPanel, self)).toMatchObject({
      ok: false,
      error: 'Unknown request: nope',
    });
    expect(await routeMessage(bg, 'garbage', fromPanel, self)).toMatchObject({ ok: false });
  });

  it('takes view requests only from URLs under this extension, not from any page that is not LinkedIn', async () => {
    const refused = { ok: false, error: 'Only the extension pages may ask this' };
    for (const url of [
      'https://evil.example/sign-in', // our content script is only on LinkedIn, but never trust that
      `chrome-extension://another-extension/popup.html`,
      `chrome-extension://${ext}.evil.example/popup.html`,
      undefined,
    ]) {
      for (const msg of [{ type: 'sign-out' }, { type: 'smtp-get' }, { type: 'sync-now' }]) {
        expect(
          await routeMessage(bg, msg, { id: ext, url, tab: { id: 9 } }, self),
          `${msg.type} from ${url}`,
        ).toEqual(refused);
      }
    }
    const fromDashboardTab = {
      id: ext,
      url: `chrome-extension://${ext}/dashboard.html#settings`,
      tab: { id: 4 },
    };
    expect(await routeMessage(bg, { type: 'sync-now' }, fromDashboardTab, self)).toMatchObject({ ok: true });
    // captures still only from a LinkedIn tab's content script
    expect(
      await routeMessage(
        bg,
        { type: 'capture', capture },
        { id: ext, url: 'https://evil.example/', tab: { id: 9 } },
        self,
      ),
    ).toMatchObject({ ok: false, error: 'Only LinkedIn tabs report captures' });
  });

  it('sendToBackground reaches the background listener and never throws', async () => {
    expect(await sendToBackground({ type: 'sync-now' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('could not be reached'),
    });
    fakeBrowser.runtime.onMessage.addListener((msg: unknown) =>
      routeMessage(bg, msg, { id: ext, url: `chrome-extension://${ext}/popup.html` }, self),
    );
    expect(await sendToBackground({ type: 'sync-now' })).toEqual({
      ok: true,
      value: { state: 'signed-out', error: null },
    });
  });
});

describe('start', () => {
  it('pushes a change soon after a view makes one, and prunes captures of tabs that are gone', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    try {
      const pushed: number[][] = [];
      const api = new Proxy({} as ReachlogApi, {
        get: (_t, key) =>
          key === 'then'
            ? undefined
            : key === 'syncPush'
              ? (input: { mutations: { id: number }[] }) => {
                  pushed.push(input.mutations.map((m) => m.id));
                  return Promise.resolve({ lastMutationId: input.mutations.at(-1)!.id, rejected: [] });
                }
              : key === 'syncPull'
                ? () =>
                    Promise.resolve({
                      cookie: '1',
                      more: false,
                      reset: false,
                      lastMutationId: pushed.flat().at(-1) ?? 0,
                      drafts: [],
                      items: [],
                      history: [],
                    })
                : key === 'pokes'
                  ? () => () => undefined
                  : () => Promise.resolve(null),
      });
      const started = createBackground({ database, sendToTab: async () => undefined, makeApi: () => api });
      await setSetting(
        'session',
        { token: 't', user: { id: 'u1', email: 'a@b.test', name: null } },
        database,
      );
      started.start();
      await vi.advanceTimersByTimeAsync(100);
      await createDraft({ recipientName: 'Jane', emailBody: 'typed in a view' }, database);
      expect(pushed).toEqual([]);
      await vi.advanceTimersByTimeAsync(500);
      await vi.waitFor(() => expect(pushed).toEqual([[1]]));
      // confirmed by the pull: the queue is empty
      await vi.waitFor(async () => expect(await database.mutations.count()).toBe(0));
      started.stop();

      await started.handleContent({ type: 'capture', capture }, 1);
      await started.handleContent({ type: 'capture', capture }, 2);
      await started.pruneTabs([2]);
      expect(await database.tabCaptures.toCollection().primaryKeys()).toEqual([2]);
    } finally {
      vi.useRealTimers();
    }
  });
});
