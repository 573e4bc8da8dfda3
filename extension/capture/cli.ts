// npm run --silent capture -- <file.html> <url>: prints the Capture of a saved LinkedIn page.
import { readFile } from 'node:fs/promises';
import { capturePage } from './capture-page';
import { parseLinkedInUrl } from './canonical-url';
import { parseHtml } from './parse-html';

const USAGE =
  'Usage: npm run --silent capture -- <file.html> <url>\n  <url> is the LinkedIn URL the page was saved at.';

function fail(message: string): never {
  process.stderr.write(`capture: ${message}\n`);
  process.exit(2);
}

async function main(args: string[]): Promise<void> {
  const [file, url, ...rest] = args;
  if (!file || !url || rest.length) fail(`expected a file and a URL.\n${USAGE}`);
  if (!/^https?:\/\//i.test(url) || !parseLinkedInUrl(url)) {
    fail(`"${url}" is not a LinkedIn URL (expected https://www.linkedin.com/...).`);
  }
  let html: string;
  try {
    html = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    fail(`cannot read "${file}": ${why}.`);
  }
  let page: ReturnType<typeof parseHtml>;
  try {
    page = parseHtml(html);
  } catch (error) {
    fail(`cannot parse "${file}" as HTML: ${String(error)}.`);
  }
  try {
    process.stdout.write(
      `${JSON.stringify(capturePage(page.document, url, { clock: { now: Date.now() } }), null, 2)}\n`,
    );
  } finally {
    page.close();
  }
}

void main(process.argv.slice(2));
