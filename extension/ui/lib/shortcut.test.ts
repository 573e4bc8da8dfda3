import { describe, expect, it } from 'vitest';
import config from '@@/wxt.config';
import { sidePanelShortcut } from './shortcut';

type ManifestFn = (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: string }) => {
  commands?: Record<string, { suggested_key: { default: string } }>;
};
const manifest = config.manifest as unknown as ManifestFn;

describe('side panel keyboard shortcut', () => {
  it('Chrome gets a command of its own; Firefox the reserved sidebar command, same key', () => {
    const chrome = manifest({ browser: 'chrome', manifestVersion: 3, mode: 'production', command: 'build' });
    const firefox = manifest({
      browser: 'firefox',
      manifestVersion: 2,
      mode: 'production',
      command: 'build',
    });
    expect(Object.keys(chrome.commands ?? {})).toEqual(['open-side-panel']);
    expect(Object.keys(firefox.commands ?? {})).toEqual(['_execute_sidebar_action']);
    expect(chrome.commands!['open-side-panel']!.suggested_key.default).toBe('Alt+Shift+L');
    expect(firefox.commands!._execute_sidebar_action!.suggested_key.default).toBe('Alt+Shift+L');
  });

  it('the popup names the key the browser really has, or where to set one', () => {
    const commands = [
      { name: '_execute_action', shortcut: '' },
      { name: 'open-side-panel', shortcut: 'Alt+Shift+L' },
    ];
    expect(sidePanelShortcut(commands, false)).toEqual({
      key: 'Alt+Shift+L',
      text: 'Alt+Shift+L opens the side panel',
    });
    expect(sidePanelShortcut([{ name: 'open-side-panel', shortcut: '' }], false).text).toBe(
      'No keyboard shortcut for the side panel: set one in chrome://extensions/shortcuts',
    );
    expect(sidePanelShortcut([{ name: '_execute_sidebar_action', shortcut: 'Alt+Shift+L' }], true).key).toBe(
      'Alt+Shift+L',
    );
    expect(sidePanelShortcut([], true).text).toContain('Manage Extension Shortcuts');
  });
});
