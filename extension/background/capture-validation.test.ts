// What a content script reports is checked against the Capture schema (shared/schemas/capture.ts)
// before anything is stored: a page (or a broken reader) cannot put a javascript: link, a huge
// string or a wrong type into the side panel's data or the contacts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Capture } from '@@/shared/capture';
import type { ReachlogApi } from '@/api/api';
import { ReachlogDb } from '@/db/database';
import { createBackground, type Background } from './create-background';

const person = {
  name: 'Jane Doe',
  linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
  headline: 'Recruiter at Acme',
  title: 'Recruiter',
  company: 'Acme',
  email: null,
  location: null,
};
const good: Capture = {
  pageType: 'job',
  url: 'https://www.linkedin.com/jobs/view/3791234567/',
  people: [person],
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
beforeEach(() => {
  fakeBrowser.reset();
  database = new ReachlogDb(`capture-${crypto.randomUUID()}`);
  bg = createBackground({
    database,
    sendToTab: async () => undefined,
    makeApi: () =>
      new Proxy({} as ReachlogApi, {
        get: (_t, key) => (key === 'then' ? undefined : () => Promise.reject(new TypeError('fetch failed'))),
      }),
  });
});
afterEach(async () => {
  bg.stop();
  bg.outbox.stop();
  await database.delete();
});

const bad: [string, unknown][] = [
  ['a javascript: profile link', { ...good, people: [{ ...person, linkedinUrl: 'javascript:alert(1)' }] }],
  [
    'a profile link off LinkedIn',
    { ...good, people: [{ ...person, linkedinUrl: 'https://evil.example/in/x/' }] },
  ],
  ['a javascript: job link', { ...good, job: { ...good.job, url: 'javascript:alert(1)' } }],
  ['a page that is not LinkedIn', { ...good, url: 'https://evil.example/jobs/view/1/' }],
  ['a name that is not text', { ...good, people: [{ ...person, name: { toString: 'x' } }] }],
  ['an empty name', { ...good, people: [{ ...person, name: '' }] }],
  ['a megabyte of headline', { ...good, people: [{ ...person, headline: 'x'.repeat(1_000_000) }] }],
  ['ten thousand people', { ...good, people: Array.from({ length: 10_000 }, () => person) }],
  ['an unknown page type', { ...good, pageType: 'admin' }],
  [
    'a conversation message time that is not an ISO instant',
    {
      ...good,
      conversation: { partnerProfileUrl: null, isGroup: false, messages: [{ at: 'Today', fromMe: false }] },
    },
  ],
  [
    'a conversation partner that is not a profile URL',
    { ...good, conversation: { partnerProfileUrl: 'javascript:alert(1)', isGroup: false, messages: [] } },
  ],
  ['people missing', { ...good, people: undefined }],
  ['null', null],
  ['a string', 'capture'],
];

describe('captures from the content script', () => {
  it.each(bad)('%s is refused and nothing is stored', async (_what, capture) => {
    const reply = await bg.handleContent({ type: 'capture', capture: capture as Capture }, 7);
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^The page could not be read/) });
    expect(await database.tabCaptures.count()).toBe(0);
    expect(await database.contacts.count()).toBe(0);
  });

  it('a __proto__ key does not reach the stored object', async () => {
    const withProto = JSON.parse(
      JSON.stringify(good).replace('"pageType"', '"__proto__":{"polluted":true},"pageType"'),
    ) as Capture;
    expect(await bg.handleContent({ type: 'capture', capture: withProto }, 8)).toMatchObject({ ok: true });
    const stored = (await database.tabCaptures.get(8))!.capture;
    expect(stored).toEqual(good);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('a conversation keeps only times and directions: message text a page adds never reaches storage', async () => {
    const conversation = {
      partnerProfileUrl: 'https://www.linkedin.com/in/jane-doe/',
      isGroup: false,
      messages: [{ at: '2026-12-01T10:00:00.000Z', fromMe: false, text: 'private words' }],
    };
    expect(
      await bg.handleContent({ type: 'capture', capture: { ...good, conversation } as Capture }, 10),
    ).toMatchObject({
      ok: true,
    });
    const stored = (await database.tabCaptures.get(10))!.capture;
    expect(stored.conversation).toEqual({
      ...conversation,
      messages: [{ at: '2026-12-01T10:00:00.000Z', fromMe: false }],
    });
    expect(JSON.stringify(stored)).not.toContain('private words');
  });

  it('a well-formed capture is stored as it came', async () => {
    expect(await bg.handleContent({ type: 'capture', capture: good }, 9)).toEqual({
      ok: true,
      value: { contacts: 1, replies: 0 },
    });
    expect((await database.tabCaptures.get(9))!.capture).toEqual(good);
  });
});
