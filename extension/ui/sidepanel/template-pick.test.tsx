// The side panel records which template a draft was written from: picking one fills the text
// and keeps the template's name and id on the draft (what its sends record, docs/pipeline.md).
import { afterEach, expect, it } from 'vitest';
import type { Capture } from '@@/shared/capture';
import { db } from '@/db/database';
import { fire, render, waitFor } from '@/test-support/render';
import { SidePanelApp } from './app';

const URL_ = 'https://www.linkedin.com/in/jane-doe/';
const capture: Capture = {
  pageType: 'job',
  url: 'https://www.linkedin.com/jobs/view/3791234567/',
  people: [
    {
      name: 'Jane Doe',
      linkedinUrl: URL_,
      headline: null,
      title: 'Recruiter',
      company: 'Acme',
      email: 'jane@acme.test',
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

afterEach(async () => {
  await Promise.all([db.tabCaptures.clear(), db.contacts.clear(), db.mutations.clear(), db.drafts.clear()]);
  document.body.replaceChildren();
});

async function pick(select: HTMLElement, value: string) {
  (select as HTMLSelectElement).value = value;
  await fire(select, new Event('change', { bubbles: true }));
}

it("picking a template fills the draft and records the template's name and id on it; the later pick wins", async () => {
  await db.tabCaptures.put({ tabId: 1, capture, updatedAt: Date.now() });
  await db.templates.put({
    id: 'tmpl-follow-1',
    name: 'Short e-mail',
    kind: 'email',
    subject: 'The {{jobTitle}} role',
    body: 'Hi {{firstName}}',
    builtIn: false,
    updatedAt: 1,
  });
  const r = await render(<SidePanelApp />);
  await waitFor(() => expect(r.get('template-picker')).toBeTruthy());
  await pick(r.get('template-picker'), 'default-email');
  await waitFor(async () => {
    const [d] = await db.drafts.toArray();
    expect(d).toMatchObject({ template: 'Introduction e-mail', templateId: 'default-email' });
    expect(d!.emailSubject).toBe('Interested in the Staff Engineer role at Acme');
  });
  await pick(r.get('template-picker'), 'tmpl-follow-1');
  await waitFor(async () => {
    const [d] = await db.drafts.toArray();
    expect(d).toMatchObject({ template: 'Short e-mail', templateId: 'tmpl-follow-1', emailBody: 'Hi Jane' });
  });
  await r.unmount();
});
