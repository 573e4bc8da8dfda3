import type { THistoryRow } from '@@/shared/schemas/history';
import type { TDraftSendInput } from '@@/shared/schemas/drafts';
import type { TRecordLinkedInInput, TSendEmailInput } from '@@/shared/schemas/outreach';
import type { ReachlogApi } from '@/api/api';
import { explainError, type UserAction } from '@/api/errors';
import type { ReachlogDb } from '@/db/database';
import { sessionGeneration, writeInSession } from '@/db/session-generation';
import type { OutboxRow } from '@/db/types';
import { toLocalHistory } from '@/sync/history-row';
import { backoffMs, FINISHING_CHECK_MS } from './backoff';

export interface OutboxDeps {
  database: ReachlogDb;
  /** null when signed out: rows wait for a sign-in */
  getApi: () => Promise<ReachlogApi | null>;
  /** the session was refused: forget it so the views ask for a new sign-in */
  onUnauthorized?: (message: string) => Promise<void>;
  now?: () => number;
  /**
   * Before a send naming a draft: push the local changes, so the server knows the draft (a new
   * one, made offline). The send carries its own text either way.
   */
  beforeDraftSend?: () => Promise<void>;
  /** a send got an answer from the server (a sync that is waiting to retry can go now) */
  onReachable?: () => void;
  /** a send could not reach the server (the sync status should say so too) */
  onUnreachable?: () => void;
  /** for the backoff's jitter (tests pin it) */
  random?: () => number;
  /** timers only live as long as the service worker; startup and every message kick again */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** What the user asked for, so a failure can say what happens to it next. */
function actionOf(row: OutboxRow): UserAction {
  if (row.kind === 'email') return 'send-email';
  if (row.kind === 'linkedin') return 'record-linkedin';
  const p = row.payload as TDraftSendInput;
  return p.email && p.linkedinSent ? 'send-both' : p.linkedinSent ? 'record-linkedin' : 'send-email';
}

/**
 * Sends queued rows one at a time in creation order. A row the server could not be reached for
 * stays at the head (so later sends never overtake it) and is retried with backoff; a row the
 * server refused or failed becomes 'failed' with the server's message and the queue moves on.
 */
export class OutboxProcessor {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private readonly now: () => number;

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Processes due rows; resolves when the queue is idle (or waiting for a later attempt). */
  kick(): Promise<void> {
    this.again = true;
    if (!this.running) {
      this.running = (async () => {
        try {
          while (this.again) {
            this.again = false;
            try {
              await this.pass();
            } catch (error) {
              // not a send error (those are handled per row): the database or the worker is
              // going away. Nothing is lost; the next kick (startup, message, timer) resumes.
              console.warn('Reachlog outbox: pass interrupted', error);
              return;
            }
          }
        } finally {
          this.running = null;
        }
      })();
    }
    return this.running;
  }

  /** The connection is back (an `online` event, a successful call): try waiting rows now. */
  async retryWaitingNow(): Promise<void> {
    const now = this.now();
    await this.deps.database.outbox
      .where('state')
      .equals('waiting')
      .modify((r) => {
        r.nextAttemptAt = Math.min(r.nextAttemptAt, now);
      });
    await this.kick();
  }

  /**
   * The server answered another call (a sync got through): rows waiting for the connection go
   * now rather than at their backoff's end. Rows waiting for the mail server keep their backoff.
   */
  async serverReachable(): Promise<void> {
    const now = this.now();
    const moved = await this.deps.database.outbox
      .where('state')
      .equals('waiting')
      .filter((r) => r.waitingFor === 'connection' && r.nextAttemptAt > now)
      .modify((r) => {
        r.nextAttemptAt = now;
      });
    if (moved) await this.kick();
  }

  /** The user's Retry: same row, same send id, so the server still sends at most once. */
  async retry(id: string): Promise<OutboxRow | undefined> {
    const now = this.now();
    await this.deps.database.outbox
      .where('id')
      .equals(id)
      .modify((r) => {
        if (r.state === 'sent' || r.state === 'sending') return;
        Object.assign(r, {
          state: 'waiting',
          waitingFor: null,
          nextAttemptAt: now,
          error: null,
          updatedAt: now,
        });
      });
    await this.kick();
    return this.deps.database.outbox.get(id);
  }

  stop(): void {
    if (this.timer !== null)
      (this.deps.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
    this.timer = null;
  }

  private schedule(at: number): void {
    this.stop();
    const delay = Math.max(0, at - this.now());
    this.timer = (this.deps.setTimer ?? setTimeout)(() => {
      this.timer = null;
      void this.kick();
    }, delay);
  }

  private async pass(): Promise<void> {
    const { database } = this.deps;
    // 'sending' rows left by a worker that died mid-call go again: the send id makes it safe
    const queue = await database.outbox.where('state').anyOf('waiting', 'sending').sortBy('createdAt');
    for (const head of queue) {
      const fresh = await database.outbox.get(head.id);
      if (!fresh || (fresh.state !== 'waiting' && fresh.state !== 'sending')) continue;
      if (fresh.nextAttemptAt > this.now()) {
        this.schedule(fresh.nextAttemptAt);
        return;
      }
      const api = await this.deps.getApi();
      if (!api) {
        await database.outbox
          .where('state')
          .anyOf('waiting', 'sending')
          .modify({ state: 'waiting', waitingFor: 'sign-in', updatedAt: this.now() });
        return;
      }
      if (!(await this.attempt(api, fresh))) return;
    }
  }

  /** One try of one row; false when the queue must stop and wait. */
  private async attempt(api: ReachlogApi, row: OutboxRow): Promise<boolean> {
    const { database } = this.deps;
    const generation = await sessionGeneration(database);
    await database.outbox.update(row.id, { state: 'sending', updatedAt: this.now() });
    let result: THistoryRow;
    try {
      result = await this.call(api, row);
    } catch (error) {
      const info = explainError(error, actionOf(row));
      const attempts = row.attempts + 1;
      const now = this.now();
      if (info.kind === 'network' || info.kind === 'retryable') {
        const waitingFor: OutboxRow['waitingFor'] =
          info.kind === 'network'
            ? 'connection'
            : info.code === 'SERVICE_UNAVAILABLE'
              ? 'mail-server'
              : info.code === 'CONFLICT'
                ? 'finishing'
                : null;
        let wait = backoffMs(attempts, this.deps.random);
        // The server finishes an interrupted send as soon as its claim has expired: look often.
        if (waitingFor === 'finishing') wait = Math.min(wait, FINISHING_CHECK_MS);
        const nextAttemptAt = now + wait;
        await database.outbox.update(row.id, {
          state: 'waiting',
          waitingFor,
          attempts,
          nextAttemptAt,
          error: info.message,
          updatedAt: now,
        });
        this.schedule(nextAttemptAt);
        if (info.kind === 'network') this.deps.onUnreachable?.();
        return false;
      }
      if (info.kind === 'unauthorized') {
        await database.outbox.update(row.id, {
          state: 'waiting',
          waitingFor: 'sign-in',
          attempts,
          error: info.message,
          updatedAt: now,
        });
        await this.deps.onUnauthorized?.(info.message);
        return false;
      }
      await database.outbox.update(row.id, {
        state: 'failed',
        waitingFor: null,
        attempts,
        error: info.message,
        updatedAt: now,
      });
      return true;
    }
    this.deps.onReachable?.();
    const now = this.now();
    // signed out while the server answered: the row is the old user's, the next one must not see it
    await writeInSession(
      database,
      generation,
      [database.outbox, database.history, database.drafts],
      async () => {
        await database.outbox.update(row.id, {
          state: 'sent',
          waitingFor: null,
          attempts: row.attempts + 1,
          error: null,
          historyId: result.id,
          updatedAt: now,
        });
        await database.history.put(toLocalHistory(result));
        if (row.draftId) await database.drafts.update(row.draftId, { status: 'sent' });
        // A both-channel send's row is complete: its other half (e-mail half failed or waiting
        // while the LinkedIn half sent both) is done too — Retry there would only find this row.
        if (row.bothOf && result.channel === 'both') {
          await database.outbox
            .filter((o) => o.bothOf === row.bothOf && o.id !== row.id && o.state !== 'sent')
            .modify({ state: 'sent', waitingFor: null, error: null, historyId: result.id, updatedAt: now });
        }
      },
    );
    return true;
  }

  private async call(api: ReachlogApi, row: OutboxRow): Promise<THistoryRow> {
    switch (row.kind) {
      case 'email': {
        // the server answers NOT_FOUND for a draftId it does not know: push a new draft first
        const input = row.payload as TSendEmailInput;
        if (input.draftId) await this.deps.beforeDraftSend?.();
        return api.sendEmail(input);
      }
      case 'linkedin': {
        const input = row.payload as TRecordLinkedInInput;
        if (input.draftId) await this.deps.beforeDraftSend?.();
        return api.recordLinkedIn(input);
      }
      case 'draft': {
        // carries the text as this browser showed it when the user sent (payload.content)
        const input = row.payload as TDraftSendInput;
        await this.deps.beforeDraftSend?.();
        return api.sendDraft(input);
      }
    }
  }
}
