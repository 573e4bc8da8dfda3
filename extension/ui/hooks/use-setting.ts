// One setting from Dexie, live; its default until written; `undefined` only while loading.
import { useLiveQuery } from 'dexie-react-hooks';
import { getSetting } from '@/db/settings';
import type { SettingKey, SettingsMap } from '@/db/types';

export function useSetting<K extends SettingKey>(key: K): SettingsMap[K] | undefined {
  return useLiveQuery(() => getSetting(key), [key]);
}
