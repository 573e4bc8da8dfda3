// People search results (/search/results/people/): one person per result card, in page order.
import type { Person } from '../../shared/capture';
import { canonicalProfileUrl } from './canonical-url';
import { dedupePeople, makePerson, roleFromCurrentLine, roleFromHeadline } from './person';
import { all, closest, first, inDecoy, type Root } from './query';
import { LABELS, SEARCH } from './selectors';
import { FROM, withSources } from './sources';
import { clean, cleanName, isDecorationLine, labelKey, visibleLines, visibleText } from './text';

const PRIVATE_NAME = 'LinkedIn Member';

export function readSearch(root: Root): Person[] {
  const main = first(root, ['main', '[role="main"]']) ?? root;
  const people: Person[] = [];
  for (const card of resultCards(main)) {
    const person = readCard(card);
    if (person) people.push(person);
  }
  return dedupePeople(people);
}

function resultCards(main: Root): Element[] {
  for (const selector of [...SEARCH.card, ...SEARCH.list]) {
    const cards = all(main, selector).filter((c) => !inDecoy(c));
    // Outermost matches only: a card never contains another card.
    const outer = cards.filter((c) => !cards.some((o) => o !== c && o.contains(c)));
    // On "All" results, posts and companies are cards too: only member results are people.
    const members = outer.filter((c) => {
      const urn =
        c.getAttribute('data-chameleon-result-urn') ??
        first(c, ['[data-chameleon-result-urn]'])?.getAttribute('data-chameleon-result-urn');
      return !urn || urn.startsWith('urn:li:member:');
    });
    const withPerson = members.filter((c) => !!first(c, ['a[href*="/in/"]']) || isPrivate(c));
    if (withPerson.length) return withPerson;
  }
  return listOfPeople(main);
}

/**
 * Structural fallback for layouts we have not seen: the list whose items each link to a profile
 * (the results), the longest one when several do.
 */
function listOfPeople(main: Root): Element[] {
  let best: Element[] = [];
  for (const list of all(main, 'ul, ol, [role="list"]')) {
    if (inDecoy(list)) continue;
    const items = Array.from(list.children).filter((li) => !!first(li, ['a[href*="/in/"]']));
    if (items.length > best.length) best = items;
  }
  return best;
}

function isPrivate(card: Element): boolean {
  return visibleLines(card).some((l) => LABELS.privateMember.test(l));
}

function notInsight(el: Element): boolean {
  return !closest(el, SEARCH.insight);
}

function readCard(card: Element): Person | null {
  const link = first(card, ['a[href*="/in/"]'], notInsight);
  const linkedinUrl = canonicalProfileUrl(link?.getAttribute('href') ?? '');
  const nameEl = first(card, SEARCH.name, (el) => notInsight(el) && !!visibleText(el));
  // A link may wrap the whole card (name, headline, location): its first line is the name.
  let name = cleanName(visibleText(nameEl)) ?? cleanName(visibleLines(link)[0]);
  if (!name && !linkedinUrl && isPrivate(card)) name = PRIVATE_NAME;
  if (!name) name = cleanName(link ? first(card, ['img[alt]'])?.getAttribute('alt') : null);
  if (!name) return null;
  if (LABELS.privateMember.test(name)) {
    name = PRIVATE_NAME;
  } else if (!linkedinUrl) {
    return null; // a company, group or ad card
  }

  let headline = visibleText(first(card, SEARCH.headline, notInsight));
  let location = visibleText(first(card, SEARCH.location, notInsight));
  if (!headline) {
    // Structural: the two lines under the name are the headline and the location.
    const lines = linesAfterName(card, name);
    headline = lines[0] ?? null;
    location = location ?? lines[1] ?? null;
  }
  const summary = all(card, SEARCH.summary.join(','))
    .filter(notInsight)
    .map((el) => visibleText(el))
    .find((t) => !!t && LABELS.current.test(t));
  const current = roleFromCurrentLine(summary);
  const role = current ?? roleFromHeadline(headline);
  const roleFrom = current ? FROM.currentLine : FROM.headline;
  return withSources(
    makePerson({ name, linkedinUrl, headline, location, title: role?.title, company: role?.company }),
    {
      name: FROM.searchCard,
      linkedinUrl: FROM.searchCard,
      headline: FROM.searchCard,
      location: FROM.searchCard,
      title: roleFrom,
      company: roleFrom,
    },
  );
}

const PRIVATE_PREFIX = /^(?:linkedin member|membre linkedin|linkedin[- ]mitglied|miembro de linkedin)\b/i;

function linesAfterName(card: Element, name: string): string[] {
  const key = labelKey(name);
  // Without its classes a card shows the screen-reader text too ("View X's profile"): every
  // line that repeats the name belongs to the name.
  const isNameLine = (l: string) =>
    labelKey(cleanName(l)).includes(key) ||
    PRIVATE_PREFIX.test(l) ||
    LABELS.viewProfile.some((re) => re.test(l));
  const lines = visibleLines(card).filter((l) => !LABELS.degree.test(l) && !isDecorationLine(l));
  const at = lines.findIndex(isNameLine);
  if (at < 0) return [];
  return lines
    .slice(at + 1)
    .filter((l) => !isNameLine(l) && !LABELS.current.test(l))
    .slice(0, 2)
    .map((l) => clean(l) ?? l);
}
