// Two browsers of one user (two Chromium profiles with the built extension), each with its
// dashboard open: how the sync and fault tests see a change cross from one browser to the other.
// LinkedIn fixtures are served to A, where the side panel is used.
import type { Page } from 'playwright-core';
import { DashboardPage } from '../pages/dashboard-page';
import { launchExtension, type ExtensionBrowser } from './launch-extension';
import { serveLinkedInFixtures, type LinkedInFixtureMap } from './linkedin-fixtures';

export interface TwoBrowsers {
  a: ExtensionBrowser;
  b: ExtensionBrowser;
  pageA: Page;
  pageB: Page;
  dashA: DashboardPage;
  dashB: DashboardPage;
  close(): Promise<void>;
}

export async function openTwoBrowsers(fixturesForA: LinkedInFixtureMap): Promise<TwoBrowsers> {
  const a = await launchExtension();
  const b = await launchExtension();
  await serveLinkedInFixtures(a.context, fixturesForA);
  const pageA = await a.openExtensionPage('/dashboard.html');
  const pageB = await b.openExtensionPage('/dashboard.html');
  return {
    a,
    b,
    pageA,
    pageB,
    dashA: new DashboardPage(pageA),
    dashB: new DashboardPage(pageB),
    async close() {
      await a.close();
      await b.close();
    },
  };
}
