import type { ReachlogApi } from '@/api/api';
import type { ReachlogDb } from '@/db/database';
import type { ToContent } from '@/messaging/protocol';
import type { OutboxProcessor } from '@/outbox/processor';
import type { SyncEngine } from '@/sync/sync-engine';
import type { LiveConnection } from '@/sync/live';

/** What every handler may use; built once by createBackground (tests build their own). */
export interface BackgroundContext {
  database: ReachlogDb;
  outbox: OutboxProcessor;
  sync: SyncEngine;
  /** the live poke stream (restarted at sign-in, stopped at sign-out) */
  live: LiveConnection;
  /** the signed-in user's API, or null when signed out */
  getApi(): Promise<ReachlogApi | null>;
  /** an API for a server the user is signing in to (no session yet) */
  apiFor(serverUrl: string): ReachlogApi;
  /** browser.tabs.sendMessage */
  sendToTab(tabId: number, msg: ToContent): Promise<unknown>;
  now(): number;
}
