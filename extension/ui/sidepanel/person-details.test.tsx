// The side panel's in-place corrections and the "how this page was read" debug view, rendered.
import { afterEach, describe, expect, it } from 'vitest';
import type { Capture, Person } from '@@/shared/capture';
import { db } from '@/db/database';
import { applyCorrections } from '@/data';
import { fire, render, typeInto, waitFor } from '@/test-support/render';
import { PersonDetails } from './person-details';
import { CaptureSources } from './capture-sources';

const URL_ = 'https://www.linkedin.com/in/jane-doe/';
const jane: Person = {
  name: 'Jane',
  linkedinUrl: URL_,
  headline: 'Talent Partner at the FASB',
  title: null,
  company: 'the FASB',
  email: null,
  location: 'Paris',
};

afterEach(async () => {
  await db.contacts.clear();
  await db.mutations.clear();
  document.body.replaceChildren();
});

const input = (r: { get(id: string): HTMLElement }, f: string) =>
  r.get(`detail-input-${f}`) as HTMLInputElement;

describe('PersonDetails', () => {
  it('opens by itself when a field is missing, and a typed value is kept for the profile', async () => {
    const r = await render(<PersonDetails corrected={applyCorrections(jane, undefined)} />);
    expect((r.get('person-details') as HTMLDetailsElement).open).toBe(true);
    expect(input(r, 'company').value).toBe('the FASB');
    expect(input(r, 'title').placeholder).toContain('not found');

    await typeInto(input(r, 'company'), 'Initech');
    await fire(input(r, 'company'), new FocusEvent('focusout', { bubbles: true }));
    const stored = await waitFor(async () => {
      const c = await db.contacts.get(URL_);
      expect(c?.corrections).toEqual({ company: 'Initech' });
      return c!;
    });

    // the view as it shows next (the live query hands it the stored correction)
    await r.rerender(<PersonDetails corrected={applyCorrections(jane, stored.corrections)} />);
    expect(input(r, 'company').value).toBe('Initech');
    expect(r.get('detail-company').dataset.corrected).toBe('yes');
    expect(r.get('reader-value-company').textContent).toContain('the FASB');
    expect(r.query('reader-value-location')).toBeNull();

    await fire(r.get('use-reader-company'), new MouseEvent('click', { bubbles: true }));
    await waitFor(async () => expect((await db.contacts.get(URL_))?.corrections).toEqual({}));
    await r.unmount();
  });

  it('stays open when the last missing field is filled in', async () => {
    const r = await render(<PersonDetails corrected={applyCorrections(jane, undefined)} />);
    await r.rerender(<PersonDetails corrected={applyCorrections(jane, { title: 'Recruiter' })} />);
    expect((r.get('person-details') as HTMLDetailsElement).open).toBe(true);
    expect(r.get('person-details-toggle').textContent).toContain('correct anything wrong');
    await r.unmount();
  });

  it('a name cannot be emptied; Escape puts the value back', async () => {
    const r = await render(<PersonDetails corrected={applyCorrections(jane, undefined)} />);
    await typeInto(input(r, 'name'), '  ');
    await fire(input(r, 'name'), new FocusEvent('focusout', { bubbles: true }));
    expect(input(r, 'name').value).toBe('Jane');
    await typeInto(input(r, 'location'), 'Lyon');
    await fire(input(r, 'location'), new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(input(r, 'location').value).toBe('Paris');
    expect(await db.contacts.count()).toBe(0);
    await r.unmount();
  });

  it('shows page text as text, never as HTML', async () => {
    const r = await render(
      <PersonDetails
        corrected={applyCorrections(
          { ...jane, company: '<img src=x onerror=alert(1)>' },
          { company: 'Initech' },
        )}
      />,
    );
    expect(r.container.querySelector('img')).toBeNull();
    expect(r.get('reader-value-company').textContent).toContain('<img src=x onerror=alert(1)>');
    await r.unmount();
  });

  it('says when corrections cannot be kept (no profile link, no e-mail)', async () => {
    const r = await render(
      <PersonDetails corrected={applyCorrections({ ...jane, linkedinUrl: null }, undefined)} />,
    );
    expect(input(r, 'company').disabled).toBe(true);
    expect(r.container.textContent).toContain('corrections cannot be kept');
    await r.unmount();
  });
});

describe('CaptureSources', () => {
  const capture: Capture = {
    pageType: 'job',
    url: 'https://www.linkedin.com/jobs/view/123456/',
    people: [jane, { ...jane, name: 'Sam', linkedinUrl: 'https://www.linkedin.com/in/sam/' }],
    job: {
      jobId: '123456',
      url: 'https://www.linkedin.com/jobs/view/123456/',
      title: 'Engineer',
      company: 'ACME',
      location: null,
    },
    sources: {
      'people[0].name': 'top card',
      'people[0].company': 'from headline',
      'people[1].name': 'hiring team card',
      'job.title': 'job header',
    },
  };
  const how = (r: { container: HTMLElement }, key: string) =>
    r.container.querySelector(`[data-field="${key}"] [data-testid="source-how"]`)?.textContent;

  it('shows, per field, the strategy that produced it, or "not found"', async () => {
    const r = await render(<CaptureSources capture={capture} personIndex={0} />);
    // several people: each is people[i] (a single person is person.…, as in the e2e test)
    expect(how(r, 'people[0].name')).toBe('top card');
    expect(how(r, 'people[0].company')).toBe('from headline');
    expect(how(r, 'people[0].title')).toBe('not found');
    expect(how(r, 'job.title')).toBe('job header');
    expect(how(r, 'job.location')).toBe('not found');
    await r.rerender(<CaptureSources capture={capture} personIndex={1} />);
    expect(how(r, 'people[1].name')).toBe('hiring team card');
    expect(how(r, 'people[1].company')).toBe('not found');
    await r.unmount();
  });

  it('says so when the reader does not report sources', async () => {
    const { sources: _s, ...old } = capture;
    const r = await render(<CaptureSources capture={old} personIndex={0} />);
    expect(r.get('sources-absent').textContent).toContain('does not say');
    expect(r.all('source-row')).toHaveLength(0);
    await r.unmount();
  });
});
