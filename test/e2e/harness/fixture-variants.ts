// LinkedIn pages as they stand later than their fixture (an answer arrived, the times moved):
// each served page is a fixture with a test's edits, written to a throw-away folder for
// serveLinkedInFixtures and removed once it has read them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { serveLinkedInFixtures, type FixtureTraffic } from './linkedin-fixtures';
import { linkedInFixturesDir } from './paths';

/** A fixture (name in test/fixtures/linkedin/) and what to change in its HTML. */
export interface FixtureVariant {
  fixture: string;
  edit?: (html: string) => string;
}

export interface ServedVariants {
  traffic: FixtureTraffic;
  /** the HTML served at each key of the map */
  html: Record<string, string>;
}

/**
 * Serves, in this browser, each URL (a key as serveLinkedInFixtures takes it) with a fixture as is
 * (a name) or changed (a FixtureVariant). Like every serveLinkedInFixtures call, it answers every
 * LinkedIn page from here on: a URL the map leaves out gets the 404 page.
 */
export async function serveFixtureVariants(
  context: BrowserContext,
  map: Record<string, string | FixtureVariant>,
): Promise<ServedVariants> {
  const dir = mkdtempSync(path.join(tmpdir(), 'reachlog-variants-'));
  try {
    const names: Record<string, string> = {};
    const html: Record<string, string> = {};
    Object.entries(map).forEach(([url, variant], i) => {
      const { fixture, edit } = typeof variant === 'string' ? { fixture: variant } : variant;
      const source = readFileSync(
        path.join(linkedInFixturesDir, `${fixture.replace(/\.html$/, '')}.html`),
        'utf8',
      );
      html[url] = edit ? edit(source) : source;
      names[url] = `page-${i}`;
      writeFileSync(path.join(dir, `${names[url]}.html`), html[url]);
    });
    const traffic = await serveLinkedInFixtures(context, names, { fixturesDir: dir });
    return { traffic, html };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
