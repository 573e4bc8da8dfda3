// The capture schema accepts what the reader really produces: every fixture's capture, read from
// its saved page, passes unchanged.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { capturePage } from '../../extension/capture/capture-page';
import { parseHtml } from '../../extension/capture/parse-html';
import { ZCapture } from './capture';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/linkedin');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

it.each(names)('%s: the reader’s capture passes the schema unchanged', (name) => {
  const { url } = JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as { url: string };
  const page = parseHtml(readFileSync(path.join(dir, `${name}.html`), 'utf8'));
  try {
    const capture = capturePage(page.document, url);
    const parsed = ZCapture.safeParse(capture);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toStrictEqual(capture);
  } finally {
    page.close();
  }
});
