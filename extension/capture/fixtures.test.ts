// Every page in test/fixtures/linkedin/ gives exactly its expected Capture, and each field the
// strategy the fixture's `sources` names (when it lists them).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Capture } from '../../shared/capture';
import { capturePage } from './capture-page';
import { readClockOf, type FixtureClock } from './fixture-clock';
import { parseHtml } from './parse-html';
import { withoutSources } from './sources';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/linkedin');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

interface FixtureFile {
  url: string;
  expected: Capture;
  sources?: Record<string, string>;
  clock?: FixtureClock;
}

describe('capturePage on the LinkedIn fixtures', () => {
  it('has the development set and the variants', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  it.each(fixtures)('%s', (name) => {
    const file = JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as FixtureFile;
    const { url, expected, sources } = file;
    const page = parseHtml(readFileSync(path.join(dir, `${name}.html`), 'utf8'));
    try {
      const got = capturePage(page.document, url, { clock: readClockOf(file) });
      expect(withoutSources(got)).toStrictEqual(expected);
      expect(got.sources).toStrictEqual(sources);
    } finally {
      page.close();
    }
  });
});
