// The main thread's handle on the send writer (send-writer.worker.mjs): groups of sends go to
// the worker, their outcomes come back in the same order.
import { Worker } from 'node:worker_threads';

/** The statements the writer prepares (built in sqlite-fast-path.ts from the Prisma schema's columns). */
export interface SendSql {
  insertSent: string;
  nextVersion: string;
  liveDraft: string;
  markDraftSent: string;
  statsUpsert: Record<string, string>;
}

export interface WriterJob {
  userId: string;
  sendId: string;
  fields: object;
  /** sent_at and created_at, in the adapter's format. */
  at: string;
}

/** A send's outcome: its row as SQLite returns it (null: recorded already), or its error. */
export type WriterOutcome<Row> = { row: Row | null } | { error: { message: string; code?: string } };

export interface WriterSettings {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
}

export interface SendWriter {
  write<Row>(jobs: WriterJob[]): Promise<WriterOutcome<Row>[]>;
  /** The writer connection's journal mode, synchronous and foreign_keys (for tests). */
  settings(): Promise<WriterSettings>;
  /** False once the worker has stopped (crashed or closed): start another. */
  readonly alive: boolean;
  close(): Promise<void>;
}

export interface WriterOptions {
  busyTimeoutMs: number;
  /** PRAGMA synchronous (2 = FULL: every commit synced), as the server's connection has it. */
  synchronous: number;
}

export function startSendWriter(file: string, sql: SendSql, opts: WriterOptions): SendWriter {
  const worker = new Worker(new URL('./send-writer.worker.mjs', import.meta.url), {
    workerData: { file, sql, busyTimeoutMs: opts.busyTimeoutMs, synchronous: opts.synchronous },
  });
  // An idle writer must not keep the process alive.
  worker.unref();
  let alive = true;
  let nextId = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(err: unknown): void }>();

  const stop = (err: Error) => {
    alive = false;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (msg: { id: number; outcomes?: unknown; settings?: unknown }) => {
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (waiting.size === 0) worker.unref();
    w?.resolve(msg.outcomes ?? msg.settings);
  });
  worker.on('error', (err) => stop(err));
  worker.on('exit', (code) => stop(new Error(`The send writer stopped (exit code ${code})`)));

  function ask<T>(msg: object): Promise<T> {
    if (!alive) return Promise.reject(new Error('The send writer has stopped'));
    const id = nextId++;
    // Work in flight keeps the process alive until it is answered.
    worker.ref();
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...msg, id });
    });
  }

  return {
    write: <Row>(jobs: WriterJob[]) => ask<WriterOutcome<Row>[]>({ type: 'write', jobs }),
    settings: () => ask<WriterSettings>({ type: 'settings' }),
    get alive() {
      return alive;
    },
    async close() {
      if (!alive) return;
      alive = false;
      await worker.terminate();
    },
  };
}
