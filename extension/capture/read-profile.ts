// Profile page (/in/<slug>/): exactly one person, the profile owner.
import type { Person } from '../../shared/capture';
import { canonicalProfileUrl, parseLinkedInUrl } from './canonical-url';
import { firstSegment, makePerson, roleFromHeadline, type Role } from './person';
import { all, closest, docOf, first, inDecoy, sectionOf, type Root } from './query';
import { LABELS, PROFILE } from './selectors';
import { FROM, withSources } from './sources';
import { clean, cleanName, findEmail, isDecorationLine, labelKey, visibleLines, visibleText } from './text';

export function readProfile(root: Root, url: string): Person | null {
  const main = first(root, ['main', '[role="main"]', '.scaffold-layout__main']) ?? root;
  const card = findTopCard(root, main);
  if (!card) return isSubPage(url) ? readSubPage(root, main, url) : null;
  const nameEl = findNameElement(card);
  const name = nameEl ? cleanName(visibleText(nameEl)) : nameFromAttributes(card);
  if (!name) return null;
  const owner = ownerUrl(card, url);
  if (owner === STALE) return null;
  const headline = readHeadline(card, nameEl, name);
  const role =
    roleFromExperience(main) ??
    (main !== root ? roleFromExperience(root) : null) ??
    roleFromTopCard(card) ??
    roleFromCompanyLine(card, headline.value) ??
    sourced(roleFromHeadline(headline.value), FROM.headline);
  const email = readEmail(root, main, name, owner.value);
  const location = readLocation(card, headline.value, role?.company ?? null);
  return withSources(
    makePerson({
      name,
      linkedinUrl: owner.value,
      headline: headline.value,
      title: role?.title ?? null,
      company: role?.company ?? null,
      email: email.value,
      location: location.value,
    }),
    {
      name: nameEl ? FROM.topCard : FROM.nameLabel,
      linkedinUrl: owner.from,
      headline: headline.from,
      title: role?.from,
      company: role?.from,
      email: email.from,
      location: location.from,
    },
  );
}

/** A value and the strategy that found it. */
interface Found<T> {
  value: T | null;
  from?: string;
}
const NONE: Found<never> = { value: null };
const found = <T>(value: T | null | undefined, from: string): Found<T> =>
  value == null ? NONE : { value, from };

type SourcedRole = Role & { from: string };
function sourced(role: Role | null, from: string): SourcedRole | null {
  return role ? { ...role, from } : null;
}

const STALE = 'stale' as const;

/** /in/<slug>/details/<section>/ (experience, education, skills…): the owner's list pages. */
function isSubPage(url: string): string | null {
  const m = parseLinkedInUrl(url)?.pathname.match(/^\/in\/[^/]+\/details\/([^/]+)/i);
  return m?.[1]?.toLowerCase() ?? null;
}

/**
 * A sub-page shows no top card: the owner is the toolbar's name/headline lockup, the URL gives
 * the profile, and on /details/experience/ the list's first entry gives title and company.
 * No location is shown for the owner there (an entry's place is a job's place).
 */
function readSubPage(root: Root, main: Root, url: string): Person | null {
  const linkedinUrl = canonicalProfileUrl(url);
  const lockup = first(
    root,
    PROFILE.subPageLockup,
    (el) =>
      !closest(
        el,
        'main, aside, .scaffold-layout__aside, header#global-nav, #msg-overlay, .msg-overlay-container',
      ),
  );
  if (!lockup || !linkedinUrl) return null;
  const name = cleanName(visibleText(first(lockup, PROFILE.lockupTitle)));
  if (!name) return null;
  const headline = visibleText(first(lockup, PROFILE.lockupSubtitle));
  const role = isSubPage(url) === 'experience' ? roleFromExperience(main, true) : null;
  return withSources(
    makePerson({ name, linkedinUrl, headline, title: role?.title ?? null, company: role?.company ?? null }),
    {
      name: FROM.subPageHeader,
      linkedinUrl: FROM.url,
      headline: FROM.subPageHeader,
      title: role?.from,
      company: role?.from,
    },
  );
}

/**
 * The owner's profile URL. The top card links to its own profile (about-this-profile, contact
 * info): when those links name another profile than the URL, the page still shows the previous
 * profile after an in-app navigation — read nothing until it updates. A URL with a member id
 * instead of the public slug (/in/ACoAA…) takes the slug from the card.
 */
function ownerUrl(card: Element, url: string): Found<string> | typeof STALE {
  const fromUrl = canonicalProfileUrl(url);
  // Only links to the owner's own overlays: the card may also link to mutual connections.
  const fromCard = all(card, 'a[href*="/in/"][href*="/overlay/"]')
    .filter(notDecoy)
    .map((a) => canonicalProfileUrl(a.getAttribute('href') ?? ''))
    .filter((u): u is string => !!u);
  if (!fromCard.length || (fromUrl && fromCard.includes(fromUrl))) return found(fromUrl, FROM.url);
  const memberId = !fromUrl || /\/in\/aco[a-z0-9_-]{10,}\/$/i.test(fromUrl);
  return memberId ? found(fromCard[0], FROM.topCard) : STALE;
}

function notDecoy(el: Element): boolean {
  return !inDecoy(el, '[role="dialog"],.artdeco-modal');
}

function findTopCard(root: Root, main: Root): Element | null {
  const byAttr = first(main, PROFILE.topCard, notDecoy) ?? first(root, PROFILE.topCard, notDecoy);
  if (byAttr) return byAttr;
  const anchor = first(main, PROFILE.topCardAnchors, notDecoy);
  if (anchor) return sectionOf(anchor, main as Element);
  // Last resort: the section around the first heading of the main column.
  // Only an h1: on /details/ sub-pages the first h2 is a list heading, not the owner's name.
  const heading = first(main, ['h1'], (el) => notDecoy(el) && !isSectionHeading(el));
  if (heading) return sectionOf(heading, main as Element);
  // Hashed layouts name the owner in an h2: accept one that the page confirms (photo alt/title,
  // an action's aria-label, or the document title).
  const title = labelKey(docOf(root)?.title?.replace(/^\(\d+\)\s*/, ''));
  for (const h2 of all(main, 'h2')) {
    if (!notDecoy(h2) || isSectionHeading(h2)) continue;
    const name = cleanName(visibleText(h2));
    if (!name) continue;
    const section = sectionOf(h2, main as Element);
    const key = labelKey(name);
    const confirmed =
      all(section, 'img[alt], img[title]').some(
        (img) => labelKey(img.getAttribute('alt')) === key || labelKey(img.getAttribute('title')) === key,
      ) ||
      all(section, '[aria-label]').some((el) => labelKey(el.getAttribute('aria-label')).includes(key)) ||
      title.startsWith(`${key} |`);
    if (confirmed) return section;
  }
  return null;
}

const SECTION_HEADINGS = new Set([
  ...LABELS.experience,
  ...LABELS.about,
  'activity',
  'activité',
  'aktivitäten',
  'actividad',
  'education',
  'formation',
  'ausbildung',
  'educación',
  'skills',
  'compétences',
  'kenntnisse',
  'aptitudes',
  'highlights',
  'featured',
  'more profiles for you',
  'people also viewed',
]);

function isSectionHeading(el: Element): boolean {
  return SECTION_HEADINGS.has(labelKey(visibleText(el)));
}

function findNameElement(card: Element): Element | null {
  return first(
    card,
    PROFILE.name,
    (el) => notDecoy(el) && !isSectionHeading(el) && !!cleanName(visibleText(el)),
  );
}

/** Name from the name link's aria-label or the photo's title when no heading has text yet. */
function nameFromAttributes(card: Element): string | null {
  const link = first(card, PROFILE.nameAria);
  const photo = first(card, PROFILE.photoTitle);
  return cleanName(link?.getAttribute('aria-label')) ?? cleanName(photo?.getAttribute('title'));
}

function readHeadline(card: Element, nameEl: Element | null, name: string): Found<string> {
  const el = first(card, PROFILE.headline, (e) => notDecoy(e) && !!visibleText(e) && !e.contains(nameEl));
  if (el) return found(visibleText(el), FROM.topCard);
  // Structural: the first line after the name that is not a degree, pronoun or badge.
  const lines = visibleLines(card);
  const at = lines.findIndex((l) => cleanName(l) === name);
  if (at < 0) return NONE;
  for (const line of lines.slice(at + 1, at + 5)) {
    if (isDecorationLine(line) || LABELS.degree.test(line) || cleanName(line) === name) continue;
    return found(line, FROM.lineUnderName);
  }
  return NONE;
}

const NOT_A_PLACE =
  /\d|connections?|followers?|relations?|abonnés|kontakte|follower|contactos|seguidores|contact info|coordonnées|kontaktinfo|información de contacto/i;

function readLocation(card: Element, headline: string | null, company: string | null): Found<string> {
  const el = first(card, PROFILE.location, notDecoy);
  const text = visibleText(el);
  if (text) return found(text, FROM.topCard);
  // Structural: the text next to the "Contact info" link, whatever its language.
  const contact =
    first(card, ['a[href*="/overlay/contact-info"]']) ??
    first(card, ['a'], (a) => LABELS.contactInfo.test(visibleText(a) ?? ''));
  let block = contact?.parentElement ?? null;
  for (let i = 0; block && i < 3; i++, block = block.parentElement) {
    const linkText = visibleText(contact);
    const lines = visibleLines(block).filter((l) => l !== linkText && l !== '·');
    if (lines.length) return found(clean(lines[0]?.replace(/[\s·•]+$/, '')), FROM.besideContactInfo);
  }
  // Structural: the line under the headline, past the current company and school lines (2018:
  // one line each; 2026: one "Company · School" line), when it reads like a place.
  const lines = visibleLines(card);
  const at = headline ? lines.indexOf(headline) : -1;
  if (at < 0) return NONE;
  const companyLine = companySchoolLine(card, headline)?.join(' · ');
  for (const next of lines.slice(at + 1, at + 4)) {
    if (next === company || next === companyLine || LABELS.school.test(next)) continue;
    if (!NOT_A_PLACE.test(next) && !isDecorationLine(next) && next.split(' ').length <= 8) {
      return found(next, FROM.lineUnderHeadline);
    }
    break;
  }
  return NONE;
}

/** The top card's entries (current company, school…): buttons or links with a logo and a name. */
function topCardEntries(card: Element): Set<string> {
  const texts = all(card, '[role="button"], button, a')
    .filter(notDecoy)
    .map((el) => visibleText(el, { keepButtons: true }));
  return new Set(texts.filter((t): t is string => !!t).map((t) => labelKey(t)));
}

/** A line under the headline "Company · School" (2024-2026), whose parts are the top card's entries. */
function companySchoolLine(card: Element, headline: string | null): string[] | null {
  if (!headline) return null;
  const lines = visibleLines(card);
  const at = lines.indexOf(headline);
  const line = at >= 0 ? lines[at + 1] : undefined;
  if (!line || /\d/.test(line)) return null;
  const parts = line
    .split(/\s+[·•]\s+/)
    .map((p) => clean(p))
    .filter((p): p is string => !!p);
  const entries = topCardEntries(card);
  return parts.length && parts.every((p) => entries.has(labelKey(p))) ? parts : null;
}

/** Company from the "Company · School" line: its first part, unless that part is the school. */
function roleFromCompanyLine(card: Element, headline: string | null): SourcedRole | null {
  const parts = companySchoolLine(card, headline);
  const company = parts?.[0];
  if (!parts || !company || (parts.length === 1 && LABELS.school.test(company))) return null;
  return { title: null, company, from: FROM.topCardCompany };
}

/** The top card's "Current company" entry: company only (title stays null). */
function roleFromTopCard(card: Element): SourcedRole | null {
  const el = first(card, PROFILE.currentCompany, notDecoy);
  let company = visibleText(el, { keepButtons: true });
  if (!company) {
    const aria = first(card, ['button[aria-label]', 'a[aria-label]'], (e) =>
      LABELS.currentCompanyAria.test(e.getAttribute('aria-label') ?? ''),
    );
    company = clean(aria?.getAttribute('aria-label')?.match(LABELS.currentCompanyAria)?.[1]);
  }
  return company ? { title: null, company, from: FROM.topCardCompany } : null;
}

function findExperienceSection(main: Root, wholeList = false): Element | null {
  // On /details/experience/ the main column's first card is the experience list, in any language.
  if (wholeList) {
    const entity = first(main, PROFILE.entity, (e) => !inDecoy(e));
    if (entity) return closest(entity, 'section') ?? entity.parentElement;
  }
  const anchor = first(main, PROFILE.experienceAnchor);
  if (anchor) return closest(anchor, 'section') ?? anchor.parentElement;
  const byKey = first(main, PROFILE.experienceSection);
  if (byKey) return byKey;
  for (const heading of all(main, 'section h2')) {
    if ((LABELS.experience as readonly string[]).includes(labelKey(visibleText(heading))))
      return closest(heading, 'section');
  }
  return null;
}

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/;

/** Current (first) experience entry; for a grouped entry, the company line plus its first role. */
function roleFromExperience(main: Root, wholeList = false): SourcedRole | null {
  const section = findExperienceSection(main, wholeList);
  if (!section || inDecoy(section)) return null;
  const entry = first(
    section,
    PROFILE.entity,
    (e) => !closest(e.parentElement, '[data-view-name="profile-component-entity"]'),
  );
  if (!entry) return null;
  // A grouped entry nests roles (each with its dates); a single role may nest a description or
  // media ("Onboarding kit"), which are not roles.
  const subRole = first(
    entry,
    [...PROFILE.subRoles, '[data-view-name="profile-component-entity"]'],
    (e) => e !== entry && visibleLines(closest(e, 'li') ?? e).some((l) => YEAR.test(l)),
  );
  const topLines = entryLines(entry, subRole);
  if (subRole) {
    const roleLines = visibleLines(first(subRole, PROFILE.entityBold) ?? subRole);
    const company = topLines[0] ?? null;
    const title = roleLines[0] ?? null;
    return title || company ? { title, company, from: FROM.experience } : null;
  }
  const title = topLines[0] ?? null;
  const company = firstSegment(topLines[1]);
  return title || company ? { title, company, from: FROM.experience } : null;
}

/** The entry's own lines (title, company line, dates…), without nested roles or descriptions. */
function entryLines(entry: Element, subRole: Element | null): string[] {
  const bold = first(
    entry,
    PROFILE.entityBold,
    (e) => !subRole || !closest(e, '.pvs-entity__sub-components'),
  );
  const normal = first(
    entry,
    PROFILE.entityNormal,
    (e) => !subRole || !closest(e, '.pvs-entity__sub-components'),
  );
  const boldText = visibleText(bold);
  if (boldText) return [boldText, visibleText(normal) ?? ''];
  const sub = first(entry, ['.pvs-entity__sub-components']);
  return visibleLines(entry).filter((line) => !sub || !visibleLines(sub).includes(line));
}

/** Contact info overlay (mailto link) or the About text; never messages, jobs or JSON. */
function readEmail(root: Root, main: Root, name: string, profileUrl: string | null): Found<string> {
  for (const dialog of all(root, PROFILE.contactDialog.join(','))) {
    if (!isContactDialogFor(dialog, name, profileUrl)) continue;
    for (const link of all(dialog, 'a[href]')) {
      const href = link.getAttribute('href') ?? '';
      if (!/^\s*mailto:/i.test(href)) continue;
      let address = href.replace(/^\s*mailto:/i, '').split('?')[0] ?? '';
      try {
        address = decodeURIComponent(address);
      } catch {
        /* keep as written */
      }
      const email = findEmail(address) ?? findEmail(visibleText(link));
      if (email) return found(email, FROM.contactInfo);
    }
    const section = all(dialog, PROFILE.contactSection.join(',')).find((s) =>
      /e-?mail|courriel|correo/i.test(visibleText(s) ?? ''),
    );
    const email = findEmail(visibleText(section));
    if (email) return found(email, FROM.contactInfo);
  }
  // Saved or half-rendered pages may leave the profile's cards outside <main>.
  const about = aboutSection(main) ?? aboutSection(root);
  return about ? found(findEmail(visibleText(about)), FROM.about) : NONE;
}

function isContactDialogFor(dialog: Element, name: string, profileUrl: string | null): boolean {
  const links = all(dialog, 'a[href*="/in/"]')
    .map((a) => canonicalProfileUrl(a.getAttribute('href') ?? ''))
    .filter((u): u is string => !!u);
  if (links.length) return !!profileUrl && links.includes(profileUrl);
  const heading = first(dialog, ['h1', 'h2']);
  return cleanName(visibleText(heading)) === name || all(dialog, PROFILE.contactSection.join(',')).length > 0;
}

function aboutSection(main: Root): Element | null {
  const anchor = first(main, PROFILE.aboutAnchor);
  if (anchor) return closest(anchor, 'section');
  for (const heading of all(main, 'section h2')) {
    if ((LABELS.about as readonly string[]).includes(labelKey(visibleText(heading))))
      return closest(heading, 'section');
  }
  return null;
}
