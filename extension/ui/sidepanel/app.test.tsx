// The whole side panel over a real (fake-indexeddb) database: a capture the reader got wrong,
// corrected in place, is what the panel, the draft and "already contacted" use.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Capture } from '@@/shared/capture';
import { db } from '@/db/database';
import type { HistoryRowLocal } from '@/db/types';
import { fire, render, typeInto, waitFor } from '@/test-support/render';
import { SidePanelApp } from './app';

const URL_ = 'https://www.linkedin.com/in/jane-doe/';
const capture: Capture = {
  pageType: 'profile',
  url: URL_,
  people: [
    {
      name: 'Jane',
      linkedinUrl: URL_,
      headline: 'Talent Partner at the FASB',
      title: null,
      company: 'the FASB',
      email: null,
      location: 'Paris',
    },
  ],
  job: null,
  sources: { 'person.name': 'top card', 'person.company': 'from headline' },
};

const sent: HistoryRowLocal = {
  id: 7,
  recipientName: 'Jane Doe',
  recipientEmail: 'jane@initech.test',
  recipientLinkedinUrl: null,
  jobTitle: null,
  companyName: null,
  jobUrl: null,
  channel: 'email',
  emailSubject: 'Hello',
  emailBody: 'Hi',
  linkedinMessage: null,
  status: 'sent',
  error: null,
  sentAt: Date.now() - 86_400_000,
  createdAt: Date.now() - 86_400_000,
  draftId: null,
  repliedAt: null,
  followUpOf: null,
};

afterEach(async () => {
  await Promise.all([
    db.tabCaptures.clear(),
    db.contacts.clear(),
    db.mutations.clear(),
    db.history.clear(),
    db.drafts.clear(),
    db.settings.clear(),
  ]);
  document.body.replaceChildren();
});

const blur = (el: HTMLElement) => fire(el, new FocusEvent('focusout', { bubbles: true }));

describe('side panel corrections', () => {
  it('the corrected identity is the one shown, drafted to, and checked for earlier messages', async () => {
    await db.tabCaptures.put({ tabId: 1, capture, updatedAt: Date.now() });
    await db.history.put(sent);
    const r = await render(<SidePanelApp />);
    await waitFor(() => expect(r.get('person-name').textContent).toBe('Jane'));
    await waitFor(() => r.get('not-contacted'));

    // the e-mail the page does not show, and the name it cut short
    await typeInto(r.get('detail-input-email'), 'jane@initech.test');
    await blur(r.get('detail-input-email'));
    await typeInto(r.get('detail-input-name'), 'Jane Doe');
    await blur(r.get('detail-input-name'));

    await waitFor(() => expect(r.get('person-name').textContent).toBe('Jane Doe'));
    // "already contacted" now finds the send to the corrected address
    await waitFor(() =>
      expect(r.get('already-contacted-warning').textContent).toContain('You already wrote to Jane Doe'),
    );
    await waitFor(() =>
      expect((r.get('recipient-email') as HTMLInputElement).value).toBe('jane@initech.test'),
    );
    expect(r.get('reader-value-name').textContent).toContain('Jane');
    await r.unmount();
  });

  it('a profile the reader could not read says so, and a typed name makes it writable', async () => {
    await db.tabCaptures.put({
      tabId: 1,
      capture: { pageType: 'profile', url: `${URL_}details/experience/`, people: [], job: null },
      updatedAt: Date.now(),
    });
    // what the content script counted (browser.storage.local)
    await fakeBrowser.storage.local.set({ 'reader.notUnderstood': { count: 3, recent: [] } });
    const r = await render(<SidePanelApp />);
    await waitFor(() => r.get('not-understood'));
    await waitFor(() => expect(r.get('not-understood-count').textContent).toContain('so far: 3'));
    expect(r.query('draft-editor')).toBeNull();
    await typeInto(r.get('detail-input-name'), 'Jane Doe');
    await blur(r.get('detail-input-name'));
    await waitFor(() => expect(r.get('person-name').textContent).toBe('Jane Doe'));
    await waitFor(() => r.get('draft-editor'));
    expect((await db.contacts.get(URL_))?.corrections).toEqual({ name: 'Jane Doe' });
    await r.unmount();
  });
});

describe('draft header', () => {
  it('says "synced" once the server has the draft, and "syncing" while a change is on its way', async () => {
    await db.tabCaptures.put({ tabId: 1, capture, updatedAt: Date.now() });
    await db.settings.put({
      key: 'session',
      value: { token: 't', user: { id: 'u1', email: 'me@example.com', name: 'Me' } },
    });
    await db.drafts.put({
      id: 'd1',
      recipientName: 'Jane',
      recipientEmail: null,
      recipientLinkedinUrl: URL_,
      jobTitle: null,
      companyName: null,
      jobUrl: null,
      emailSubject: 'Hello',
      emailBody: null,
      linkedinMessage: null,
      status: 'draft',
      createdAt: 1,
      updatedAt: 1,
      version: 3,
      deleted: 0,
      conflicts: [],
      syncError: null,
    });
    const r = await render(<SidePanelApp />);
    await waitFor(() => expect(r.get('save-state').textContent).toBe('Saved · synced to your account'));
    await db.mutations.put({ id: 1, name: 'draft.put', args: {}, target: 'draft:d1', createdAt: 2 });
    await waitFor(() => expect(r.get('save-state').textContent).toBe('Saved on this computer · syncing…'));
    await db.settings.put({ key: 'session', value: null });
    await waitFor(() =>
      expect(r.get('save-state').textContent).toBe('Saved on this computer · sign in to sync it'),
    );
    await r.unmount();
  });
});
