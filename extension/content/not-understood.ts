// "This page was not understood": the content script counts settled captures that found nobody
// on a page that always shows someone (a profile or one of its /details/ sub-pages), in
// browser.storage.local (a content script cannot reach the extension's IndexedDB: it would open
// the page's own). The side panel and bug reports read it with readNotUnderstood().
import { browser } from 'wxt/browser';
import type { Capture } from '../../shared/capture';

export const NOT_UNDERSTOOD_KEY = 'reader.notUnderstood';
/** Recent pages kept for a bug report; older ones only count. */
const KEEP = 20;

export interface NotUnderstoodPage {
  /** Canonical page URL (no query: never search terms or tracking ids). */
  url: string;
  pageType: Capture['pageType'];
  at: number;
}

export interface NotUnderstood {
  count: number;
  /** Newest first. */
  recent: NotUnderstoodPage[];
}

type Area = Pick<typeof browser.storage.local, 'get' | 'set'>;

/** A capture that should have a person and has none. */
export function isNotUnderstood(capture: Capture): boolean {
  return capture.pageType === 'profile' && capture.people.length === 0;
}

function parse(raw: unknown): NotUnderstood {
  const v = raw as Partial<NotUnderstood> | undefined;
  const count = typeof v?.count === 'number' && v.count >= 0 ? v.count : 0;
  const recent = Array.isArray(v?.recent) ? v.recent.filter((p) => typeof p?.url === 'string') : [];
  return { count, recent };
}

/** How many pages were not understood, and the latest ones. Never throws: no data → zero. */
export async function readNotUnderstood(area: Area = browser.storage.local): Promise<NotUnderstood> {
  try {
    return parse((await area.get(NOT_UNDERSTOOD_KEY))[NOT_UNDERSTOOD_KEY]);
  } catch {
    return { count: 0, recent: [] };
  }
}

/** Counts the capture when it is not understood; returns whether it counted. */
export async function recordIfNotUnderstood(
  capture: Capture,
  now: number,
  area: Area = browser.storage.local,
): Promise<boolean> {
  if (!isNotUnderstood(capture)) return false;
  const current = await readNotUnderstood(area);
  const page: NotUnderstoodPage = { url: capture.url, pageType: capture.pageType, at: now };
  await area.set({
    [NOT_UNDERSTOOD_KEY]: { count: current.count + 1, recent: [page, ...current.recent].slice(0, KEEP) },
  });
  return true;
}
