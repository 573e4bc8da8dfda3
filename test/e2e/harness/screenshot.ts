import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotsDir } from './paths';

/**
 * Saves a full-page screenshot to test-results/screenshots/<name>.png (gitignored) and returns
 * its path, so a failing browser test leaves something to look at.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const safeName = name.replace(/[^a-zA-Z0-9._-]+/g, '-');
  await mkdir(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${safeName}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
