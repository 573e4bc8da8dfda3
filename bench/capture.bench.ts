// npm run bench:capture — how long capturePage takes per fixture page, in Node (happy-dom) and in
// headless Chromium, against a trivial baseline read measured in the same run on the same page
// (`document.querySelector('h1')?.textContent`), plus the content-script bundle size.
// HTML parsing is excluded: the page is loaded first, then only the read is timed.
// Each sample times a batch of calls (performance.now() is coarse in pages), per-call time =
// batch time / batch size; the figures are the median and p95 of those samples.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { capturePage } from '../extension/capture/capture-page';
import { parseHtml } from '../extension/capture/parse-html';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = path.join(root, 'test/fixtures/linkedin');
const bundlePath = path.join(root, '.output/chrome-mv3/content-scripts/linkedin.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 25);
const SAMPLE_MS = 4; // grow a batch until one sample takes at least this long

interface Stats {
  median: number;
  p95: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

/** Per-call milliseconds of `fn`, SAMPLES samples of a batch sized to last SAMPLE_MS. */
function measure(fn: () => unknown, now: () => number): number[] {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  let batch = 1;
  for (;;) {
    const t = now();
    for (let i = 0; i < batch; i++) fn();
    if (now() - t >= SAMPLE_MS || batch >= 1 << 16) break;
    batch *= 2;
  }
  const out: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const t = now();
    for (let i = 0; i < batch; i++) fn();
    out.push((now() - t) / batch);
  }
  return out;
}

const fixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const name = f.replace(/\.json$/, '');
    const { url } = JSON.parse(readFileSync(path.join(fixturesDir, f), 'utf8')) as { url: string };
    const www = new URL(url);
    www.hostname = 'www.linkedin.com';
    return { name, url: www.href, html: readFileSync(path.join(fixturesDir, `${name}.html`), 'utf8') };
  });

interface Row {
  fixture: string;
  node: Stats;
  nodeBaseline: Stats;
  chromium: Stats | null;
  chromiumBaseline: Stats | null;
}
const rows: Row[] = [];

// --- Node (happy-dom) ---
for (const f of fixtures) {
  const page = parseHtml(f.html);
  const doc = page.document;
  const node = stats(
    measure(
      () => capturePage(doc, f.url),
      () => performance.now(),
    ),
  );
  const nodeBaseline = stats(
    measure(
      () => doc.querySelector('h1')?.textContent,
      () => performance.now(),
    ),
  );
  rows.push({ fixture: f.name, node, nodeBaseline, chromium: null, chromiumBaseline: null });
  page.close();
}

// --- Chromium: the same reader, bundled as a standalone script and injected into the page ---
// measure() again, as plain page JavaScript.
const MEASURE_IN_PAGE = `window.__measure = function (fn, samples, sampleMs) {
  for (let i = 0; i < 3; i++) fn();
  let batch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - t >= sampleMs || batch >= 1 << 16) break;
    batch *= 2;
  }
  const out = [];
  for (let s = 0; s < samples; s++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    out.push((performance.now() - t) / batch);
  }
  return out;
};`;
// --- Real pages (0.1-3 MB saved LinkedIn pages), when a folder of them is given ---
// REAL_PAGES_DIR holds NAME.html + NAME.json ({ url }) pairs, e.g. the output of
// `node ../shared/real-pages/extract.mjs <mirrors> <dir>`; they are never in this repository.
const realDir = process.env.REAL_PAGES_DIR;
const REAL_SAMPLES = Number(process.env.BENCH_REAL_SAMPLES ?? 9);
interface RealRow {
  page: string;
  kb: number;
  median: number;
  p95: number;
}
let realPages: RealRow[] | string = realDir
  ? `no Chromium at ${chromiumPath}: real pages skipped`
  : 'REAL_PAGES_DIR not set: real pages skipped (see docs/capture.md)';

async function benchRealPages(context: BrowserContext, reader: string): Promise<RealRow[] | string> {
  if (!realDir) return realPages;
  if (!existsSync(realDir)) return `REAL_PAGES_DIR ${realDir} does not exist: real pages skipped`;
  const names = readdirSync(realDir)
    .filter((f) => f.endsWith('.json') && existsSync(path.join(realDir, f.replace(/\.json$/, '.html'))))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
  const out: RealRow[] = [];
  const page = await context.newPage();
  for (const name of names) {
    const { url } = JSON.parse(readFileSync(path.join(realDir, `${name}.json`), 'utf8')) as { url: string };
    const www = new URL(url);
    www.hostname = 'www.linkedin.com';
    // The saved page's own scripts never run: only the reader does.
    const html = readFileSync(path.join(realDir, `${name}.html`), 'utf8').replace(
      /<script\b[^>]*>[\s\S]*?<\/script>/gi,
      '',
    );
    await page.route(www.href.replace(/#.*$/, ''), (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await page.goto(www.href, { waitUntil: 'domcontentloaded' });
    await page.addScriptTag({ content: reader });
    await page.addScriptTag({ content: MEASURE_IN_PAGE });
    const samples = (await page.evaluate(
      `__measure(() => __reachlogCapture.capturePage(document, ${JSON.stringify(www.href)}), ${REAL_SAMPLES}, 1)`,
    )) as number[];
    await page.unrouteAll();
    out.push({ page: name, kb: Math.round(Buffer.byteLength(html) / 1024), ...stats(samples) });
  }
  await page.close();
  return out;
}

let chromiumNote: string | null = null;
if (existsSync(chromiumPath)) {
  const bundled = await build({
    entryPoints: [path.join(root, 'extension/capture/capture-page.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: '__reachlogCapture',
    write: false,
    logLevel: 'error',
  });
  const reader = bundled.outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost'],
  });
  const context = await browser.newContext();
  const withoutHash = (u: string) => u.replace(/#.*$/, '');
  const bodies = new Map(fixtures.map((f) => [withoutHash(f.url), f.html]));
  await context.route('**/*', (route) => {
    const body = bodies.get(withoutHash(route.request().url()));
    return body !== undefined
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body })
      : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  for (const f of fixtures) {
    await page.goto(f.url, { waitUntil: 'domcontentloaded' });
    await page.addScriptTag({ content: reader });
    await page.addScriptTag({ content: MEASURE_IN_PAGE });
    // A string, not a function: tsx would add helpers (__name) the page does not have.
    const { capture, baseline } = (await page.evaluate(
      `({
        capture: __measure(() => __reachlogCapture.capturePage(document, ${JSON.stringify(f.url)}), ${SAMPLES}, ${SAMPLE_MS}),
        baseline: __measure(() => document.querySelector('h1')?.textContent, ${SAMPLES}, ${SAMPLE_MS}),
      })`,
    )) as { capture: number[]; baseline: number[] };
    const row = rows.find((r) => r.fixture === f.name)!;
    row.chromium = stats(capture);
    row.chromiumBaseline = stats(baseline);
  }
  await page.close();
  // A real page's own CSP (Trusted Types) would refuse the injected reader.
  const realContext = await browser.newContext({ bypassCSP: true });
  await realContext.route('**/*', (route) => route.abort('blockedbyclient'));
  realPages = await benchRealPages(realContext, reader);
  await realContext.close();
  await browser.close();
} else {
  chromiumNote = `no Chromium at ${chromiumPath} (apt-get install -y chromium): browser figures skipped`;
}

// --- Content-script bundle ---
if (!existsSync(bundlePath)) execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
const bundle = readFileSync(bundlePath);
const bundleKb = {
  raw: +(bundle.length / 1024).toFixed(2),
  gzip: +(gzipSync(bundle).length / 1024).toFixed(2),
};

// --- Report ---
const ms = (v: number | undefined) => (v === undefined ? '   -  ' : v.toFixed(3).padStart(7));
const ratio = (a: Stats | null, b: Stats | null) =>
  a && b && b.median > 0 ? Math.round(a.median / b.median) : null;
console.log(
  'capturePage per page, ms (median / p95); baseline = querySelector("h1").textContent on the same page\n',
);
console.log(
  `${'fixture'.padEnd(32)} ${'node med'.padStart(8)} ${'node p95'.padStart(8)} ${'×base'.padStart(7)}  ${'chr med'.padStart(8)} ${'chr p95'.padStart(8)} ${'×base'.padStart(7)}`,
);
for (const r of rows) {
  console.log(
    `${r.fixture.padEnd(32)} ${ms(r.node.median)}  ${ms(r.node.p95)} ${String(ratio(r.node, r.nodeBaseline) ?? '-').padStart(7)}  ${ms(r.chromium?.median)}  ${ms(r.chromium?.p95)} ${String(ratio(r.chromium, r.chromiumBaseline) ?? '-').padStart(7)}`,
  );
}
const medianOf = (pick: (r: Row) => number | undefined) =>
  stats(rows.map(pick).filter((v): v is number => v !== undefined)).median;
const worst = (pick: (r: Row) => number | undefined) =>
  Math.max(...rows.map(pick).filter((v): v is number => v !== undefined));
const summary = {
  fixtures: rows.length,
  samples: SAMPLES,
  node: {
    medianMs: +medianOf((r) => r.node.median).toFixed(3),
    worstMedianMs: +worst((r) => r.node.median).toFixed(3),
    worstP95Ms: +worst((r) => r.node.p95).toFixed(3),
  },
  chromium: chromiumNote
    ? null
    : {
        medianMs: +medianOf((r) => r.chromium?.median).toFixed(3),
        worstMedianMs: +worst((r) => r.chromium?.median).toFixed(3),
        worstP95Ms: +worst((r) => r.chromium?.p95).toFixed(3),
        baselineMedianMs: +medianOf((r) => r.chromiumBaseline?.median).toFixed(5),
        ratioToBaseline: Math.round(
          medianOf((r) => r.chromium?.median) / medianOf((r) => r.chromiumBaseline?.median),
        ),
        targetMs: 5,
        withinTarget: worst((r) => r.chromium?.median) <= 5,
      },
  nodeBaselineMedianMs: +medianOf((r) => r.nodeBaseline.median).toFixed(5),
  realPagesChromium:
    typeof realPages === 'string'
      ? realPages
      : {
          pages: realPages.length,
          medianMs: +stats(realPages.map((r) => r.median)).median.toFixed(3),
          worstMedianMs: +Math.max(...realPages.map((r) => r.median)).toFixed(3),
          worstP95Ms: +Math.max(...realPages.map((r) => r.p95)).toFixed(3),
          targetMedianMs: 5,
          targetWorstMs: 20,
          perPage: Object.fromEntries(realPages.map((r) => [r.page, { kb: r.kb, ms: +r.median.toFixed(3) }])),
        },
  contentScriptKb: bundleKb,
  perFixture: Object.fromEntries(
    rows.map((r) => [
      r.fixture,
      { nodeMs: +r.node.median.toFixed(3), chromiumMs: r.chromium ? +r.chromium.median.toFixed(3) : null },
    ]),
  ),
};
console.log(
  `\ncontent script .output/chrome-mv3/content-scripts/linkedin.js: ${bundleKb.raw} kB raw, ${bundleKb.gzip} kB gzip`,
);
if (chromiumNote) console.log(chromiumNote);
console.log(`BENCH capture ${JSON.stringify(summary)}`);
