import { liveQuery, type Subscription } from 'dexie';
import { createReachlogApi, type ReachlogApi } from '@/api/api';
import { explainError, type UserAction } from '@/api/errors';
import type { ReachlogDb } from '@/db/database';
import { getSetting } from '@/db/settings';
import type {
  BackgroundReply,
  ContentToBackground,
  ToContent,
  ViewMessageType,
  ViewToBackground,
} from '@/messaging/protocol';
import { OutboxProcessor } from '@/outbox/processor';
import { SendRefused } from '@/outbox/enqueue';
import { SyncEngine } from '@/sync/sync-engine';
import { LiveConnection } from '@/sync/live';
import { purgeOldTombstones } from '@/sync/purge-tombstones';
import type { BackgroundContext } from './context';
import { handleCapture, handleTabRemoved, handleTabUpdated } from './handle-capture';
import {
  handleRequestPasswordReset,
  handleResetPassword,
  handleSendVerificationCode,
  handleVerifyEmail,
} from './handle-account';
import { handleCheckRecipient } from './handle-check-recipient';
import { handleFillComposer, handleLinkedInSent, handleSendBoth } from './handle-composer';
import { handleSignIn, handleSignOut, handleSignUp, handleUnauthorized, UserError } from './handle-auth';
import { handleRetry, handleSend } from './handle-send';
import { handleSmtpClear, handleSmtpGet, handleSmtpSave, handleSmtpTest } from './handle-smtp';
import { handleReplyMessage, isReplyMessage, maybeCheckReplies } from './handle-replies';
import { flushReplyMarks } from './handle-conversation';

/** While the worker lives; when it sleeps, the `alarms` alarm (entrypoints/background.ts) wakes it. */
export const SYNC_INTERVAL_MS = 60_000;
/** A local change is pushed this soon (typing is already debounced by the views). */
export const PUSH_DEBOUNCE_MS = 50;
export const SENT_ROWS_KEPT_MS = 7 * 24 * 60 * 60_000;

export interface BackgroundOptions {
  database: ReachlogDb;
  sendToTab: (tabId: number, msg: ToContent) => Promise<unknown>;
  /** how to reach a server (tests may pass a fetch) */
  makeApi?: (serverUrl: string, getToken: () => Promise<string | null>) => ReachlogApi;
  now?: () => number;
}

export interface Background extends BackgroundContext {
  handleView(msg: ViewToBackground): Promise<BackgroundReply>;
  handleContent(msg: ContentToBackground, tabId: number): Promise<BackgroundReply>;
  onTabRemoved(tabId: number): Promise<void>;
  onTabUpdated(tabId: number, url: string | undefined): Promise<void>;
  /** the browser says the network is back */
  onOnline(): Promise<void>;
  /** the periodic alarm woke the worker (MV3 stops it when idle) */
  onAlarm(): Promise<void>;
  /** drops captures and composer fills of tabs that no longer exist (ids are reused after a restart) */
  pruneTabs(liveTabIds: number[] | null): Promise<void>;
  /** outbox + sync now, the live stream, sync every minute, push local changes soon after they are made */
  start(): void;
  stop(): void;
}

/** What each request is for, so its failure says what happens next (explainError). */
const ACTION: Record<ViewMessageType | ContentToBackground['type'], UserAction> = {
  'sign-in': 'sign-in',
  'sign-up': 'sign-in',
  'request-password-reset': 'sign-in',
  'reset-password': 'sign-in',
  'sign-out': 'account',
  'send-verification-code': 'account',
  'verify-email': 'account',
  'send-email': 'send-email',
  'record-linkedin': 'record-linkedin',
  'send-draft': 'send-email',
  'retry-outbox': 'send-email',
  'linkedin-sent': 'record-linkedin',
  'fill-composer': 'load',
  'send-both': 'send-both',
  'check-recipient': 'check',
  capture: 'load',
  'sync-now': 'sync',
  'smtp-get': 'load',
  'smtp-save': 'save',
  'smtp-clear': 'save',
  'smtp-test': 'load',
  'imap-get': 'load',
  'imap-save': 'save',
  'imap-clear': 'save',
  'replies-check': 'check',
  'mark-replied': 'save',
};

function errorReply(error: unknown, type: keyof typeof ACTION): BackgroundReply {
  if (error instanceof UserError || error instanceof SendRefused) return { ok: false, error: error.message };
  return { ok: false, error: explainError(error, ACTION[type] ?? 'load').message };
}

export function createBackground(opts: BackgroundOptions): Background {
  const { database } = opts;
  const now = opts.now ?? Date.now;
  const makeApi = opts.makeApi ?? ((serverUrl, getToken) => createReachlogApi({ serverUrl, getToken }));
  const getToken = async () => (await getSetting('session', database))?.token ?? null;
  let cached: { serverUrl: string; api: ReachlogApi } | null = null;

  const getApi = async (): Promise<ReachlogApi | null> => {
    const session = await getSetting('session', database);
    if (!session) return null;
    const serverUrl = await getSetting('serverUrl', database);
    if (cached?.serverUrl !== serverUrl) cached = { serverUrl, api: makeApi(serverUrl, getToken) };
    return cached.api;
  };
  const onUnauthorized = () => handleUnauthorized({ database });

  const sync: SyncEngine = new SyncEngine({
    database,
    getApi,
    onUnauthorized,
    now,
    onReachable: () => {
      live.serverReachable();
      void outbox.serverReachable().catch(() => undefined);
    },
  });
  const outbox = new OutboxProcessor({
    database,
    getApi,
    onUnauthorized,
    now,
    beforeDraftSend: () => sync.pushNow(),
    // the server is back for sends: a sync waiting out its backoff goes now, the stream reopens
    onReachable: () => {
      live.serverReachable();
      void sync.serverReachable();
    },
    // the status line must not say "Synced" while sends wait for the connection: a sync finds
    // out too, says why, and retries on its own backoff
    onUnreachable: () => {
      void getSetting('syncStatus', database)
        .then((s) => (s.state === 'offline' ? undefined : sync.run()))
        .catch(() => undefined);
    },
  });
  const live: LiveConnection = new LiveConnection({
    open: async (handlers) => (await getApi())?.pokes(handlers) ?? null,
    onPoke: () => void sync.run(),
  });
  const ctx: BackgroundContext = {
    database,
    outbox,
    sync,
    live,
    getApi,
    apiFor: (serverUrl) => makeApi(serverUrl, async () => null),
    sendToTab: opts.sendToTab,
    now,
  };

  let interval: ReturnType<typeof setInterval> | null = null;
  let queueWatch: Subscription | null = null;
  let pushTimer: ReturnType<typeof setTimeout> | null = null;

  const reply = async <T>(type: keyof typeof ACTION, work: () => Promise<T>): Promise<BackgroundReply> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return errorReply(error, type);
    }
  };

  return {
    ...ctx,
    handleView(msg) {
      switch (msg.type) {
        case 'sign-in':
          return reply(msg.type, () => handleSignIn(ctx, msg));
        case 'sign-up':
          return reply(msg.type, () => handleSignUp(ctx, msg));
        case 'sign-out':
          return reply(msg.type, () => handleSignOut(ctx));
        case 'send-verification-code':
          return reply(msg.type, () => handleSendVerificationCode(ctx));
        case 'verify-email':
          return reply(msg.type, () => handleVerifyEmail(ctx, msg.code));
        case 'request-password-reset':
          return reply(msg.type, () => handleRequestPasswordReset(ctx, msg));
        case 'reset-password':
          return reply(msg.type, () => handleResetPassword(ctx, msg));
        case 'send-email':
          return reply(msg.type, () => handleSend(ctx, { kind: 'email', input: msg.input }));
        case 'record-linkedin':
          return reply(msg.type, () => handleSend(ctx, { kind: 'linkedin', input: msg.input }));
        case 'send-draft':
          return reply(msg.type, () => handleSend(ctx, { kind: 'draft', input: msg.input }));
        case 'fill-composer':
          return reply(msg.type, () => handleFillComposer(ctx, msg));
        case 'send-both':
          return reply(msg.type, () => handleSendBoth(ctx, msg));
        case 'check-recipient':
          return reply(msg.type, () => handleCheckRecipient(ctx, msg));
        case 'sync-now':
          return reply(msg.type, async () => {
            const result = await sync.run();
            void outbox.kick();
            return result;
          });
        case 'retry-outbox':
          return reply(msg.type, () => handleRetry(ctx, msg.id));
        case 'smtp-get':
          return reply(msg.type, () => handleSmtpGet(ctx));
        case 'smtp-save':
          return reply(msg.type, () => handleSmtpSave(ctx, msg.input));
        case 'smtp-clear':
          return reply(msg.type, () => handleSmtpClear(ctx));
        case 'smtp-test':
          return reply(msg.type, () => handleSmtpTest(ctx, msg.to));
        default:
          if (isReplyMessage(msg)) return reply(msg.type, () => handleReplyMessage(ctx, msg));
          return Promise.resolve({
            ok: false,
            error: `Unknown request: ${(msg as { type?: unknown }).type as string}`,
          });
      }
    },
    handleContent(msg, tabId) {
      switch (msg.type) {
        case 'capture':
          return reply(msg.type, () => handleCapture(ctx, tabId, msg.capture));
        case 'linkedin-sent':
          return reply(msg.type, () => handleLinkedInSent(ctx, tabId, msg));
        default:
          return Promise.resolve({
            ok: false,
            error: `Unknown request: ${(msg as { type?: unknown }).type as string}`,
          });
      }
    },
    onTabRemoved: (tabId) => handleTabRemoved(ctx, tabId),
    onTabUpdated: (tabId, url) => handleTabUpdated(ctx, tabId, url),
    async onOnline() {
      live.start();
      await outbox.retryWaitingNow();
      await sync.run();
      void flushReplyMarks(ctx).catch(() => undefined);
    },
    async onAlarm() {
      live.start();
      void outbox.kick();
      await sync.run();
      void maybeCheckReplies(ctx);
      void flushReplyMarks(ctx).catch(() => undefined);
    },
    async pruneTabs(liveTabIds) {
      const live = new Set(liveTabIds ?? []);
      await database.transaction('rw', [database.tabCaptures, database.composerFills], async () => {
        await database.tabCaptures.filter((r) => !live.has(r.tabId)).delete();
        await database.composerFills.filter((r) => !live.has(r.tabId)).delete();
      });
    },
    start() {
      // sent rows stay visible for a week ("sent ✓"), then the history is their record
      void database.outbox
        .where('state')
        .equals('sent')
        .filter((r) => now() - r.updatedAt > SENT_ROWS_KEPT_MS)
        .delete()
        .catch(() => undefined);
      // deleted drafts kept here for a "deleted in another browser" notice: not forever
      void purgeOldTombstones(database, now()).catch(() => undefined);
      void outbox.kick();
      void sync.run();
      void flushReplyMarks(ctx).catch(() => undefined);
      live.start();
      interval ??= setInterval(() => {
        void sync.run();
        void outbox.kick();
        live.start();
      }, SYNC_INTERVAL_MS);
      // Views queue their changes straight into Dexie; Dexie tells every context (this worker
      // too). A new mutation id (the queue's highest) schedules a push.
      let lastQueued = 0;
      queueWatch ??= liveQuery(async () => (await database.mutations.orderBy('id').lastKey()) ?? 0).subscribe(
        {
          next: (highest) => {
            const fresh = Number(highest) > lastQueued;
            lastQueued = Number(highest);
            if (!fresh) return;
            if (pushTimer) clearTimeout(pushTimer);
            pushTimer = setTimeout(() => void sync.run(), PUSH_DEBOUNCE_MS);
          },
          error: () => undefined,
        },
      );
    },
    stop() {
      if (interval) clearInterval(interval);
      if (pushTimer) clearTimeout(pushTimer);
      queueWatch?.unsubscribe();
      interval = null;
      queueWatch = null;
      outbox.stop();
      sync.stop();
      live.stop();
    },
  };
}
