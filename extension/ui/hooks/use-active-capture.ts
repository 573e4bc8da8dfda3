// The capture the side panel and popup show.
//
// Normally that is the capture of the active tab of this window. When the active tab is not a
// LinkedIn page (another site, or the side panel opened as a page of its own, as in the e2e
// test) it falls back to the most recently updated capture of any LinkedIn tab, and says so.
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { db } from '@/db/database';
import type { TabCaptureRow } from '@/db/types';

export interface ActiveCapture {
  row: TabCaptureRow | null;
  /** 'active': the active tab's own capture; 'recent': the latest LinkedIn tab's; 'reading': active LinkedIn tab, nothing read yet */
  source: 'active' | 'recent' | 'reading' | 'none';
}

interface ActiveTab {
  id: number | null;
  isLinkedIn: boolean;
}

function isLinkedInUrl(url: string | undefined): boolean {
  if (!url) return false; // without the tabs permission only LinkedIn tabs (host permission) expose their URL
  try {
    return /(^|\.)linkedin\.com$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

function useActiveTab(): ActiveTab {
  const [tab, setTab] = useState<ActiveTab>({ id: null, isLinkedIn: false });
  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      try {
        const [t] = await browser.tabs.query({ active: true, currentWindow: true });
        if (alive) setTab({ id: t?.id ?? null, isLinkedIn: isLinkedInUrl(t?.url) });
      } catch {
        if (alive) setTab({ id: null, isLinkedIn: false });
      }
    };
    void refresh();
    const onActivated = () => void refresh();
    const onUpdated = (_id: number, info: { url?: string; status?: string }) => {
      if (info.url || info.status === 'complete') void refresh();
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.windows?.onFocusChanged?.addListener(onActivated);
    return () => {
      alive = false;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.windows?.onFocusChanged?.removeListener(onActivated);
    };
  }, []);
  return tab;
}

export function useActiveCapture(): ActiveCapture | undefined {
  const tab = useActiveTab();
  return useLiveQuery(async (): Promise<ActiveCapture> => {
    if (tab.id !== null) {
      const own = await db.tabCaptures.get(tab.id);
      if (own) return { row: own, source: 'active' };
      if (tab.isLinkedIn) return { row: null, source: 'reading' };
    }
    const recent = await db.tabCaptures.orderBy('updatedAt').last();
    return recent ? { row: recent, source: 'recent' } : { row: null, source: 'none' };
  }, [tab.id, tab.isLinkedIn]);
}
