// Issue 7's "the user can always fix it" and "knowing when the reader is lost", in real Chromium
// with the built extension: a profile read by the content script, corrected in the side panel;
// the correction wins over the reader on the next visit with the page's own value beside it, and
// the debug view tells, per field, which strategy of the reader produced it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capture } from '../../shared/capture';
import {
  collectPageErrors,
  launchExtension,
  screenshot,
  serveLinkedInFixtures,
  type ExtensionBrowser,
  type PageErrors,
} from './harness';
import { SidePanelPage } from './pages/sidepanel-page';

const PROFILE = '/in/amara-nwosu-4b2c/';
const PROFILE_URL = `https://www.linkedin.com${PROFILE}`;
const SUBPAGE = `${PROFILE}details/experience/`;

/** The captures the background stored, read from the extension's own IndexedDB. */
function storedCaptures(page: Page): Promise<{ tabId: number; capture: Capture }[]> {
  return page.evaluate(
    () =>
      new Promise<{ tabId: number; capture: Capture }[]>((resolve, reject) => {
        const open = indexedDB.open('reachlog');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('tabCaptures').objectStore('tabCaptures').getAll();
          req.onsuccess = () => resolve(req.result as { tabId: number; capture: Capture }[]);
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/**
 * Until the reader reports capture.sources (issue 7 item 6, branch `reader`), the stored capture
 * gets the sources in the shape the reader reports them, written where the background keeps
 * it; with a reader that reports them, the real ones are used as they are.
 */
async function ensureSources(page: Page): Promise<Capture> {
  const [row] = (await storedCaptures(page)).filter((r) => r.capture.url === PROFILE_URL);
  if (!row) throw new Error('no stored capture of the profile');
  if (row.capture.sources) return row.capture;
  const capture: Capture = {
    ...row.capture,
    sources: { 'person.name': 'top card', 'person.company': 'experience section' },
  };
  await page.evaluate(
    ({ tabId, capture }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('reachlog');
        open.onsuccess = () => {
          const tx = open.result.transaction('tabCaptures', 'readwrite');
          tx.objectStore('tabCaptures').put({ tabId, capture, updatedAt: Date.now() });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { tabId: row.tabId, capture },
  );
  // a write outside Dexie is not seen by the panel's live queries: it reads it again
  await page.reload();
  return capture;
}

describe('side panel: corrections, reader sources, draft marks, shortcut (Chromium)', () => {
  let ext: ExtensionBrowser;
  let profile: Page;
  let panelPage: Page;
  let panel: SidePanelPage;
  const errors: PageErrors[] = [];

  beforeAll(async () => {
    ext = await launchExtension();
    await serveLinkedInFixtures(ext.context, { [PROFILE]: 'profile_2026_hashed', [SUBPAGE]: 'empty_page' });
    profile = await ext.context.newPage();
    await profile.goto(PROFILE_URL);
    panelPage = await ext.openExtensionPage('/sidepanel.html');
    errors.push(collectPageErrors(panelPage));
    panel = new SidePanelPage(panelPage);
    await panel.waitForPerson('Amara Nwosu');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows, per field, which strategy of the reader produced it, and "not found"', async () => {
    const capture = await ensureSources(panelPage);
    await panel.waitForPerson('Amara Nwosu');
    await panelPage.getByText('How this page was read').click();
    const how = (key: string) =>
      panelPage
        .locator(`[data-testid="source-row"][data-field="${key}"] [data-testid="source-how"]`)
        .textContent();
    for (const field of ['name', 'title', 'company', 'headline', 'location', 'email']) {
      const key = `person.${field}`;
      await expect.poll(() => how(key)).toBe(capture.sources?.[key] ?? 'not found');
    }
    // this profile shows no job title: the reader found none
    expect(await how('person.title')).toBe('not found');
    expect(await how('person.name')).not.toBe('not found');
    await screenshot(panelPage, 'sidepanel-capture-sources');
  });

  it('keeps a correction for the profile, beside the page’s own value, and it wins on the next visit', async () => {
    const company = panelPage.getByTestId('detail-input-company');
    const title = panelPage.getByTestId('detail-input-title');
    if (!(await company.isVisible())) await panelPage.getByTestId('person-details-toggle').click();
    await expect.poll(() => company.inputValue()).toBe('Parallax Mobility');

    await title.fill('Engineering Recruiter');
    await title.press('Enter');
    await company.fill('Parallax Mobility Ltd');
    await company.press('Enter');

    await expect
      .poll(() => panelPage.getByTestId('person-card').textContent())
      .toContain('Engineering Recruiter · Parallax Mobility Ltd');
    await expect
      .poll(() => panelPage.getByTestId('reader-value-company').textContent())
      .toContain('Parallax Mobility');
    await expect.poll(() => panelPage.getByTestId('reader-value-title').textContent()).toContain('nothing');

    // the next visit: the reader reads the page as before; the corrections still win
    await profile.reload();
    await panel.waitForPerson('Amara Nwosu');
    await expect
      .poll(() => panelPage.getByTestId('person-card').textContent())
      .toContain('Engineering Recruiter · Parallax Mobility Ltd');
    await expect
      .poll(() => panelPage.getByTestId('detail-input-company').inputValue())
      .toBe('Parallax Mobility Ltd');
    await screenshot(panelPage, 'sidepanel-corrections');

    // back to what the page says
    if (!(await panelPage.getByTestId('use-reader-company').isVisible()))
      await panelPage.getByTestId('person-details-toggle').click();
    await panelPage.getByTestId('use-reader-company').click();
    await expect
      .poll(() => panelPage.getByTestId('detail-input-company').inputValue())
      .toBe('Parallax Mobility');
    await expect.poll(() => panelPage.getByTestId('reader-value-company').count()).toBe(0);
  });

  it('marks the {{…}} left in the draft inside the subject and body fields', async () => {
    await panel.useTemplate('Introduction e-mail');
    // a profile page has no job: {{jobTitle}} stays, marked where it is in the text
    const mark = panelPage.getByTestId('email-subject-marks').locator('mark', { hasText: '{{jobTitle}}' });
    await mark.waitFor();
    expect(await mark.getAttribute('data-kind')).toBe('missing');
    const [box, field] = await Promise.all([mark.boundingBox(), panel.subject().boundingBox()]);
    // the mark sits inside the field, on its line
    expect(box!.y).toBeGreaterThanOrEqual(field!.y);
    expect(box!.y + box!.height).toBeLessThanOrEqual(field!.y + field!.height);
    expect(await panelPage.getByTestId('email-body-marks').locator('mark').count()).toBeGreaterThan(0);
    await screenshot(panelPage, 'sidepanel-placeholders-marked');
  });

  it('the popup names the keyboard shortcut that opens the side panel', async () => {
    const popup = await ext.openExtensionPage('/popup.html');
    await expect.poll(() => popup.getByTestId('popup-shortcut').textContent()).toContain('Alt+Shift+L');
    expect(await popup.getByTestId('popup-shortcut').textContent()).toContain('opens the side panel');
    await popup.close();
  });

  it('says when a profile page was not understood, and the owner’s name can be typed in', async () => {
    await profile.goto(`https://www.linkedin.com${SUBPAGE}`);
    await panelPage.bringToFront();
    await panelPage.getByTestId('not-understood').waitFor();
    // the corrections of the profile apply to its sub-pages too: the owner is known by the URL
    await expect
      .poll(() => panelPage.getByTestId('detail-input-title').inputValue())
      .toBe('Engineering Recruiter');
    await screenshot(panelPage, 'sidepanel-not-understood');
    for (const e of errors) expect(e.uncaught).toEqual([]);
  });
});
