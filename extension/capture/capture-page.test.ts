import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalPageUrl } from './canonical-url';
import { capturePage } from './capture-page';
import { urlKind } from './detect-page-type';
import { parseHtml } from './parse-html';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/linkedin');
const load = (name: string) => parseHtml(readFileSync(path.join(dir, `${name}.html`), 'utf8')).document;

describe('page URL and type', () => {
  it.each([
    [
      'https://www.linkedin.com/in/Dana-Whitlock/overlay/contact-info/?x=1#a',
      'https://www.linkedin.com/in/dana-whitlock/',
      'profile',
    ],
    ['https://linkedin.com/in/jane/fr', 'https://www.linkedin.com/in/jane/', 'profile'],
    [
      'https://www.linkedin.com/jobs/view/4012345678?trk=x',
      'https://www.linkedin.com/jobs/view/4012345678/',
      'job-view',
    ],
    [
      'https://www.linkedin.com/jobs/search/?currentJobId=1',
      'https://www.linkedin.com/jobs/search/',
      'job-list',
    ],
    [
      'https://www.linkedin.com/jobs/collections/recommended/?currentJobId=4123456789',
      'https://www.linkedin.com/jobs/collections/recommended/',
      'job-list',
    ],
    ['https://www.linkedin.com/jobs/', 'https://www.linkedin.com/jobs/', 'other'],
    [
      'https://www.linkedin.com/messaging/thread/2-abc==/',
      'https://www.linkedin.com/messaging/thread/2-abc==/',
      'messaging',
    ],
    [
      'https://www.linkedin.com/search/results/people/?keywords=x',
      'https://www.linkedin.com/search/results/people/',
      'search',
    ],
    ['https://www.linkedin.com/company/acme/life/', 'https://www.linkedin.com/company/acme/life/', 'company'],
    ['https://www.linkedin.com/feed', 'https://www.linkedin.com/feed/', 'other'],
    ['https://sg.linkedin.com/in/Jane-Doe', 'https://www.linkedin.com/in/jane-doe/', 'profile'],
    [
      'https://www.linkedin.com/in/jane-doe/details/experience/?profileUrn=x',
      'https://www.linkedin.com/in/jane-doe/',
      'profile',
    ],
    [
      'https://www.linkedin.com/jobs/search-results/?keywords=rust',
      'https://www.linkedin.com/jobs/search-results/',
      'job-list',
    ],
    ['https://www.linkedin.com/authwall?trk=x', 'https://www.linkedin.com/authwall/', 'other'],
  ])('%s', (raw, url, kind) => {
    expect(canonicalPageUrl(raw)).toBe(url);
    expect(urlKind(raw)).toBe(kind);
  });
});

describe('page kinds without a person (item 4)', () => {
  const page = (body: string) => parseHtml(`<!doctype html><html><body>${body}</body></html>`).document;

  it('a company page is `company` with no people, whatever names it shows', () => {
    const doc = page(`<main><section><h1>Polaris Freight</h1><p>Logistics · 1,204 followers</p>
      <ul><li><a href="https://www.linkedin.com/in/ana-ruiz/">Ana Ruiz</a><p>CEO at Polaris Freight</p></li></ul></section></main>`);
    expect(capturePage(doc, 'https://www.linkedin.com/company/polaris-freight/people/')).toEqual({
      pageType: 'company',
      url: 'https://www.linkedin.com/company/polaris-freight/people/',
      people: [],
      job: null,
    });
  });

  it('a jobs list with no job open is `job` with job null', () => {
    const doc = page(
      `<main><ul><li data-occludable-job-id="4100000001"><a href="/jobs/view/4100000001/">Rust Engineer</a></li></ul></main>`,
    );
    expect(capturePage(doc, 'https://www.linkedin.com/jobs/search/?keywords=rust')).toEqual({
      pageType: 'job',
      url: 'https://www.linkedin.com/jobs/search/',
      people: [],
      job: null,
    });
  });

  it('a sub-page whose owner is not shown gives nobody, never someone from the rail', () => {
    const doc = page(`<main><section><h2>Experience</h2><ul><li>Engineer</li></ul></section></main>
      <aside class="scaffold-layout__aside"><div class="artdeco-entity-lockup"><div class="artdeco-entity-lockup__title">Other Person</div></div>
      <a href="https://www.linkedin.com/in/other-person/">Other Person</a></aside>`);
    const got = capturePage(doc, 'https://www.linkedin.com/in/jane-doe/details/experience/');
    expect(got.pageType).toBe('profile');
    expect(got.people).toEqual([]);
  });

  it('a sign-in wall is `unknown`', () => {
    const doc = page(`<main><h1>Jane Doe</h1><p>Sign in to view Jane’s full profile</p></main>`);
    expect(capturePage(doc, 'https://www.linkedin.com/authwall?sessionRedirect=x').pageType).toBe('unknown');
  });
});

describe('capturePage rules', () => {
  it('a profile page stays a profile whatever bubble is open', () => {
    const doc = load('messaging_overlay_open');
    const got = capturePage(doc, 'https://www.linkedin.com/in/someone-else/');
    expect(got.pageType).toBe('profile');
    expect(got.people.map((p) => p.name)).not.toContain('Rafael Moreno');
  });

  it('a company page is "company" with nobody in it', () => {
    expect(capturePage(load('feed'), 'https://www.linkedin.com/company/polaris-freight/')).toEqual({
      pageType: 'company',
      url: 'https://www.linkedin.com/company/polaris-freight/',
      people: [],
      job: null,
    });
  });

  it('never throws: no document, a bare text node, a bad URL', () => {
    expect(capturePage(null, 'https://www.linkedin.com/in/x/')).toEqual({
      pageType: 'unknown',
      url: 'https://www.linkedin.com/in/x/',
      people: [],
      job: null,
    });
    const doc = parseHtml('hello').document;
    expect(capturePage(doc, '::::').pageType).toBe('unknown');
    expect(capturePage(doc.body, 'https://www.linkedin.com/jobs/view/123456/').job).toBeNull();
  });

  it('reads without changing the page (page text never becomes markup)', () => {
    const doc = load('profile_script_like_text');
    const before = doc.querySelectorAll('*').length;
    const got = capturePage(doc, 'https://www.linkedin.com/in/eve-mallory-xss/');
    expect(got.people[0]?.name).toBe('<img src=x onerror="window.__pwned=1"> Eve Mallory');
    expect(doc.querySelectorAll('*').length).toBe(before);
    expect(doc.querySelectorAll('img[onerror], script:not([type])').length).toBe(0);
  });
});

describe('in-app navigation between profiles', () => {
  it('reads nothing while the page still shows the previous profile', () => {
    const doc = load('profile_recruiter');
    expect(capturePage(doc, 'https://www.linkedin.com/in/someone-else/').people).toEqual([]);
  });

  it('takes the public profile URL from the card when the URL has a member id', () => {
    const doc = load('profile_recruiter');
    const got = capturePage(doc, 'https://www.linkedin.com/in/ACoAABkX3vQBn2Wd7pQ0cRm4TtYhE8sGv1LkZ0o/');
    expect(got.people.map((p) => [p.name, p.linkedinUrl])).toEqual([
      ['Dana Whitlock', 'https://www.linkedin.com/in/dana-whitlock-7a3b21/'],
    ]);
  });
});

describe('search "All" results', () => {
  it('keeps member results and skips posts and companies', () => {
    const doc = parseHtml(`<html><body><main><ul role="list">
      <li><div data-chameleon-result-urn="urn:li:member:1"><a href="https://www.linkedin.com/in/ada-lovelace/"><span aria-hidden="true">Ada Lovelace</span></a>
        <div class="entity-result__primary-subtitle">Recruiter at Engines Ltd</div><div class="entity-result__secondary-subtitle">London</div></div></li>
      <li><div data-chameleon-result-urn="urn:li:activity:99"><a href="https://www.linkedin.com/in/post-author/"><span aria-hidden="true">Post Author</span></a><p>We are hiring!</p></div></li>
      <li><div data-chameleon-result-urn="urn:li:company:7"><a href="https://www.linkedin.com/company/engines/"><span aria-hidden="true">Engines Ltd</span></a></div></li>
    </ul></main></body></html>`).document;
    const got = capturePage(doc, 'https://www.linkedin.com/search/results/all/?keywords=engines');
    expect(got.pageType).toBe('search');
    expect(got.people).toEqual([
      {
        name: 'Ada Lovelace',
        linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace/',
        headline: 'Recruiter at Engines Ltd',
        title: 'Recruiter',
        company: 'Engines Ltd',
        email: null,
        location: 'London',
      },
    ]);
  });
});
