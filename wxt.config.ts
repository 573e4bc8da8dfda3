import { defineConfig } from 'wxt';

// The server origin is not known at build time: the user sets it, and the extension then
// asks for it as an optional host permission (see extension/api/). LinkedIn is the only
// site the extension reads.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'Reachlog',
    description: 'Reach recruiters from LinkedIn and keep every send on record.',
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    host_permissions: ['https://www.linkedin.com/*'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Reachlog' },
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
