import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import { linkedInFixturesDir } from './paths';

const LINKEDIN_ORIGIN = 'https://www.linkedin.com';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const NOT_FOUND_PAGE =
  '<!doctype html><html><head><title>Page not found | LinkedIn</title></head>' +
  '<body><main><h1>This page doesn’t exist</h1></main></body></html>';

/**
 * LinkedIn URL → fixture. Keys are a path (`/in/jane-doe/`), a path with its query
 * (`/jobs/search/?currentJobId=123`) or a full https://www.linkedin.com URL. Values are fixture
 * names in test/fixtures/linkedin/, with or without `.html`.
 */
export type LinkedInFixtureMap = Record<string, string>;

export interface ServeLinkedInFixturesOptions {
  /** Where the fixture files are; default test/fixtures/linkedin/. */
  fixturesDir?: string;
}

/** What the routes did, for assertions such as "no request left the machine". */
export interface FixtureTraffic {
  /** LinkedIn URLs answered with a fixture. */
  served: string[];
  /** LinkedIn page URLs not in the map, answered with a 404 page. */
  notFound: string[];
  /** Requests to any other outside host, aborted. */
  blocked: string[];
}

/**
 * Serves fixture HTML at real LinkedIn URLs in this browser, so the content script runs on them as
 * on the live site, and aborts every other request that would leave the machine. Requests to
 * 127.0.0.1/localhost (the sync server under test) and extension URLs pass through untouched.
 *
 * Fixture files are read now, so a missing one fails the test at once with its path.
 */
export async function serveLinkedInFixtures(
  context: BrowserContext,
  map: LinkedInFixtureMap,
  options: ServeLinkedInFixturesOptions = {},
): Promise<FixtureTraffic> {
  const dir = options.fixturesDir ?? linkedInFixturesDir;
  const pages = new Map<string, string>();
  for (const [key, fixture] of Object.entries(map)) {
    const file = path.join(dir, fixture.endsWith('.html') ? fixture : `${fixture}.html`);
    if (!existsSync(file)) throw new Error(`LinkedIn fixture not found: ${file}`);
    const body = await readFile(file, 'utf8');
    const url = new URL(key, LINKEDIN_ORIGIN);
    if (url.origin !== LINKEDIN_ORIGIN) throw new Error(`Not a ${LINKEDIN_ORIGIN} URL: ${key}`);
    pages.set(url.search ? url.pathname + url.search : withTrailingSlash(url.pathname), body);
  }

  const traffic: FixtureTraffic = { served: [], notFound: [], blocked: [] };
  const handle = async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      LOCAL_HOSTS.has(url.host.replace(/:\d+$/, ''))
    ) {
      return route.fallback();
    }
    if (url.origin !== LINKEDIN_ORIGIN) {
      traffic.blocked.push(request.url());
      return route.abort('blockedbyclient');
    }
    const body = pages.get(url.pathname + url.search) ?? pages.get(withTrailingSlash(url.pathname));
    if (body !== undefined) {
      traffic.served.push(request.url());
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    }
    if (request.resourceType() === 'document') {
      traffic.notFound.push(request.url());
      return route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body: NOT_FOUND_PAGE });
    }
    // LinkedIn's own API and asset requests: nothing behind them here.
    return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
  };
  await context.route('**/*', handle);
  return traffic;
}

/** The URL a fixture page was saved at (`url` in its NAME.json), to open it where it belongs. */
export async function fixturePageUrl(name: string, fixturesDir = linkedInFixturesDir): Promise<string> {
  const file = path.join(fixturesDir, `${name.replace(/\.html$/, '')}.json`);
  const { url } = JSON.parse(await readFile(file, 'utf8')) as { url?: unknown };
  if (typeof url !== 'string') throw new Error(`${file} has no "url"`);
  return url;
}

function withTrailingSlash(pathname: string): string {
  return pathname.endsWith('/') ? pathname : `${pathname}/`;
}
