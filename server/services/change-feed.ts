// "This user's data changed": the signal behind the live pokes (sync.poke). Services call
// notify(userId) after a change commits; the subscription of every client of that user yields,
// and the client pulls. No data travels here, only the user's id.
//
// One process: an in-memory emitter. Several processes on one PostgreSQL database: each also
// LISTENs on a channel and NOTIFYs it, so a change made through process 1 pokes the clients
// connected to process 2. Notifications of one user within one event-loop turn are sent once.
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';

export interface ChangeFeed {
  /** The user's data changed (call after the transaction committed). */
  notify(userId: string): void;
  /** Calls `listener` on every change of the user's data; returns the unsubscribe. */
  subscribe(userId: string, listener: () => void): () => void;
  /** Ends every subscription (their `closed` listeners run). */
  onClose(listener: () => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'reachlog_changes';

function createEmitterFeed(publish?: (userIds: string[]) => void) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let pending = new Set<string>();
  let closed = false;

  const flush = () => {
    const users = [...pending];
    pending = new Set();
    for (const u of users) emitter.emit(`user:${u}`);
    publish?.(users);
  };

  return {
    emitLocal(userId: string) {
      emitter.emit(`user:${userId}`);
    },
    /** every local subscriber (after a lost LISTEN connection: changes may have been missed) */
    emitAll() {
      for (const name of emitter.eventNames())
        if (typeof name === 'string' && name.startsWith('user:')) emitter.emit(name);
    },
    feed: {
      notify(userId: string) {
        if (closed) return;
        if (pending.size === 0) setImmediate(flush);
        pending.add(userId);
      },
      subscribe(userId: string, listener: () => void) {
        emitter.on(`user:${userId}`, listener);
        return () => void emitter.off(`user:${userId}`, listener);
      },
      onClose(listener: () => void) {
        emitter.on('close', listener);
        return () => void emitter.off('close', listener);
      },
      async close() {
        closed = true;
        emitter.emit('close');
        emitter.removeAllListeners();
      },
    } satisfies ChangeFeed,
  };
}

/** In-memory only: one server process (SQLite, or PostgreSQL with a single process). */
export function createLocalChangeFeed(): ChangeFeed {
  return createEmitterFeed().feed;
}

/**
 * Across processes through PostgreSQL LISTEN/NOTIFY, on one dedicated connection per process.
 * A lost connection is re-opened with backoff; on reconnecting every local subscriber is poked,
 * since notifications sent meanwhile are lost (their clients pull and catch up).
 */
export function createPostgresChangeFeed(databaseUrl: string, log: Logger): ChangeFeed {
  const processId = crypto.randomBytes(6).toString('hex');
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;

  // NOTIFYs go out one statement at a time on the LISTEN connection: the users of one turn in
  // one statement, and users changed while it runs in the next. Several queries at once on one
  // pg Client are queued by pg but deprecated (pg 9 drops it; it warned on every busy server).
  let waiting = new Set<string>();
  let sending = false;
  const sendWaiting = () => {
    const c = client;
    if (!c || waiting.size === 0) {
      // reconnecting: the reconnect pokes everyone anyway
      waiting.clear();
      sending = false;
      return;
    }
    const payloads = [...waiting].map((userId) => `${processId}|${userId}`);
    waiting = new Set();
    sending = true;
    c.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [CHANNEL, payloads])
      .catch((err: unknown) => log.warn({ err }, 'change feed: NOTIFY failed'))
      .finally(sendWaiting);
  };
  const base = createEmitterFeed((userIds) => {
    if (!client) return;
    for (const userId of userIds) waiting.add(userId);
    if (!sending) sendWaiting();
  });

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (msg) => {
      const [from, userId] = (msg.payload ?? '').split('|');
      if (from !== processId && userId) base.emitLocal(userId);
    });
    c.on('error', (err) => {
      log.warn({ err }, 'change feed: LISTEN connection lost');
      if (client === c) client = null;
      c.end().catch(() => undefined);
      schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      if (stopped) {
        await c.end();
        return;
      }
      const wasReconnect = attempt > 0;
      client = c;
      attempt = 0;
      if (wasReconnect) base.emitAll();
    } catch (err) {
      log.warn({ err }, 'change feed: could not LISTEN');
      c.end().catch(() => undefined);
      schedule();
    }
  };

  const schedule = () => {
    if (stopped || timer) return;
    attempt++;
    const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2);
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    timer.unref();
  };

  void connect();
  return {
    ...base.feed,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await base.feed.close();
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
