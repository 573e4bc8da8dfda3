// Columns named for what they hold: Latest attempts' "Job or role" shows the job, or the person's
// role where the send was about no job; Contacts' "Role or headline" shows which it is.
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/db/database';
import type { ContactRow, HistoryRowLocal } from '@/db/types';
import { render, waitFor } from '@/test-support/render';
import { LatestAttempts } from './latest-attempts';
import { ContactsView } from './contacts-view';

afterEach(async () => {
  await Promise.all([db.history.clear(), db.contacts.clear()]);
  document.body.replaceChildren();
});

const hist = (id: number, patch: Partial<HistoryRowLocal>): HistoryRowLocal => ({
  id,
  recipientName: `Person ${id}`,
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
  sentAt: id * 1000,
  createdAt: id * 1000,
  draftId: null,
  repliedAt: null,
  followUpOf: null,
  ...patch,
});
const contact = (slug: string, patch: Partial<ContactRow>): ContactRow => ({
  id: `https://www.linkedin.com/in/${slug}/`,
  name: slug,
  linkedinUrl: `https://www.linkedin.com/in/${slug}/`,
  headline: null,
  title: null,
  company: null,
  email: null,
  location: null,
  jobs: [],
  firstSeenAt: 1,
  lastSeenAt: 1,
  ...patch,
});

const cells = (r: { all(id: string): HTMLElement[] }) =>
  r.all('attempt-row').map((tr) => {
    const td = tr.querySelectorAll('td')[3]!;
    return [td.textContent, td.dataset.kind ?? null];
  });

describe('Latest attempts', () => {
  it('shows the job, else the person’s role (corrected), else their headline', async () => {
    await db.contacts.bulkPut([
      contact('ana', { title: 'Talent Partner' }),
      contact('bo', { headline: 'Hiring for Payments | ex-Acme' }),
      contact('cy', { title: 'Recruiter', corrections: { title: 'Head of Talent' } }),
      {
        ...contact('x', {}),
        id: 'mailto:di@acme.test',
        linkedinUrl: null,
        email: 'di@acme.test',
        title: 'CTO',
      },
    ]);
    await db.history.bulkPut([
      hist(6, { jobTitle: 'Staff Engineer', recipientLinkedinUrl: 'https://www.linkedin.com/in/ana/' }),
      hist(5, { recipientLinkedinUrl: 'https://www.linkedin.com/in/ana/' }),
      hist(4, { recipientLinkedinUrl: 'https://www.linkedin.com/in/bo/' }),
      hist(3, { recipientLinkedinUrl: 'https://www.linkedin.com/in/cy/' }),
      hist(2, { channel: 'email', recipientEmail: 'DI@acme.test' }),
      hist(1, { recipientLinkedinUrl: 'https://www.linkedin.com/in/unknown/' }),
    ]);
    const r = await render(<LatestAttempts />);
    await waitFor(() => expect(r.all('attempt-row')).toHaveLength(6));
    const headers = [...r.container.querySelectorAll('th')].map((th) => th.textContent);
    expect(headers).toEqual(['Time', 'Recruiter', 'Company', 'Job or role', 'Channel', 'Status']);
    await waitFor(() =>
      expect(cells(r)).toEqual([
        ['Staff Engineer', 'job'],
        ['Talent Partner', 'role'],
        ['Hiring for Payments | ex-Acme', 'role'],
        ['Head of Talent', 'role'],
        ['CTO', 'role'],
        ['—', null],
      ]),
    );
    await r.unmount();
  });
});

describe('Contacts', () => {
  it('names the column for what it holds and shows the corrected role', async () => {
    await db.contacts.bulkPut([
      contact('ana', { title: 'Talent Partner', lastSeenAt: 3 }),
      contact('bo', { headline: 'Hiring for Payments', lastSeenAt: 2 }),
      contact('cy', {
        name: 'Cy',
        headline: 'Recruiter at X',
        corrections: { title: 'Head of Talent', name: 'Cyril' },
        lastSeenAt: 1,
      }),
    ]);
    const r = await render(<ContactsView />);
    await waitFor(() => expect(r.all('contact-row')).toHaveLength(3));
    const headers = [...r.container.querySelectorAll('th')].map((th) => th.textContent);
    const col = headers.indexOf('Role or headline');
    expect(headers).toEqual(expect.arrayContaining(['Name', 'Status', 'Role or headline']));
    expect(headers.includes('Title')).toBe(false);
    const rows = r.all('contact-row').map((tr) => {
      const td = tr.querySelectorAll('td');
      return [td[0]!.querySelector('a')?.textContent, td[col]!.textContent, td[col]!.dataset.kind];
    });
    expect(rows).toEqual([
      ['ana', 'Talent Partner', 'title'],
      ['bo', 'Hiring for Payments', 'headline'],
      ['Cyril', 'Head of Talent', 'title'],
    ]);
    await r.unmount();
  });
});
