// One SQLite connection, one transaction on it at a time, and nothing else while it is open.
//
// Why: Prisma's better-sqlite3 adapter runs every query on one connection and locks it only for
// transactions. SQLite has one transaction per connection, so a plain statement issued while
// another request's interactive transaction is open (across its awaits) runs inside that
// transaction: it is rolled back with it after its caller was told "success", and a read sees
// rows that are then rolled back (issue 8, finding 1; server/db/transaction-isolation.test.ts).
//
// How: every use of the connection passes through one gate — Prisma's plain queries and scripts,
// its transactions (held from BEGIN to COMMIT/ROLLBACK), and the fast path's synchronous
// statements (sqlite-fast-path.ts). Whoever comes while the gate is held waits its turn, first
// come first served. Nothing bypasses it: client.ts hands Prisma only the gated adapter, and the
// fast path only runs when the gate is free.
import type { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter['startTransaction']>>;

export class ConnectionGate {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** True while someone holds the connection (a transaction is open, or a statement runs). */
  get busy(): boolean {
    return this.held;
  }

  /** Resolves, in arrival order, once the caller holds the connection; call the result to let go. */
  acquire(): Promise<() => void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  /** Holds the connection for the whole of `work` (until its promise settles). */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Synchronous work on the connection: now if the gate is free, else in its turn. */
  run<T>(work: () => T): Promise<T> {
    if (!this.held) {
      try {
        return Promise.resolve(work());
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    return this.hold(async () => work());
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // Handed straight to the next in line: nobody can slip in between.
      if (next) next();
      else this.held = false;
    };
  }
}

/** The adapter Prisma gets: the driver's own, with every use of the connection behind `gate`. */
export function gatedAdapter(inner: SqlDriverAdapter, gate: ConnectionGate): SqlDriverAdapter {
  const gated: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => gate.hold(() => inner.queryRaw(query)),
    executeRaw: (query) => gate.hold(() => inner.executeRaw(query)),
    executeScript: (script) => gate.hold(() => inner.executeScript(script)),
    async startTransaction(isolationLevel) {
      const release = await gate.acquire();
      try {
        return gatedTransaction(await inner.startTransaction(isolationLevel), release);
      } catch (err) {
        release();
        throw err;
      }
    },
    dispose: () => inner.dispose(),
  };
  if (inner.getConnectionInfo) gated.getConnectionInfo = () => inner.getConnectionInfo!();
  return gated;
}

/** A transaction that lets go of the gate when it commits or rolls back. */
function gatedTransaction(tx: Transaction, release: () => void): Transaction {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'commit' || prop === 'rollback') {
        return async () => {
          try {
            await target[prop]();
          } finally {
            release();
          }
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      // The driver's classes keep state in private fields: call their methods on themselves.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
