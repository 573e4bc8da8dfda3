import { DEFAULT_FOLLOW_UP_DAYS, DEFAULT_LINKEDIN_WEEKLY_CAP } from '@@/shared/pipeline/follow-ups';
import { db as defaultDb, type ReachlogDb } from './database';
import type { SettingKey, SettingsMap } from './types';

/** What a setting reads as before anyone wrote it. */
export const SETTING_DEFAULTS: SettingsMap = {
  serverUrl: 'http://127.0.0.1:8787',
  session: null,
  dataOwnerId: null,
  theme: 'system',
  myName: '',
  syncStatus: { state: 'idle', lastSyncedAt: null, error: null },
  syncClientId: null,
  nextMutationId: 1,
  syncCookie: null,
  sessionGeneration: 0,
  followUpDays: DEFAULT_FOLLOW_UP_DAYS,
  linkedinWeeklyCap: DEFAULT_LINKEDIN_WEEKLY_CAP,
  followUpNotifications: false,
  followUpsNotified: [],
  pendingReplyMarks: [],
};

export async function getSetting<K extends SettingKey>(
  key: K,
  database: ReachlogDb = defaultDb,
): Promise<SettingsMap[K]> {
  const row = await database.settings.get(key);
  return row ? (row.value as SettingsMap[K]) : SETTING_DEFAULTS[key];
}

export async function setSetting<K extends SettingKey>(
  key: K,
  value: SettingsMap[K],
  database: ReachlogDb = defaultDb,
): Promise<void> {
  await database.settings.put({ key, value });
}

/** Read-modify-write in one transaction, so two writers never lose each other's change. */
export async function updateSetting<K extends SettingKey>(
  key: K,
  update: (current: SettingsMap[K]) => SettingsMap[K],
  database: ReachlogDb = defaultDb,
): Promise<SettingsMap[K]> {
  return database.transaction('rw', database.settings, async () => {
    const next = update(await getSetting(key, database));
    await setSetting(key, next, database);
    return next;
  });
}

/** "https://host:port/" → "https://host:port"; null when it is not an http(s) URL. */
export function normalizeServerUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** The match pattern a view passes to permissions.request({ origins }) before signing in. */
export function serverOriginPattern(serverUrl: string): string | null {
  const normalized = normalizeServerUrl(serverUrl);
  if (!normalized) return null;
  const url = new URL(normalized);
  return `${url.protocol}//${url.hostname}/*`;
}
