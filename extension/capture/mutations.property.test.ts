// Property tests: random mutations of the fixtures (classes removed, attributes reordered, noise
// injected, subtrees deleted) never make capturePage throw and always give a contract-shaped
// Capture. With every class removed, every fixture still gives exactly its expected Capture.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Capture } from '../../shared/capture';
import { capturePage } from './capture-page';
import { readClockOf, type FixtureClock } from './fixture-clock';
import type { ReadClock } from './message-times';
import { captureProblems } from './capture-shape';
import { parseHtml, type ParsedPage } from './parse-html';
import { withoutSources } from './sources';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/linkedin');
interface Fixture {
  name: string;
  url: string;
  expected: Capture;
  clock: ReadClock;
  page: ParsedPage;
}
const fixtures: Fixture[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const name = f.replace(/\.json$/, '');
    const file = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as {
      url: string;
      expected: Capture;
      clock?: FixtureClock;
    };
    const { url, expected } = file;
    return {
      name,
      url,
      expected,
      clock: readClockOf(file),
      page: parseHtml(readFileSync(path.join(dir, `${name}.html`), 'utf8')),
    };
  });
afterAll(() => fixtures.forEach((f) => f.page.close()));

/** A fresh copy of the fixture's document, to mutate. */
function copyOf(f: Fixture): Document {
  return f.page.document.cloneNode(true) as Document;
}

function elements(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll('body *'));
}

function expectContractShaped(result: Capture, context: string): void {
  expect(captureProblems(result), context).toEqual([]);
}

const fixtureArb = fc.constantFrom(...fixtures);
const picks = fc.array(fc.nat(), { minLength: 1, maxLength: 40 });
const RUNS = Number(process.env.CAPTURE_PROPERTY_RUNS ?? 30);

describe('capturePage under random mutations of the fixtures', () => {
  it('removing class attributes', () => {
    fc.assert(
      fc.property(fixtureArb, picks, (f, idx) => {
        const doc = copyOf(f);
        const els = elements(doc);
        for (const i of idx) els[i % els.length]?.removeAttribute('class');
        expectContractShaped(capturePage(doc, f.url, { clock: f.clock }), f.name);
      }),
      { numRuns: RUNS },
    );
  });

  it('shuffling attribute order', () => {
    fc.assert(
      fc.property(fixtureArb, picks, fc.integer(), (f, idx, seed) => {
        const doc = copyOf(f);
        const els = elements(doc);
        for (const i of idx) {
          const el = els[i % els.length];
          if (!el) continue;
          const attrs = Array.from(el.attributes).map((a) => [a.name, a.value] as const);
          attrs.forEach(([name]) => el.removeAttribute(name));
          attrs
            .map((a, k) => ({ a, key: (k * 7919 + seed) % 101 }))
            .sort((x, y) => x.key - y.key)
            .forEach(({ a: [name, value] }) => el.setAttribute(name, value));
        }
        // Attribute order never matters: the result is exactly the expected one.
        expect(withoutSources(capturePage(doc, f.url, { clock: f.clock }))).toStrictEqual(f.expected);
      }),
      { numRuns: RUNS },
    );
  });

  // Slow on a loaded machine (large fixtures): a longer timeout, not fewer runs.
  it('injecting noise nodes and text', { timeout: 60_000 }, () => {
    const noise = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('div', 'span', 'text', 'comment', 'section', 'h2', 'a'),
      text: fc.string({ maxLength: 40 }),
    });
    fc.assert(
      fc.property(fixtureArb, fc.array(noise, { minLength: 1, maxLength: 25 }), (f, items) => {
        const doc = copyOf(f);
        const els = elements(doc);
        for (const { at, kind, text } of items) {
          const parent = els[at % els.length];
          if (!parent) continue;
          const node =
            kind === 'text'
              ? doc.createTextNode(text)
              : kind === 'comment'
                ? doc.createComment(text)
                : doc.createElement(kind);
          if (node.nodeType === 1) {
            node.textContent = text;
            if (kind === 'a')
              (node as Element).setAttribute(
                'href',
                `https://www.linkedin.com/in/${encodeURIComponent(text)}`,
              );
          }
          parent.insertBefore(node, parent.childNodes[at % (parent.childNodes.length + 1)] ?? null);
        }
        expectContractShaped(capturePage(doc, f.url, { clock: f.clock }), f.name);
      }),
      { numRuns: RUNS },
    );
  });

  it('deleting random subtrees', () => {
    fc.assert(
      fc.property(fixtureArb, picks, (f, idx) => {
        const doc = copyOf(f);
        for (const i of idx) {
          const els = elements(doc);
          if (!els.length) break;
          els[i % els.length]?.remove();
        }
        expectContractShaped(capturePage(doc, f.url, { clock: f.clock }), f.name);
      }),
      { numRuns: RUNS },
    );
  });

  it('any URL string, on any fixture', () => {
    fc.assert(
      fc.property(
        fixtureArb,
        fc.oneof(fc.string(), fc.webUrl(), fc.constant('https://www.linkedin.com/in/%E0%A4%A/')),
        (f, url) => {
          expectContractShaped(capturePage(f.page.document, url, { clock: f.clock }), f.name);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// Layouts where LinkedIn itself marked the fields with classes only (no attribute, ARIA or
// wording to fall back on): without classes they may lose fields, never read a wrong person.
// The 2018 Ember profile tells its company, school and location lines apart, and hides the
// experience entry's "Company Name" label, by classes only.
const CLASS_ONLY = new Set([
  'search_people_2018_ember',
  'profile_details_experience_fr_2024',
  'profile_2018_ember',
]);

describe('with every class attribute removed', () => {
  // Every field has an attribute, ARIA, structural or wording strategy besides its classes.
  it.each(fixtures.filter((f) => !CLASS_ONLY.has(f.name)).map((f) => [f.name, f] as const))(
    '%s gives exactly its expected Capture',
    (_name, f) => {
      const doc = copyOf(f);
      for (const el of Array.from(doc.querySelectorAll('[class]'))) el.removeAttribute('class');
      expect(withoutSources(capturePage(doc, f.url, { clock: f.clock }))).toStrictEqual(f.expected);
    },
  );

  it.each(fixtures.filter((f) => CLASS_ONLY.has(f.name)).map((f) => [f.name, f] as const))(
    '%s (class-only layout) reads no one who is not on the page',
    (_name, f) => {
      const doc = copyOf(f);
      for (const el of Array.from(doc.querySelectorAll('[class]'))) el.removeAttribute('class');
      const names = new Set(f.expected.people.map((p) => p.name));
      for (const p of capturePage(doc, f.url, { clock: f.clock }).people) expect(names).toContain(p.name);
    },
  );
});
