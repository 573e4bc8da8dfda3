// What the popup says about the side panel's keyboard shortcut: the key the browser really has
// (the user may have changed it, or another extension may hold it), or where to set one.
import { CHROME_SIDE_PANEL_COMMAND, FIREFOX_SIDE_PANEL_COMMAND } from '@@/shared/side-panel-shortcut';

export interface CommandInfo {
  name?: string;
  shortcut?: string;
}

export interface ShortcutText {
  /** the key as the browser shows it, e.g. "Alt+Shift+R" / "⌥⇧R"; null when none is set */
  key: string | null;
  text: string;
}

export function sidePanelShortcut(commands: readonly CommandInfo[], firefox: boolean): ShortcutText {
  const name = firefox ? FIREFOX_SIDE_PANEL_COMMAND : CHROME_SIDE_PANEL_COMMAND;
  const key = commands.find((c) => c.name === name)?.shortcut?.trim() || null;
  if (key) return { key, text: `${key} opens the side panel` };
  const where = firefox
    ? 'Firefox’s add-ons page (Manage Extension Shortcuts)'
    : 'chrome://extensions/shortcuts';
  return { key: null, text: `No keyboard shortcut for the side panel: set one in ${where}` };
}
