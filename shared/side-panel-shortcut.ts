// The keyboard shortcut that opens the side panel, per browser. Firefox opens its sidebar by
// itself for the reserved `_execute_sidebar_action` command. Chrome has no such reserved command
// for the side panel, so it gets a command of its own, which the background answers with
// `sidePanel.open()` (a keyboard shortcut counts as the user gesture that call needs). Users can
// change the key in chrome://extensions/shortcuts or Firefox's "Manage Extension Shortcuts".
/** Chromium leaves some keys unassigned without a word (Alt+Shift+R, for one): this one it takes. */
export const SIDE_PANEL_KEY = 'Alt+Shift+L';
export const CHROME_SIDE_PANEL_COMMAND = 'open-side-panel';
export const FIREFOX_SIDE_PANEL_COMMAND = '_execute_sidebar_action';

const command = { suggested_key: { default: SIDE_PANEL_KEY }, description: 'Open the Reachlog side panel' };

export const SIDE_PANEL_COMMANDS = {
  chrome: { [CHROME_SIDE_PANEL_COMMAND]: command },
  firefox: { [FIREFOX_SIDE_PANEL_COMMAND]: command },
} as const;
