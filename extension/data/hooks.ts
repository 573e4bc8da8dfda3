// React hooks for the views: live Dexie reads (they re-render when the background writes).
// `undefined` always means "still loading", never "nothing".
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import { getSetting } from '@/db/settings';
import { keepBackgroundAwake } from '@/messaging/keepalive';
import { contactIdFor } from '@/db/contacts';
import { NOT_UNDERSTOOD_KEY, readNotUnderstood, type NotUnderstood } from '@/content/not-understood';
import type { Person } from '@@/shared/capture';
import { applyCorrections, type CorrectedPerson } from './corrections';
import { HistoryPager } from './history-pager';
import type {
  ContactRow,
  DraftRow,
  HistoryRowLocal,
  OutboxRow,
  SettingKey,
  SettingsMap,
  SyncStatus,
  TemplateKind,
  TemplateRow,
} from '@/db/types';
import {
  countHistory,
  countOpenDrafts,
  countSends,
  queryActiveCapture,
  countPendingChanges,
  queryContact,
  queryContacts,
  queryDraft,
  queryDraftSends,
  queryDrafts,
  queryDraftsDeletedWithEdits,
  queryDraftsForRecipient,
  queryHistory,
  queryHistoryRow,
  queryHistoryWithContacts,
  type HistoryWithContacts,
  historyRevision,
  type HistoryQuery,
  queryOpenSends,
  queryOutbox,
  queryRecipientHistory,
  queryStats,
  queryTemplates,
  queryWaiting,
  type RecipientQuery,
} from './queries';

/** While a view is mounted the background stays awake (live updates from other browsers). */
export function useKeepBackgroundAwake(): void {
  useEffect(() => keepBackgroundAwake(), []);
}

export function useSetting<K extends SettingKey>(key: K): SettingsMap[K] | undefined {
  return useLiveQuery(() => getSetting(key), [key]);
}

/** `null` when signed out. */
export function useSession(): SettingsMap['session'] | undefined {
  return useSetting('session');
}

export interface SyncSummary extends SyncStatus {
  /** local changes not yet confirmed by the server */
  changesWaiting: number;
  /** sends waiting in the outbox */
  sendsWaiting: number;
  signedIn: boolean;
}

/** What the sync status line shows: the engine's state and what waits in this browser. */
export function useSyncSummary(): SyncSummary | undefined {
  return useLiveQuery(async () => {
    const [status, waiting, session] = await Promise.all([
      getSetting('syncStatus'),
      queryWaiting(),
      getSetting('session'),
    ]);
    return { ...status, changesWaiting: waiting.changes, sendsWaiting: waiting.sends, signedIn: !!session };
  }, []);
}

function isLinkedInUrl(url: string | undefined): boolean {
  if (!url) return false; // without the tabs permission only LinkedIn tabs (host permission) expose their URL
  try {
    return /(^|\.)linkedin\.com$/i.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The active tab of this window (the side panel's and popup's window). */
function useActiveTab(): { id: number | null; isLinkedIn: boolean } {
  const [tab, setTab] = useState<{ id: number | null; isLinkedIn: boolean }>({ id: null, isLinkedIn: false });
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

export type ActiveCapture = Awaited<ReturnType<typeof queryActiveCapture>>;

/**
 * The capture the side panel and popup show: the active tab's; when the active tab is not a
 * LinkedIn page (another site, or the side panel opened as a page of its own, as in the e2e
 * test), the most recently updated LinkedIn tab's, and `source` says so.
 */
export function useActiveCapture(): ActiveCapture | undefined {
  const tab = useActiveTab();
  return useLiveQuery(() => queryActiveCapture(tab), [tab.id, tab.isLinkedIn]);
}

export function useDrafts(): DraftRow[] | undefined {
  return useLiveQuery(() => queryDrafts(), []);
}

/** `null` when the draft does not exist; a deleted draft comes with `deleted: 1`. */
export function useDraft(id: string | null | undefined): DraftRow | null | undefined {
  return useLiveQuery(() => queryDraft(id), [id]);
}

export function useDraftsDeletedWithEdits(): DraftRow[] | undefined {
  return useLiveQuery(() => queryDraftsDeletedWithEdits(), []);
}

export function useOpenDraftCount(): number | undefined {
  return useLiveQuery(() => countOpenDrafts(), []);
}

export function useDraftsForRecipient(q: RecipientQuery): DraftRow[] | undefined {
  return useLiveQuery(() => queryDraftsForRecipient(q), [q.linkedinUrl, q.email]);
}

/** The newest `limit` sends (20: "Latest attempts"); re-read only when those rows or newer ones change. */
export function useHistory(limit: number): HistoryRowLocal[] | undefined {
  return useLiveQuery(() => queryHistory(limit), [limit]);
}

export function useHistoryCount(): number | undefined {
  return useLiveQuery(() => countHistory(), []);
}

/** Changes with every write to the history (a counter row, not the table). */
export function useHistoryRevision(): number | undefined {
  return useLiveQuery(() => historyRevision(), []);
}

/** How often a History list is read again while the history keeps changing (a first sync). */
const LIST_REFRESH_MS = 1000;

/**
 * The History list of `q` (history-pager.ts), once its first page is read: the previous query's
 * list stays until then. Read again when the history changes, at most once a second: a first
 * sync writes a page every few hundred ms. Render with `useHistoryPagerVersion` to follow it.
 */
export function useHistoryPager(q: HistoryQuery): HistoryPager | undefined {
  const revision = useHistoryRevision();
  const key = JSON.stringify(q);
  const [shown, setShown] = useState<HistoryPager>();
  const current = useRef<HistoryPager | undefined>(undefined);
  useEffect(() => {
    const pager = new HistoryPager(JSON.parse(key) as HistoryQuery);
    current.current = pager;
    void pager.start().then(() => {
      if (current.current === pager) setShown(pager);
    });
    return () => {
      // the list on screen stays readable (closed: it reads no more) until the next one is ready
      pager.close();
    };
  }, [key]);
  useEffect(() => {
    const pager = current.current;
    // the pager noted the revision its first page read (until then it is being read)
    if (revision === undefined || !pager?.ready || pager.revision === revision) return;
    const timer = setTimeout(
      () => {
        pager.revision = revision;
        pager.refreshedAt = Date.now();
        pager.refresh();
      },
      Math.max(0, pager.refreshedAt + LIST_REFRESH_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [revision, shown]);
  return shown;
}

const NO_SUBSCRIBE = () => () => {};

/** Re-renders when `pager` read something; returns its version. */
export function useHistoryPagerVersion(pager: HistoryPager | undefined): number {
  return useSyncExternalStore(pager?.subscribe ?? NO_SUBSCRIBE, () => pager?.version ?? 0);
}

export function useHistoryRow(id: number | null): HistoryRowLocal | null | undefined {
  return useLiveQuery(() => queryHistoryRow(id), [id]);
}

/** Local "already contacted" rows (for live display; ask the background with check-recipient for the server's answer). */
export function useRecipientHistory(q: RecipientQuery): HistoryRowLocal[] | undefined {
  return useLiveQuery(() => queryRecipientHistory(q), [q.linkedinUrl, q.email, q.jobUrl]);
}

/** Sends waiting, sending or failed, and those sent in the last 10 minutes, oldest first. */
export function useOutbox(): OutboxRow[] | undefined {
  return useLiveQuery(() => queryOutbox(), []);
}

/** Sends not done (waiting, sending, failed), oldest first. */
export function useOpenSends(): OutboxRow[] | undefined {
  return useLiveQuery(() => queryOpenSends(), []);
}

export function useSendCounts(): { waiting: number; failed: number } | undefined {
  return useLiveQuery(() => countSends(), []);
}

/** One draft's sends, oldest first. */
export function useDraftSends(draftId: string | null | undefined): OutboxRow[] | undefined {
  return useLiveQuery(() => queryDraftSends(draftId), [draftId]);
}

export function useTemplates(kind?: TemplateKind): TemplateRow[] | undefined {
  return useLiveQuery(() => queryTemplates(kind), [kind]);
}

/** This draft's changes not yet confirmed by the server (0 without a draft). */
export function useDraftPendingChanges(draftId: string | null | undefined): number | undefined {
  return useLiveQuery(() => countPendingChanges(draftId ? `draft:${draftId}` : null), [draftId]);
}

/**
 * `enabled` false: nothing is read (and `null` returned) — the dashboard's first render shows a
 * read started before React and subscribes only once it has answered, so the same rows are not
 * read twice while the first screen waits for them.
 */
export function useHistoryWithContacts(limit: number, enabled = true): HistoryWithContacts | null | undefined {
  return useLiveQuery(() => (enabled ? queryHistoryWithContacts(limit) : null), [limit, enabled]);
}

/** `null` when there is no such contact. */
export function useContact(id: string | null | undefined): ContactRow | null | undefined {
  return useLiveQuery(() => queryContact(id), [id]);
}

/**
 * The captured person with the user's corrections of that profile applied (they win over the
 * reader); `undefined` while the contact loads, null without a person.
 */
export function useCorrectedPerson(reader: Person | null): CorrectedPerson | null | undefined {
  const contact = useContact(reader ? contactIdFor(reader) : null);
  if (!reader) return null;
  if (contact === undefined) return undefined;
  return applyCorrections(reader, contact?.corrections);
}

export function useContacts(): ContactRow[] | undefined {
  return useLiveQuery(() => queryContacts(), []);
}

/** Totals by channel, the last 7 days, and send times since `since`. */
export function useStatsSince(since: number) {
  return useLiveQuery(() => queryStats(since), [since]);
}

/** The content script's local count of profile pages it found nobody on (browser.storage.local). */
export function useNotUnderstood(): NotUnderstood | undefined {
  const [value, setValue] = useState<NotUnderstood>();
  useEffect(() => {
    let alive = true;
    const refresh = () => void readNotUnderstood().then((v) => alive && setValue(v));
    refresh();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && NOT_UNDERSTOOD_KEY in changes) refresh();
    };
    browser.storage?.onChanged?.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage?.onChanged?.removeListener(onChanged);
    };
  }, []);
  return value;
}
