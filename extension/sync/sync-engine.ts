import type { ReachlogApi } from '@/api/api';
import { classifyError } from '@/api/errors';
import type { ReachlogDb } from '@/db/database';
import { sessionGeneration, writeInSession } from '@/db/session-generation';
import { getSetting, setSetting } from '@/db/settings';
import type { SyncResult } from '@/messaging/protocol';
import { pullDrafts } from './pull-drafts';
import { pullHistory } from './pull-history';
import { pushDrafts } from './push-drafts';

export interface SyncDeps {
  database: ReachlogDb;
  /** null when signed out */
  getApi: () => Promise<ReachlogApi | null>;
  /** the session was refused: forget it so the views ask for a new sign-in */
  onUnauthorized: (message: string) => Promise<void>;
  now?: () => number;
  /** history page size and pages per run (tests make them small) */
  historyPageSize?: number;
  historyMaxPages?: number;
}

/** One sync = push local draft changes, then pull drafts and history. Single-flight. */
export class SyncEngine {
  private running: Promise<SyncResult> | null = null;
  private again = false;

  constructor(private readonly deps: SyncDeps) {}

  /** Runs a sync now, or once more right after the one in progress. */
  run(): Promise<SyncResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const loop = async (): Promise<SyncResult> => {
      let result: SyncResult;
      do {
        this.again = false;
        try {
          result = await this.once();
        } catch (error) {
          // the local database failed (closing, quota): report it, the next run tries again
          result = { state: 'error', error: error instanceof Error ? error.message : String(error) };
        }
      } while (this.again);
      return result;
    };
    this.running = loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async once(): Promise<SyncResult> {
    const { database } = this.deps;
    const now = this.deps.now ?? Date.now;
    const status = await getSetting('syncStatus', database);
    const generation = await sessionGeneration(database);
    const api = await this.deps.getApi();
    if (!api) {
      await setSetting('syncStatus', { ...status, state: 'signed-out', error: null }, database);
      return { state: 'signed-out', error: null };
    }
    await setSetting('syncStatus', { ...status, state: 'syncing' }, database);
    try {
      const pushed = await pushDrafts(api, database);
      await pullDrafts(api, database, generation);
      await pullHistory(api, database, {
        now: now(),
        generation,
        pageSize: this.deps.historyPageSize,
        maxPages: this.deps.historyMaxPages,
      });
      const error = pushed.refused
        ? `${pushed.refused} draft(s) could not be saved on the server; see the draft.`
        : null;
      // signed out meanwhile: the cleared status stays
      await writeInSession(database, generation, [], () =>
        setSetting('syncStatus', { state: 'idle', lastSyncedAt: now(), error }, database),
      );
      return { state: 'synced', error };
    } catch (e) {
      const info = classifyError(e);
      if (info.kind === 'unauthorized') {
        await this.deps.onUnauthorized(info.message);
        await setSetting('syncStatus', { ...status, state: 'signed-out', error: info.message }, database);
        return { state: 'signed-out', error: info.message };
      }
      const state = info.kind === 'network' ? 'offline' : 'error';
      await setSetting('syncStatus', { ...status, state, error: info.message }, database);
      return { state, error: info.message };
    }
  }
}
