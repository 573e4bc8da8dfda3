// Keeps the live poke stream open while the background runs and someone is signed in. Every poke
// (the first one says "connected": whatever happened while away) makes the engine pull. A broken
// or refused stream is reopened after a delay that doubles up to a minute, with jitter, so many
// browsers that lost one server do not all come back in the same second.
import type { PokeHandlers } from '@/api/pokes';

export interface LiveDeps {
  /** opens the stream, or returns null when signed out */
  open(handlers: PokeHandlers): Promise<(() => void) | null>;
  onPoke(): void;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const LIVE_RETRY_BASE_MS = 1_000;
export const LIVE_RETRY_MAX_MS = 60_000;

/** The wait before reconnect attempt `attempt` (1, 2, …): half fixed, half random ("equal jitter"). */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(LIVE_RETRY_MAX_MS, LIVE_RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (cap / 2) * random());
}

export type LiveState = 'off' | 'connecting' | 'open' | 'waiting';

export class LiveConnection {
  private close: (() => void) | null = null;
  private timer: unknown = null;
  private attempt = 0;
  /** bumped on stop/restart: a stream opened for an older session is closed on arrival */
  private epoch = 0;
  state: LiveState = 'off';

  constructor(private readonly deps: LiveDeps) {}

  /** Opens the stream unless it is open or about to be. */
  start(): void {
    if (this.state !== 'off') return;
    void this.connect();
  }

  /** The server answered (a sync went through): a stream waiting to retry reconnects now. */
  serverReachable(): void {
    if (this.state !== 'waiting') return;
    if (this.timer !== null)
      (this.deps.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
    this.timer = null;
    this.attempt = 0;
    void this.connect();
  }

  /** Another session (sign-in): close and open again at once. */
  restart(): void {
    this.stop();
    this.attempt = 0;
    this.start();
  }

  stop(): void {
    this.epoch++;
    if (this.timer !== null)
      (this.deps.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
    this.timer = null;
    this.close?.();
    this.close = null;
    this.state = 'off';
  }

  private async connect(): Promise<void> {
    const epoch = this.epoch;
    this.state = 'connecting';
    let close: (() => void) | null = null;
    try {
      close = await this.deps.open({
        onPoke: () => {
          if (epoch !== this.epoch) return;
          this.state = 'open';
          this.attempt = 0;
          this.deps.onPoke();
        },
        onError: () => {
          if (epoch !== this.epoch) return;
          this.close = null;
          this.retryLater();
        },
      });
    } catch {
      close = null;
      if (epoch === this.epoch) return this.retryLater();
    }
    if (epoch !== this.epoch) return close?.();
    if (!close) {
      this.state = 'off'; // signed out: sign-in restarts it
      return;
    }
    if (this.state === 'connecting' || this.state === 'open') this.close = close;
    else close();
  }

  private retryLater(): void {
    this.close?.();
    this.close = null;
    this.attempt++;
    this.state = 'waiting';
    const epoch = this.epoch;
    this.timer = (this.deps.setTimer ?? setTimeout)(
      () => {
        this.timer = null;
        if (epoch === this.epoch) void this.connect();
      },
      reconnectDelay(this.attempt, this.deps.random),
    );
  }
}
