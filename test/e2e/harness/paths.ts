import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute paths the browser tests need, independent of the directory Vitest runs from. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const chromeBuildDir = path.join(repoRoot, '.output/chrome-mv3');
export const firefoxBuildDir = path.join(repoRoot, '.output/firefox-mv2');
export const linkedInFixturesDir = path.join(repoRoot, 'test/fixtures/linkedin');
export const screenshotsDir = path.join(repoRoot, 'test-results/screenshots');

/** Chromium from Debian's `chromium` package; CHROMIUM_PATH overrides it. Never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Firefox ESR from Debian's `firefox-esr` package; FIREFOX_PATH overrides it. */
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
