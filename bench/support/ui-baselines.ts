// The bare baselines of the dashboard's first render (bench/ui.bench.ts), three pages of the same
// extension loaded the same way, beside the dashboard in the same run:
//  - static: the dashboard's HTML (its inline CSS) with 20 rows written in it and no script —
//    what any extension page costs on this machine: navigation, a renderer, parsing, layout;
//  - bare read: the same HTML with a 1 kB script that reads the 20 latest sends from the same
//    IndexedDB store and index the dashboard reads, with the raw API (no Dexie), and writes them
//    with textContent (no React) — the bare handler of the first screen's read, as the server's
//    bench has its bare node:http + better-sqlite3 handler;
//  - stack floor: the same read with Dexie, rendered by React (ui-stack-floor.tsx), bundled here
//    as the build bundles (minified, production React) — the stack the design fixes, without
//    the product.
// They exist only in a copy of the build made for the bench: the product has no such pages.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { CHANNEL_LABELS } from '../../shared/channel-labels';

export const STATIC_PAGE = '/bench-static.html';
export const BARE_READ_PAGE = '/bench-bare-read.html';
export const STACK_FLOOR_PAGE = '/bench-stack-floor.html';

const COLUMNS = ['Time', 'Recruiter', 'Company', 'Job or role', 'Channel', 'Status'];

// Plain JS: it is copied into the build as it is. The empty history shows the dashboard's text,
// so the bench's probe sees the same moment on every page.
const BARE_READ_SCRIPT = `const LIMIT = 20;
const CHANNELS = ${JSON.stringify(CHANNEL_LABELS)};
const root = document.getElementById('root');
const cell = (tr, text) => (tr.insertCell().textContent = text);
const render = (rows) => {
  if (!rows.length) return void (root.textContent = 'Nothing sent yet');
  const table = document.createElement('table');
  table.className = 'table';
  const head = table.createTHead().insertRow();
  for (const c of ${JSON.stringify(COLUMNS)}) head.appendChild(document.createElement('th')).textContent = c;
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.testid = 'attempt-row';
    cell(tr, new Date(r.sentAt).toLocaleString());
    cell(tr, r.recipientName);
    cell(tr, r.companyName ?? '—');
    cell(tr, r.jobTitle ?? '');
    cell(tr, CHANNELS[r.channel]);
    cell(tr, r.status);
  }
  root.appendChild(table);
};
const open = indexedDB.open('reachlog');
open.onsuccess = () => {
  const rows = [];
  const cursor = open.result.transaction('history').objectStore('history').index('sentAt').openCursor(null, 'prev');
  cursor.onsuccess = () => {
    const c = cursor.result;
    if (c && rows.length < LIMIT) {
      rows.push(c.value);
      c.continue();
    } else render(rows);
  };
};
`;

function staticRows(): string {
  const head = `<tr>${COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr>`;
  const rows = Array.from(
    { length: 20 },
    (_, i) =>
      `<tr data-testid="attempt-row"><td>12/3/2026, 10:${String(i).padStart(2, '0')}:00 AM</td>` +
      `<td>Marisol Quintero ${i}</td><td>Brightline Freight</td><td>Staff Backend Engineer</td>` +
      '<td>Email + LinkedIn</td><td>sent</td></tr>',
  ).join('');
  return `<table class="table"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/**
 * A copy of the built extension with the three baseline pages added. `dispose` deletes it. The
 * copy's extension id differs from the build's (an unpacked extension's id follows its path), so
 * its IndexedDB is its own: the bench seeds it through its own pages.
 */
export function buildWithBaselines(buildDir: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reachlog-bench-ui-'));
  cpSync(buildDir, dir, { recursive: true });
  // the dashboard's own head (its inline CSS) without its scripts
  const html = readFileSync(path.join(buildDir, 'dashboard.html'), 'utf8')
    .replace(/<script\b[^>]*><\/script>\s*/g, '')
    .replace(/<link rel="modulepreload"[^>]*>\s*/g, '');
  const page = (root: string, script = '') =>
    html.replace('<div id="root"></div>', `<div id="root">${root}</div>${script}`);
  writeFileSync(path.join(dir, STATIC_PAGE), page(staticRows()));
  writeFileSync(
    path.join(dir, BARE_READ_PAGE),
    page('', '<script type="module" src="/bench-bare-read.js"></script>'),
  );
  writeFileSync(path.join(dir, 'bench-bare-read.js'), BARE_READ_SCRIPT);
  writeFileSync(
    path.join(dir, STACK_FLOOR_PAGE),
    page('', '<script type="module" src="/bench-stack-floor.js"></script>'),
  );
  buildSync({
    entryPoints: [path.join(import.meta.dirname, 'ui-stack-floor.tsx')],
    outfile: path.join(dir, 'bench-stack-floor.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
