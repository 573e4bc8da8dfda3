// Browser test harness: the built extension in Debian's Chromium, LinkedIn served from fixtures,
// no network. See docs/testing.md for how to use it.
export { launchExtension, type ExtensionBrowser, type LaunchExtensionOptions } from './launch-extension';
export {
  serveLinkedInFixtures,
  fixturePageUrl,
  type FixtureTraffic,
  type LinkedInFixtureMap,
  type ServeLinkedInFixturesOptions,
} from './linkedin-fixtures';
export { screenshot } from './screenshot';
export { collectPageErrors, type PageErrors } from './page-errors';
export {
  launchFirefoxExtension,
  type FirefoxExtensionBrowser,
  type LaunchFirefoxOptions,
} from './launch-firefox';
export { BidiClient } from './bidi-client';
export {
  chromeBuildDir,
  chromiumPath,
  firefoxBuildDir,
  firefoxPath,
  linkedInFixturesDir,
  repoRoot,
} from './paths';
export { until } from './until';
export { openTwoBrowsers, type TwoBrowsers } from './two-browsers';
export { pressLinkedInSend, pressLinkedInSendForBoth, untilComposerHolds } from './linkedin-send';
export { serveFixtureVariants, type FixtureVariant, type ServedVariants } from './fixture-variants';
// server-with-mail.ts, server-history.ts and sign-up-with-code.ts are imported from their own
// files: they load the server (Prisma, better-sqlite3), which a browser-only test need not.
export { EMAIL_TO_PARTNER, PARTNER_EMAIL, THREAD_PARTNER, THREAD_PATH, THREAD_URL } from './messaging-thread';
