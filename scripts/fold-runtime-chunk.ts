// The bundler's runtime helpers (rolldown's `__commonJS`, `__toESM`, `__export`: 0.7 kB) in the
// dashboard's first-load chunk instead of a file of their own. Rolldown puts them in a
// `rolldown-runtime` chunk once a code-splitting group is set (scripts/first-load-chunk.ts), and
// Chromium serves an extension's files one request at a time (~8 ms each whatever their size), so
// that file was a third script the dashboard waited for. Every chunk that imports the helpers
// also imports the first-load chunk (directly or through a chunk that does), which evaluates
// first; the helpers move there and the others import them from it. If the output is not shaped
// as expected, nothing is changed (test/e2e/dashboard-first-chunk.test.ts then fails on the file
// count). docs/extension.md, "First render".
import path from 'node:path';
import type { Plugin } from 'vite';

const NS = '__reachlogRuntime';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `import{r as e,t}` → `r:e,t:t` (a destructuring of the helpers object) */
function bindings(specifiers: string): string | null {
  const parts = specifiers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(p);
    if (!m) return null;
    out.push(`${m[1]}:${m[2] ?? m[1]}`);
  }
  return out.join(',');
}

/** `host`: the chunk that takes the helpers (matched against its file name). */
export function foldRuntimeChunk(host: RegExp): Plugin {
  return {
    name: 'reachlog:fold-runtime-chunk',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((f) => (f.type === 'chunk' ? [f] : []));
      const runtime = chunks.find((c) => /(^|\/)rolldown-runtime-[^/]*\.js$/.test(c.fileName));
      const target = chunks.find((c) => host.test(c.fileName));
      if (!runtime || !target || !target.imports.includes(runtime.fileName)) return;
      const exported = /export\s*\{([^}]*)\};?\s*$/.exec(runtime.code);
      if (!exported) return this.warn('fold-runtime-chunk: the runtime chunk has an unexpected shape');
      // exported name → local name
      const pairs = exported[1]!
        .split(',')
        .map((s) => /^\s*([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(s))
        .map((m) => (m ? `${m[2] ?? m[1]}:${m[1]}` : null));
      if (pairs.some((p) => p === null)) return this.warn('fold-runtime-chunk: unexpected runtime exports');
      const helpers = `const ${NS}=(()=>{${runtime.code.slice(0, exported.index)};return{${pairs.join(',')}}})();`;

      // every chunk's import of the runtime, rewritten; nothing is changed unless all can be
      const base = path.posix.basename(runtime.fileName);
      const rewritten = new Map<string, string>();
      for (const c of chunks) {
        if (c === runtime || !c.imports.includes(runtime.fileName)) continue;
        const rel = path.posix.relative(path.posix.dirname(c.fileName), runtime.fileName);
        const importRe = new RegExp(
          `import\\s*\\{([^}]*)\\}\\s*from\\s*["']${escape(rel.startsWith('.') ? rel : `./${rel}`)}["'];?`,
        );
        const m = importRe.exec(c.code);
        if (!m) return this.warn(`fold-runtime-chunk: no runtime import found in ${c.fileName}`);
        const names = bindings(m[1]!);
        if (names === null) return this.warn(`fold-runtime-chunk: unexpected import in ${c.fileName}`);
        let replacement: string;
        if (c === target) replacement = `${helpers}const{${names}}=${NS};`;
        else {
          const hostRel = path.posix.relative(path.posix.dirname(c.fileName), target.fileName);
          replacement = `import{${NS}}from"${hostRel.startsWith('.') ? hostRel : `./${hostRel}`}";const{${names}}=${NS};`;
        }
        let code = c.code.slice(0, m.index) + replacement + c.code.slice(m.index + m[0].length);
        if (c === target) code += `export{${NS}};`;
        // the lazy chunks' preload lists name files by path from the root: the host instead
        code = code.split(`"${runtime.fileName}"`).join(`"${target.fileName}"`);
        if (code.includes(base)) return this.warn(`fold-runtime-chunk: ${c.fileName} still names ${base}`);
        rewritten.set(c.fileName, code);
      }
      for (const c of chunks) {
        const code = rewritten.get(c.fileName);
        if (code === undefined) continue;
        c.code = code;
        c.imports = [...new Set(c.imports.map((f) => (f === runtime.fileName ? target.fileName : f)))].filter(
          (f) => f !== c.fileName,
        );
      }
      delete bundle[runtime.fileName];
      // the pages' modulepreload links, if the HTML is already written
      for (const f of Object.values(bundle))
        if (f.type === 'asset' && f.fileName.endsWith('.html') && typeof f.source === 'string')
          f.source = f.source.replace(
            new RegExp(`\\s*<link rel="modulepreload"[^>]*href="/${escape(runtime.fileName)}"[^>]*>`, 'g'),
            '',
          );
    },
  };
}
