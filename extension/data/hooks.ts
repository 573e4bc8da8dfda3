// React hooks for the views: live Dexie reads (they re-render when the background writes).
// `undefined` always means "still loading", never "nothing".
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { db } from '@/db/database';
import { getSetting } from '@/db/settings';
import type {
  ContactRow,
  DraftRow,
  HistoryRowLocal,
  OutboxRow,
  SettingKey,
  SettingsMap,
  SyncStatus,
  TabCaptureRow,
  TemplateKind,
  TemplateRow,
} from '@/db/types';
import {
  queryDrafts,
  queryDraftsForRecipient,
  queryHistory,
  queryOutbox,
  queryRecipientHistory,
  queryTemplates,
  type RecipientQuery,
} from './queries';

export function useSetting<K extends SettingKey>(key: K): SettingsMap[K] | undefined {
  return useLiveQuery(() => getSetting(key), [key]);
}

/** `null` when signed out. */
export function useSession(): SettingsMap['session'] | undefined {
  return useSetting('session');
}

export function useSyncStatus(): SyncStatus | undefined {
  return useSetting('syncStatus');
}

/** The id of the active tab of this window (the side panel's and popup's window). */
export function useActiveTabId(): number | null | undefined {
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const refresh = () => {
      void browser.tabs
        .query({ active: true, currentWindow: true })
        .then((tabs) => alive && setTabId(tabs[0]?.id ?? null))
        .catch(() => alive && setTabId(null));
    };
    refresh();
    browser.tabs.onActivated.addListener(refresh);
    browser.windows?.onFocusChanged?.addListener(refresh);
    return () => {
      alive = false;
      browser.tabs.onActivated.removeListener(refresh);
      browser.windows?.onFocusChanged?.removeListener(refresh);
    };
  }, []);
  return tabId;
}

/** The capture of the active tab; `null` when the tab is not a LinkedIn page read so far. */
export function useActiveCapture(): TabCaptureRow | null | undefined {
  const tabId = useActiveTabId();
  return useLiveQuery(
    async () => (tabId == null ? (tabId === null ? null : undefined) : ((await db.tabCaptures.get(tabId)) ?? null)),
    [tabId],
  );
}

export function useDrafts(): DraftRow[] | undefined {
  return useLiveQuery(() => queryDrafts(), []);
}

/** `null` when the draft does not exist or was deleted. */
export function useDraft(id: string | null | undefined): DraftRow | null | undefined {
  return useLiveQuery(async () => {
    if (!id) return null;
    const row = await db.drafts.get(id);
    return row && row.syncState !== 'deleted' ? row : null;
  }, [id]);
}

export function useDraftsForRecipient(q: RecipientQuery): DraftRow[] | undefined {
  return useLiveQuery(() => queryDraftsForRecipient(q), [q.linkedinUrl, q.email]);
}

/** History newest first; pass 20 for "Latest attempts". */
export function useHistory(limit?: number): HistoryRowLocal[] | undefined {
  return useLiveQuery(() => queryHistory(limit), [limit]);
}

/** Local "already contacted" rows (for live display; ask the background with check-recipient for the server's answer). */
export function useRecipientHistory(q: RecipientQuery): HistoryRowLocal[] | undefined {
  return useLiveQuery(() => queryRecipientHistory(q), [q.linkedinUrl, q.email, q.jobUrl]);
}

/** Sends waiting, sending or failed, and those sent in the last 10 minutes, oldest first. */
export function useOutbox(): OutboxRow[] | undefined {
  return useLiveQuery(() => queryOutbox(), []);
}

/** One send's progress, by the sendId the background answered with. */
export function useOutboxRow(sendId: string | null | undefined): OutboxRow | null | undefined {
  return useLiveQuery(async () => (sendId ? ((await db.outbox.get(sendId)) ?? null) : null), [sendId]);
}

export function useTemplates(kind?: TemplateKind): TemplateRow[] | undefined {
  return useLiveQuery(() => queryTemplates(kind), [kind]);
}

export function useContacts(): ContactRow[] | undefined {
  return useLiveQuery(() => db.contacts.orderBy('lastSeenAt').reverse().toArray(), []);
}

export function useContact(id: string | null | undefined): ContactRow | null | undefined {
  return useLiveQuery(async () => (id ? ((await db.contacts.get(id)) ?? null) : null), [id]);
}
