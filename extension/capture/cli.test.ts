// The CLI prints the same Capture as capturePage, and refuses bad input with exit code 2.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => path.join(root, 'test/fixtures/linkedin', name);

function run(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'extension/capture/cli.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
}

describe('npm run capture', { timeout: 60_000 }, () => {
  it('prints the Capture JSON of a saved page, 2-space indented', () => {
    const { url, expected, sources } = JSON.parse(readFileSync(fixture('search_people.json'), 'utf8')) as {
      url: string;
      expected: object;
      sources: Record<string, string>;
    };
    const result = run(fixture('search_people.html'), url);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${JSON.stringify({ ...expected, sources }, null, 2)}\n`);
  });

  it('exits 2 with a clear message for a missing file', () => {
    const result = run(fixture('no_such_page.html'), 'https://www.linkedin.com/in/someone/');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/cannot read ".*no_such_page\.html": no such file/);
  });

  it('exits 2 with a clear message for a URL that is not LinkedIn', () => {
    for (const url of ['not a url', 'https://example.com/in/someone/']) {
      const result = run(fixture('feed.html'), url);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/is not a LinkedIn URL/);
    }
  });

  it('exits 2 with usage when arguments are missing', () => {
    const result = run();
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Usage: npm run --silent capture -- <file\.html> <url>/);
  });
});
