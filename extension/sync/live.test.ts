// Reconnecting the live stream: doubling delays up to a minute, half of each random (jitter),
// back to the shortest once a stream opens; nothing left running after stop().
import { describe, expect, it } from 'vitest';
import type { PokeHandlers } from '@/api/pokes';
import { LIVE_RETRY_MAX_MS, LiveConnection, reconnectDelay } from './live';

describe('reconnectDelay', () => {
  it('doubles from 1 s to at most a minute, with half of it random', () => {
    expect([1, 2, 3, 4].map((n) => reconnectDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => reconnectDelay(n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(reconnectDelay(30, () => 1)).toBe(LIVE_RETRY_MAX_MS);
    const spread = new Set(Array.from({ length: 50 }, () => reconnectDelay(5)));
    expect(spread.size).toBeGreaterThan(10);
    for (const d of spread) expect(d >= 8000 && d <= 16000).toBe(true);
  });
});

describe('LiveConnection', () => {
  it('reconnects after failures with growing delays, resets when a stream opens, and stops cleanly', async () => {
    const timers: { fn: () => void; ms: number }[] = [];
    const handlers: PokeHandlers[] = [];
    let closed = 0;
    let pokes = 0;
    const live = new LiveConnection({
      open: async (h) => {
        handlers.push(h);
        return () => void closed++;
      },
      onPoke: () => void pokes++,
      random: () => 0,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
    });
    const settle = () => new Promise((r) => setTimeout(r, 0));
    live.start();
    await settle();
    expect(handlers).toHaveLength(1);
    handlers[0]!.onError(new Error('server down'));
    expect(live.state).toBe('waiting');
    timers.shift()!.fn();
    await settle();
    handlers[1]!.onError(new Error('still down'));
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    timers.shift()!.fn();
    await settle();
    handlers[2]!.onPoke({ reason: 'connected' }); // open: the next failure starts over
    expect(live.state).toBe('open');
    expect(pokes).toBe(1);
    handlers[2]!.onError(new Error('dropped'));
    expect(timers.map((t) => t.ms)).toEqual([500]);
    live.stop();
    expect(live.state).toBe('off');
    timers.shift()!.fn(); // a timer of the stopped connection does nothing
    await settle();
    expect(handlers).toHaveLength(3);
    // restart (a sign-in) opens at once
    live.restart();
    await settle();
    expect(handlers).toHaveLength(4);
    handlers[0]!.onPoke({ reason: 'changed' }); // an old stream's late event is ignored
    expect(pokes).toBe(1);
    live.stop();
    expect(closed).toBeGreaterThanOrEqual(1);
  });
});
