// The dashboard's first render loads only what the Overview needs (docs/extension.md, "First
// render"): the scripts dashboard.html runs before anything is clicked — its entry chunk and what
// that imports statically — hold no zod, tRPC client or superjson, and stay under a size budget.
// Reads the chrome-mv3 build (`npx wxt build` first, as for every e2e test).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromeBuildDir } from './harness';

/** The first chunk's scripts came to ~480 kB with zod in them; ~370 kB without (React DOM ~190 kB, Dexie ~95 kB). */
const FIRST_CHUNK_BUDGET_BYTES = 400_000;

/** The scripts the page runs at load: the entry and, recursively, its static imports (not import()). */
function firstScripts(): Map<string, string> {
  const page = path.join(chromeBuildDir, 'dashboard.html');
  if (!existsSync(page)) throw new Error(`No built extension at ${chromeBuildDir}: run npx wxt build first.`);
  const html = readFileSync(page, 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('dashboard.html has no module script');
  const files = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const code = readFileSync(path.join(chromeBuildDir, file), 'utf8');
    files.set(file, code);
    // `import{a as b}from"./x.js"` and `import"./x.js"`; a dynamic `import("./x.js")` has a
    // parenthesis before its quote and is left out (it loads when a view opens)
    for (const m of code.matchAll(
      /\b(?:import|export)\s*(?:[\w${},\s*]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g,
    ))
      visit(path.posix.join(path.posix.dirname(file), m[1]!));
  };
  visit(entry);
  return files;
}

describe("the dashboard's first chunk", () => {
  it('holds no zod, tRPC client or superjson', () => {
    const scripts = firstScripts();
    expect(scripts.size).toBeGreaterThan(1); // the walk found the entry's imports
    for (const [file, code] of scripts) {
      expect(code.includes('$ZodType'), `${file} holds zod`).toBe(false);
      expect(code.includes('TRPCClientError'), `${file} holds the tRPC client`).toBe(false);
      expect(code.includes('superjson'), `${file} holds superjson`).toBe(false);
    }
  });

  it('loads in at most three script files', () => {
    // Chromium serves an extension's files one at a time, ~8 ms each whatever their size: the
    // modules the dashboard shares with the popup and side panel are one chunk
    // (scripts/first-load-chunk.ts), beside its entry and the bundler's runtime; was four files
    expect([...firstScripts().keys()].length).toBeLessThanOrEqual(3);
  });

  it('has its stylesheet inline, not one more file to fetch before its scripts run', () => {
    const html = readFileSync(path.join(chromeBuildDir, 'dashboard.html'), 'utf8');
    expect(html).not.toMatch(/<link[^>]*rel="stylesheet"/);
    expect(html).toMatch(/<style>[^<]*--bg:/); // theme.css's variables
  });

  it('loads React DOM and Dexie, and stays under its budget', () => {
    const scripts = firstScripts();
    const all = [...scripts.values()].join('\n');
    // the walk sees the whole first load: the two libraries the Overview cannot do without
    expect(all).toContain('Dexie');
    expect(all).toMatch(/react-dom|__REACT_DEVTOOLS_GLOBAL_HOOK__/);
    const bytes = [...scripts.values()].reduce((n, code) => n + Buffer.byteLength(code), 0);
    expect(bytes).toBeLessThanOrEqual(FIRST_CHUNK_BUDGET_BYTES);
  });
});
