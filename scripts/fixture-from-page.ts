// npm run fixture:from-page -- page.html map.json [out-dir]
//
// Turns a real saved LinkedIn page into a committable fixture without real people: keeps the
// markup (tags, attributes, classes, nesting) of the regions the reader uses, drops everything
// else, and replaces every real string by an invented one.
//
// map.json:
//   {
//     "name": "profile_2024_ember_grouped",          // fixture name (out-dir/NAME.html + NAME.json)
//     "url": "https://www.linkedin.com/in/…/",      // the URL the page was at (real; mapped too)
//     "expected": { …Capture… },                     // optional: the real page's expected capture (mapped too)
//     "keep": ["section[data-member-id]", "first:li.artdeco-list__item"],  // regions kept (with their
//                                                    // ancestors' tags); "first:" keeps the first match only
//     "drop": [".pvs-entity__sub-components"],      // optional: parts removed inside kept regions
//     "strings": { "Real Name": "Invented Name", "real-slug": "invented-slug", … }
//   }
// Everything outside `keep` goes; scripts, styles, <code> blobs, SVG paths, images' src, inline
// styles and query strings go; each `strings` key is replaced (exact case) everywhere, in
// text and attributes. The map holds real data: never commit it. The script refuses to write when
// a real string is left, and lists every remaining /in/ slug and text line so a person can check
// that no other real name (mutual connections, rails) slipped through.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseHtml } from '../extension/capture/parse-html';

interface PageMap {
  name: string;
  url: string;
  expected?: unknown;
  keep?: string[];
  drop?: string[];
  strings: Record<string, string>;
}

function fail(message: string): never {
  process.stderr.write(`fixture:from-page: ${message}\n`);
  process.exit(2);
}

const [pageFile, mapFile, outDir = 'test/fixtures/linkedin'] = process.argv.slice(2);
if (!pageFile || !mapFile) fail('usage: npm run fixture:from-page -- page.html map.json [out-dir]');
const map = JSON.parse(readFileSync(mapFile, 'utf8')) as PageMap;
if (!map.name || !/^[a-z0-9_]+$/.test(map.name)) fail('map.json needs a snake_case "name"');

const page = parseHtml(readFileSync(pageFile, 'utf8'));
const doc = page.document;

// 1. Never-read parts.
for (const el of Array.from(
  doc.querySelectorAll('script, style, noscript, code, link, meta, iframe, template'),
)) {
  el.remove();
}
for (const svg of Array.from(doc.querySelectorAll('svg'))) svg.replaceChildren();

for (const selector of map.drop ?? [])
  for (const el of Array.from(doc.querySelectorAll(selector))) el.remove();

// 2. Only the kept regions (and the chain of their ancestors, which keeps the nesting).
if (map.keep?.length) {
  const kept = new Set<Element>();
  for (const entry of map.keep) {
    // "first:<selector>" keeps only its first match.
    const selector = entry.replace(/^first:/, '');
    const all = Array.from(doc.querySelectorAll(selector));
    const found = entry.startsWith('first:') ? all.slice(0, 1) : all;
    if (!found.length) fail(`keep selector matches nothing: ${selector}`);
    for (const el of found) kept.add(el);
  }
  const onPath = new Set<Element>();
  for (const el of kept) for (let a: Element | null = el; a; a = a.parentElement) onPath.add(a);
  const prune = (el: Element) => {
    for (const child of Array.from(el.children)) {
      if (kept.has(child)) continue;
      if (onPath.has(child)) prune(child);
      else child.remove();
    }
    // Text beside the kept regions (outside them) goes too.
    if (!kept.has(el)) for (const n of Array.from(el.childNodes)) if (n.nodeType === 3) n.remove();
  };
  prune(doc.documentElement);
}

// 3. Attributes that carry data, not structure.
for (const el of Array.from(doc.querySelectorAll('*'))) {
  for (const { name, value } of Array.from(el.attributes)) {
    if (name === 'style' || name === 'srcset' || name.startsWith('on')) el.removeAttribute(name);
    else if (name === 'src' || name === 'data-delayed-url' || name === 'data-ghost-url')
      el.setAttribute(name, '');
    else if (name === 'href' && /^https?:|^\//.test(value))
      el.setAttribute(name, value.replace(/[?#].*$/, ''));
    else if (value.length > 300) el.setAttribute(name, '');
  }
}

// 4. Real strings → invented ones, longest first (a full name before its first name).
const pairs = Object.entries(map.strings).sort((a, b) => b[0].length - a[0].length);
const replaceAll = (s: string) => {
  let out = s;
  for (const [real, invented] of pairs) {
    out = out.split(real).join(invented);
    // Slugs appear percent-encoded in hrefs.
    const enc = encodeURIComponent(real);
    if (enc !== real) out = out.split(enc).join(invented);
  }
  return out;
};
// Serialising a saved page to a fixture file (Node only, never rendered into any page).
// eslint-disable-next-line no-restricted-properties
const html = replaceAll(`<!doctype html>\n${doc.documentElement.outerHTML}`)
  .replace(/<!---->/g, '')
  .replace(/\n\s*\n+/g, '\n');
page.close();

const leftover = pairs
  .map(([real]) => real)
  .filter((real) => html.toLowerCase().includes(real.toLowerCase()));
if (leftover.length) fail(`real strings left after mapping: ${leftover.join(', ')}`);

mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, `${map.name}.html`), html);
if (map.expected) {
  const json = JSON.parse(replaceAll(JSON.stringify({ url: map.url, expected: map.expected }))) as object;
  writeFileSync(path.join(outDir, `${map.name}.json`), `${JSON.stringify(json, null, 2)}\n`);
}

// 5. What a person must check: every profile slug and every text line left.
const check = parseHtml(html);
const slugs = new Set(
  Array.from(check.document.querySelectorAll('a[href*="/in/"]')).map((a) => a.getAttribute('href')),
);
const lines = new Set(
  (check.document.body?.textContent ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean),
);
check.close();
process.stdout.write(
  `wrote ${path.join(outDir, map.name)}.html (${html.length} bytes)\n` +
    `profile links left:\n  ${[...slugs].join('\n  ') || '(none)'}\n` +
    `text left (check no real person remains):\n  ${[...lines].join('\n  ')}\n`,
);
