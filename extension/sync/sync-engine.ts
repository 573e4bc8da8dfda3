// The background's sync engine: pushes this browser's queued mutations, then pulls what changed
// since its cookie, page after page, into Dexie. One run at a time (a run asked for meanwhile
// runs once more right after); a push and a pull page never overlap, so a pull never drops a
// mutation whose effect it does not yet carry. Runs on start, on a poke, on an alarm, soon
// after a local change, when the network comes back and when the user asks.
import { MUTATION_GAP_MESSAGE, PULL_MAX_ROWS } from '@@/shared/schemas/sync';
import type { ReachlogApi } from '@/api/api';
import { classifyError, explainError } from '@/api/errors';
import { backoffMs } from '@/outbox/backoff';
import type { ReachlogDb } from '@/db/database';
import { sessionGeneration, writeInSession } from '@/db/session-generation';
import { getSetting, setSetting } from '@/db/settings';
import type { SyncResult } from '@/messaging/protocol';
import { applyPullPage } from './apply-pull';
import { adoptAccountName } from './local-writes';
import { ensureClientId, pendingMutations, renumberAfter } from './mutation-queue';

export interface SyncDeps {
  database: ReachlogDb;
  /** null when signed out */
  getApi: () => Promise<ReachlogApi | null>;
  /** the session was refused: forget it so the views ask for a new sign-in */
  onUnauthorized: (message: string) => Promise<void>;
  now?: () => number;
  /** rows per pull page (tests make it small) */
  pullLimit?: number;
  /** a run reached the server (the live stream, if it is waiting to retry, can reconnect now) */
  onReachable?: () => void;
  /** for the retry's jitter (tests pin it) */
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** The periodic sync (create-background.ts) comes every minute anyway: retries never wait longer. */
export const SYNC_RETRY_MAX_MS = 60_000;
/** Drafts, contacts and templates in the first page of a first sync (with the newest history). */
export const FIRST_PAGE_ROWS = 100;

/** Mutations per push request. */
export const PUSH_BATCH = 100;

class GapError extends Error {}

export class SyncEngine {
  private running: Promise<SyncResult> | null = null;
  private again = false;
  private lock: Promise<unknown> = Promise.resolve();
  /** runs in a row that could not reach the server (or found it busy) */
  private failures = 0;
  private retryTimer: unknown = null;
  private retryable = false;

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
        this.retryable = false;
        try {
          result = await this.once();
        } catch (error) {
          // the local database failed (closing, quota): report it, the next run tries again
          result = { state: 'error', error: error instanceof Error ? error.message : String(error) };
        }
      } while (this.again);
      this.scheduleRetry(result);
      return result;
    };
    this.running = loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Another call reached the server: a run waiting out its backoff goes now. */
  async serverReachable(): Promise<void> {
    if (this.retryTimer === null) return;
    this.cancelRetry();
    await this.run();
  }

  /** Resolves when no run is in progress (tests wait for the run a retry timer started). */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Stops the retry timer (the background stops). */
  stop(): void {
    this.cancelRetry();
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null)
      (this.deps.clearTimer ?? clearTimeout)(this.retryTimer as ReturnType<typeof setTimeout>);
    this.retryTimer = null;
  }

  /**
   * A run that could not reach the server goes again by itself, soon: a change made during a
   * blip in the connection (a request dropped, an answer cut) would otherwise wait for the next
   * periodic sync, a minute later. Backoff with jitter, as the outbox does, so a server coming
   * back is not met by every browser in the same second.
   */
  private scheduleRetry(result: SyncResult): void {
    this.cancelRetry();
    const retry = result.state === 'offline' || (result.state === 'error' && this.retryable);
    if (!retry) {
      this.failures = 0;
      return;
    }
    this.failures++;
    this.retryTimer = (this.deps.setTimer ?? setTimeout)(
      () => {
        this.retryTimer = null;
        void this.run();
      },
      Math.min(SYNC_RETRY_MAX_MS, backoffMs(this.failures, this.deps.random)),
    );
  }

  /** Pushes the queue now (the outbox before a send naming a draft the server may not have yet). */
  async pushNow(): Promise<void> {
    const api = await this.deps.getApi();
    if (api) await this.push(api);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
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
      const rejected = await this.push(api);
      await this.pull(api, generation);
      // {{myName}} from the account when no browser set one (goes out with the next push)
      await writeInSession(database, generation, [database.mutations], () => adoptAccountName(database));
      this.deps.onReachable?.();
      const error = rejected
        ? `The server refused ${rejected} change(s); see the draft for the reason.`
        : null;
      // signed out meanwhile: the cleared status stays
      this.retryable = false;
      await writeInSession(database, generation, [], () =>
        setSetting('syncStatus', { state: error ? 'error' : 'idle', lastSyncedAt: now(), error }, database),
      );
      return { state: error ? 'error' : 'synced', error };
    } catch (e) {
      const info = explainError(e, 'sync');
      this.retryable = info.kind === 'retryable';
      if (info.kind === 'unauthorized') {
        await this.deps.onUnauthorized(info.message);
        await setSetting('syncStatus', { ...status, state: 'signed-out', error: info.message }, database);
        return { state: 'signed-out', error: info.message };
      }
      const state = info.kind === 'network' ? 'offline' : 'error';
      await writeInSession(database, generation, [], () =>
        setSetting('syncStatus', { ...status, state, error: info.message }, database),
      );
      return { state, error: info.message };
    }
  }

  /** Pushes every queued mutation; returns how many the server refused (as no-ops). */
  private async push(api: ReachlogApi): Promise<number> {
    let refused = 0;
    for (let recovered = false; ;) {
      try {
        await this.serial(async () => {
          const { database } = this.deps;
          const clientId = await database.transaction('rw', database.settings, () =>
            ensureClientId(database),
          );
          const pending = await pendingMutations(database);
          for (let i = 0; i < pending.length; i += PUSH_BATCH) {
            const batch = pending.slice(i, i + PUSH_BATCH);
            let result;
            try {
              result = await api.syncPush({
                clientId,
                mutations: batch.map(({ id, name, args }) => ({ id, name, args })),
              });
            } catch (error) {
              const info = classifyError(error);
              if (info.code === 'CONFLICT' && info.message === MUTATION_GAP_MESSAGE) throw new GapError();
              throw error;
            }
            refused += result.rejected.length;
            for (const r of result.rejected) {
              const m = batch.find((x) => x.id === r.id);
              const draftId = m?.target.startsWith('draft:') ? m.target.slice('draft:'.length) : null;
              if (draftId) await database.drafts.update(draftId, { syncError: r.error });
            }
          }
        });
        return refused;
      } catch (error) {
        if (!(error instanceof GapError) || recovered) throw error;
        // The server does not have what this browser thinks it sent: learn from a pull where
        // it stands, number the queue on from there, push again (once).
        recovered = true;
        const last = await this.pull(api, await sessionGeneration(this.deps.database));
        await renumberAfter(this.deps.database, last);
      }
    }
  }

  /**
   * Pulls every page; returns the server's last applied mutation id of this client. The next
   * page is fetched while the current one is written (a first sync is mostly those two).
   */
  private async pull(api: ReachlogApi, generation: number): Promise<number> {
    const { database } = this.deps;
    const clientId = await database.transaction('rw', database.settings, () => ensureClientId(database));
    const limit = this.deps.pullLimit ?? PULL_MAX_ROWS;
    const fetchPage = (cookie: string | null, rows = limit) =>
      api.syncPull({ clientId, cookie, limit: rows });
    const cookie = await getSetting('syncCookie', database);
    // A first sync's first page brings the newest history rows (Latest attempts): kept small so
    // they are written, and shown, before the big pages of drafts that follow.
    let next = fetchPage(cookie, cookie === null ? Math.min(limit, FIRST_PAGE_ROWS) : limit);
    let lastMutationId = 0;
    for (;;) {
      const page = await next;
      lastMutationId = page.lastMutationId;
      if (page.more) {
        next = fetchPage(page.cookie);
        next.catch(() => undefined); // awaited below, unless this page is not written
      }
      const written = await this.serial(() =>
        applyPullPage(database, page, generation, (this.deps.now ?? Date.now)()),
      );
      if (!written || !page.more) return lastMutationId;
    }
  }
}
