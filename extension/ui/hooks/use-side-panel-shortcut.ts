import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sidePanelShortcut, type ShortcutText } from '../lib/shortcut';

/** The side panel's keyboard shortcut as this browser has it now (undefined while asking). */
export function useSidePanelShortcut(): ShortcutText | undefined {
  const [shortcut, setShortcut] = useState<ShortcutText>();
  useEffect(() => {
    let alive = true;
    const firefox = !(globalThis as { chrome?: { sidePanel?: unknown } }).chrome?.sidePanel;
    void Promise.resolve(browser.commands?.getAll?.() ?? [])
      .then((commands) => alive && setShortcut(sidePanelShortcut(commands, firefox)))
      .catch(() => alive && setShortcut(sidePanelShortcut([], firefox)));
    return () => {
      alive = false;
    };
  }, []);
  return shortcut;
}
