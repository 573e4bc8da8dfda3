// The dashboard's first load in one shared chunk (wxt.config.ts). Chromium serves an extension's
// files one request at a time, ~8 ms each whatever their size (a fetch of the dashboard's five
// files in parallel took as long as one after another, ~40 ms): the bundler's default split gave
// the dashboard four scripts — its entry and three chunks shared with the popup and the side panel
// (React DOM, Dexie and the read side, the status components). This puts every module the
// dashboard imports statically *and* another page also imports into one chunk, so the dashboard
// loads two scripts. What only the dashboard uses stays in its entry chunk; what it loads later
// (`import()`) is not touched, so nothing more is evaluated at first render
// (test/e2e/dashboard-first-chunk.test.ts). docs/extension.md, "First render".
import type { Plugin } from 'vite';

/** `entry`: the page whose first load is merged (matched against the entry module's id). */
export function firstLoadChunk(entry: RegExp): {
  plugin: Plugin;
  group: { name: string; test: (id: string) => boolean };
} {
  let shared = new Set<string>();
  const plugin: Plugin = {
    name: 'reachlog:first-load-chunk',
    apply: 'build',
    buildEnd() {
      const ids = [...this.getModuleIds()];
      const staticClosure = (from: string) => {
        const seen = new Set<string>();
        const walk = (id: string) => {
          if (seen.has(id)) return;
          seen.add(id);
          for (const next of this.getModuleInfo(id)?.importedIds ?? []) walk(next);
        };
        walk(from);
        return seen;
      };
      const entries = ids.filter((id) => this.getModuleInfo(id)?.isEntry);
      const page = entries.find((id) => entry.test(id));
      // another build (background, content script): nothing to merge
      if (!page) return void (shared = new Set());
      const mine = staticClosure(page);
      const others = new Set(entries.filter((id) => id !== page).flatMap((id) => [...staticClosure(id)]));
      // CSS modules too (their JS stubs would else be a chunk of their own)
      shared = new Set([...mine].filter((id) => others.has(id) && !entries.includes(id)));
    },
  };
  return {
    plugin,
    /** the `output.codeSplitting` group that makes the chunk (for the build of the HTML pages only) */
    group: { name: 'first-load', test: (id: string) => shared.has(id) },
  };
}
