import { defineConfig } from 'wxt';
import { CHROME_MANIFEST_KEY } from './shared/extension-identity';
import { SIDE_PANEL_COMMANDS } from './shared/side-panel-shortcut';
import { firstLoadChunk } from './scripts/first-load-chunk';
import { inlinePageCss } from './scripts/inline-page-css';

// The server origin is not known at build time: the user sets it, and the extension then
// asks for it as an optional host permission (see extension/api/). LinkedIn is the only
// site the extension reads.
const SERVER_ORIGINS = ['http://*/*', 'https://*/*'];

export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  // files copied as they are (the follow-up notification's icon)
  publicDir: 'extension/public',
  modules: ['@wxt-dev/module-react'],
  // the dashboard's first load as two scripts, not four (scripts/first-load-chunk.ts)
  vite: () => ({
    // the stylesheet in the pages' HTML: one file less to fetch before the scripts run
    plugins: [inlinePageCss()],
    // every browser this targets has modulepreload (Chrome; Firefox 115+): no polyfill script
    build: { modulePreload: { polyfill: false } },
  }),
  hooks: {
    // the dashboard's first load as one shared chunk (scripts/first-load-chunk.ts), in the build of
    // the HTML pages (the background and the content script are single files)
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.name === 'dashboard')) return;
      const firstLoad = firstLoadChunk(/[\\/]entrypoints[\\/]dashboard[\\/]/);
      config.plugins = [...(config.plugins ?? []), firstLoad.plugin];
      config.build ??= {};
      config.build.rolldownOptions ??= {};
      const output = config.build.rolldownOptions.output;
      if (Array.isArray(output)) throw new Error('first-load-chunk: one output expected');
      config.build.rolldownOptions.output = { ...output, codeSplitting: { groups: [firstLoad.group] } };
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Reachlog',
    description: 'Reach recruiters from LinkedIn and keep every send on record.',
    // alarms: wakes the background every minute to sync (MV3 stops an idle service worker)
    permissions: browser === 'firefox' ? ['storage', 'alarms'] : ['storage', 'sidePanel', 'alarms'],
    host_permissions: ['https://www.linkedin.com/*'],
    // Any origin, but only *optional*: the user's server can be anywhere (a laptop on
    // http://127.0.0.1, a company host over https), so nothing narrower can be written here; at
    // sign-in the view requests exactly that one origin (serverOriginPattern), and nothing is
    // granted at install. MV3 names these optional_host_permissions; MV2 (Firefox's default
    // build) has no such key and takes host patterns in optional_permissions — WXT moves
    // host_permissions for MV2 but not the optional ones, hence the split.
    // `notifications` too is optional: asked for only when the user turns on follow-up
    // notifications (Settings), never at install.
    ...(manifestVersion === 2
      ? { optional_permissions: [...SERVER_ORIGINS, 'notifications'] }
      : { optional_host_permissions: SERVER_ORIGINS, optional_permissions: ['notifications'] }),
    action: { default_title: 'Reachlog' },
    commands: SIDE_PANEL_COMMANDS[browser === 'firefox' ? 'firefox' : 'chrome'],
    // Fixes the Chrome extension id (the server grants CORS to it; see shared/extension-identity.ts).
    ...(browser === 'firefox' ? {} : { key: CHROME_MANIFEST_KEY }),
    browser_specific_settings: {
      gecko: {
        id: 'reachlog@reachlog.app',
        strict_min_version: '128.0',
        // Firefox asks add-ons to declare what they collect; Reachlog sends the user's
        // own drafts and history to the user's own server only.
        data_collection_permissions: { required: ['none'] },
      },
    },
  }),
});
