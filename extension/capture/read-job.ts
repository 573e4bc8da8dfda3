// Job view (/jobs/view/<id>/) and the detail pane of jobs lists (/jobs/search/, /jobs/collections/…):
// the job, and the people of its hiring-team / job-poster card.
import type { Job, Person } from '../../shared/capture';
import { canonicalJobUrl, canonicalProfileUrl, jobIdFromUrl } from './canonical-url';
import { makePerson, roleFromHeadline } from './person';
import { all, docOf, first, inDecoy, type Root } from './query';
import { DECOY, JOB, LABELS, META } from './selectors';
import { FROM, withJobSources, withSources } from './sources';
import { clean, cleanName, labelKey, visibleLines, visibleText } from './text';

export interface JobRead {
  job: Job | null;
  people: Person[];
}

const usable = (el: Element) => !inDecoy(el, JOB.decoy);

export function readJob(root: Root, url: string): JobRead {
  const pane = findPane(root);
  const urlId = jobIdFromUrl(url);
  const paneId = pane ? idShownIn(pane) : null;
  // During in-app navigation the pane can still show the previous job: wait for the next read.
  if (urlId && paneId && urlId !== paneId) return { job: null, people: [] };
  const jobId = urlId ?? paneId;
  if (!jobId) return { job: null, people: [] };

  const titleEl = pane ? findTitle(pane, jobId) : null;
  const meta = jobFromMetadata(root, jobId);
  const paneTitle =
    visibleText(titleEl) ??
    clean(pane ? first(pane, JOB.titleAria)?.getAttribute('aria-label') : null) ??
    (pane ? visibleText(first(pane, JOB.stickyTitle, usable)) : null);
  const title = paneTitle ?? meta?.title ?? null;
  const jobUrl = canonicalJobUrl(`https://www.linkedin.com/jobs/view/${jobId}/`);
  if (!title || !jobUrl) return { job: null, people: [] };

  const top = pane && titleEl ? topCardOf(titleEl, pane) : pane;
  const shown = top ? readCompany(top, pane) : null;
  const company = shown?.value ?? meta?.company ?? null;
  const location = top ? readLocation(top, company, title) : null;
  const job = withJobSources(
    { jobId, url: jobUrl, title, company, location },
    {
      jobId: urlId ? FROM.url : FROM.jobPane,
      url: urlId ? FROM.url : FROM.jobPane,
      title: paneTitle ? FROM.jobTopCard : FROM.metadata,
      company: shown?.value ? shown.from : FROM.metadata,
      location: FROM.jobTopCard,
    },
  );
  return { job, people: pane ? readHiringTeam(pane) : [] };
}

function findPane(root: Root): Element | null {
  for (const selector of JOB.detail) {
    for (const el of all(root, selector)) {
      if (inDecoy(el) || !findTitle(el, null)) continue;
      return el;
    }
  }
  return null;
}

/** The job's title: a title element, else the pane's first link to this job's own page. */
function findTitle(pane: Element, jobId: string | null): Element | null {
  const titled = first(pane, JOB.title, (el) => usable(el) && !!visibleText(el));
  if (titled) return titled;
  return first(
    pane,
    [JOB.titleLink],
    (a) => usable(a) && !!visibleText(a) && (!jobId || jobIdFromUrl(a.getAttribute('href') ?? '') === jobId),
  );
}

function idShownIn(pane: Element): string | null {
  const attr = first(pane, JOB.idAttr, usable)?.getAttribute('data-job-id');
  if (attr && /^\d{5,}$/.test(attr)) return attr;
  const link = first(pane, JOB.idLink, usable) ?? findTitle(pane, null);
  const href = link?.getAttribute('href');
  return href ? jobIdFromUrl(href) : null;
}

/** The smallest block around the title that also names the company. */
function topCardOf(titleEl: Element, pane: Element): Element {
  let cur: Element = titleEl;
  for (let i = 0; i < 8 && cur.parentElement && cur !== pane; i++) {
    cur = cur.parentElement;
    if (first(cur, ['a[href*="/company/"]'], (a) => usable(a) && !!visibleText(a))) return cur;
  }
  return cur;
}

function readCompany(top: Element, pane: Element | null): { value: string | null; from: string } {
  const named = first(top, JOB.company, (el) => usable(el) && !!visibleText(el));
  if (named) return { value: visibleText(named), from: FROM.jobTopCard };
  const link = first(top, ['a[href*="/company/"]'], (a) => usable(a) && !!visibleText(a));
  if (link) return { value: visibleText(link), from: FROM.jobTopCard };
  const about = pane ? first(pane, JOB.aboutCompany, (el) => !inDecoy(el)) : null;
  return { value: visibleText(about), from: FROM.aboutCompany };
}

function locationFromLine(line: string, company: string | null): string | null {
  const segments = line
    .split(/\s*[·•]\s*/)
    .map((s) => clean(s))
    .filter((s): s is string => !!s);
  for (const raw of segments) {
    // "Boulogne-Billancourt, France il y a 2 semaines": the age can follow the place without a dot.
    const age = raw.search(LABELS.postingAge);
    const seg = age > 0 ? clean(raw.slice(0, age)) : raw;
    if (!seg || (company && labelKey(seg) === labelKey(company))) continue;
    if (LABELS.notLocation.test(seg) || LABELS.count.test(seg) || /^\d[\d,.\s]*$/.test(seg)) continue;
    return seg;
  }
  return null;
}

function readLocation(top: Element, company: string | null, title: string): string | null {
  for (const selector of JOB.location) {
    for (const el of all(top, selector)) {
      if (!usable(el)) continue;
      for (const line of visibleLines(el)) {
        const loc = locationFromLine(line, company);
        if (loc) return loc;
      }
    }
  }
  // Structural: the "City · 3 days ago · N applicants" line under the title, any language.
  for (const line of visibleLines(top)) {
    if (line === title || !/[·•]/.test(line) || !LABELS.notLocation.test(line)) continue;
    const loc = locationFromLine(line, company);
    if (loc) return loc;
  }
  return null;
}

function findHiringCards(pane: Element): Element[] {
  const cards = all(pane, JOB.hiringCard.join(',')).filter((el) => !inDecoy(el));
  if (cards.length) return cards.filter((c) => !cards.some((o) => o !== c && o.contains(c)));
  const byHirer = all(pane, JOB.hirer.join(','))
    .filter((el) => !inDecoy(el))
    .map((el) => el.parentElement ?? el);
  if (byHirer.length) return [...new Set(byHirer)];
  // Hashed layouts: find the card by its heading, in the user's language.
  const found: Element[] = [];
  for (const heading of all(pane, 'h2, h3')) {
    const key = labelKey(visibleText(heading));
    if (!LABELS.hiringTeam.some((label) => key === label || key.startsWith(label))) continue;
    let card: Element | null = heading.parentElement;
    for (let i = 0; card && i < 4 && !first(card, ['a[href*="/in/"]']); i++) card = card.parentElement;
    if (card && !inDecoy(card)) found.push(card);
  }
  return found;
}

function readHiringTeam(pane: Element): Person[] {
  const people: Person[] = [];
  const seen = new Set<string>();
  for (const card of findHiringCards(pane)) {
    const links = all(card, 'a[href*="/in/"]').filter((a) => !inDecoy(a, DECOY));
    for (const link of links) {
      const linkedinUrl = canonicalProfileUrl(link.getAttribute('href') ?? '');
      if (!linkedinUrl || seen.has(linkedinUrl)) continue;
      const block = personBlock(link, card, linkedinUrl);
      const person = readHirer(block, linkedinUrl);
      if (person) {
        seen.add(linkedinUrl);
        people.push(person);
      }
    }
  }
  return people;
}

/** The largest block around a link that shows no other profile (the whole card for a one-person card). */
function personBlock(link: Element, card: Element, url: string): Element {
  let cur = link;
  while (cur !== card && cur.parentElement && card.contains(cur.parentElement)) {
    const parent = cur.parentElement;
    const other = all(parent, 'a[href*="/in/"]').some(
      (a) => canonicalProfileUrl(a.getAttribute('href') ?? '') !== url,
    );
    if (other) break;
    cur = parent;
  }
  return cur;
}

function nameFromAria(label: string | null): string | null {
  const text = clean(label);
  if (!text) return null;
  for (const re of LABELS.viewProfile) {
    const m = text.match(re);
    if (m) return cleanName(m[1]);
  }
  return null;
}

function readHirer(block: Element, linkedinUrl: string): Person | null {
  const links = all(block, 'a[href*="/in/"]');
  const name =
    cleanName(visibleText(first(block, JOB.hirerName))) ??
    links.map((a) => cleanName(visibleLines(a)[0])).find((n) => !!n) ??
    links.map((a) => nameFromAria(a.getAttribute('aria-label'))).find((n) => !!n) ??
    cleanName(first(block, ['img[alt]'])?.getAttribute('alt'));
  if (!name) return null;
  let headline = visibleText(first(block, JOB.hirerHeadline));
  if (!headline) {
    // The card's own heading ("Meet the hiring team") is not the person's headline.
    const headings = new Set(all(block, 'h1, h2, h3').map((h) => visibleText(h)));
    const lines = visibleLines(block);
    headline =
      lines.find(
        (line) =>
          !headings.has(line) &&
          cleanName(line) !== name &&
          !LABELS.degree.test(line) &&
          !LABELS.jobPoster.test(labelKey(line)) &&
          !!cleanName(line),
      ) ?? null;
  }
  const role = roleFromHeadline(headline);
  return withSources(
    makePerson({ name, linkedinUrl, headline, title: role?.title, company: role?.company }),
    {
      name: FROM.hiringTeam,
      linkedinUrl: FROM.hiringTeam,
      headline: FROM.hiringTeam,
      title: FROM.headline,
      company: FROM.headline,
    },
  );
}

interface MetaJob {
  title: string | null;
  company: string | null;
}

/** JSON-LD or <title>, only when the page's own metadata names this job id (it goes stale in-app). */
function jobFromMetadata(root: Root, jobId: string): MetaJob | null {
  const doc = docOf(root);
  if (!doc) return null;
  for (const script of all(doc, META.jsonLd)) {
    try {
      const data = JSON.parse(script.textContent ?? '') as Record<string, unknown>;
      const items = Array.isArray(data['@graph']) ? (data['@graph'] as Record<string, unknown>[]) : [data];
      for (const item of items) {
        if (item['@type'] !== 'JobPosting') continue;
        const ids = JSON.stringify([item.url, item.identifier, item['@id']]);
        if (!ids.includes(jobId)) continue;
        const org = item.hiringOrganization as Record<string, unknown> | undefined;
        return { title: clean(String(item.title ?? '')), company: clean(String(org?.name ?? '')) };
      }
    } catch {
      /* not JSON: ignore */
    }
  }
  const self =
    doc.querySelector(META.canonical)?.getAttribute('href') ??
    doc.querySelector(META.ogUrl)?.getAttribute('content');
  if (self && jobIdFromUrl(self) === jobId) {
    const parts = (doc.title ?? '').split(' | ').map((p) => clean(p.replace(/^\(\d+\)\s*/, '')));
    if (parts.length >= 3 && parts[0]) return { title: parts[0], company: parts[1] ?? null };
  }
  return null;
}
