// Per-user cap on outgoing e-mail, so one account cannot turn the server (or its relay) into a
// bulk mailer. In memory: with several processes each keeps its own counts.
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AppError } from '../errors';

export interface SendLimits {
  perMinute: number;
  perHour: number;
}

export const SEND_LIMITS: SendLimits = { perMinute: 20, perHour: 100 };

/** Limits from SEND_LIMIT_PER_MINUTE / SEND_LIMIT_PER_HOUR, defaults for what is unset. */
export function sendLimitsFromEnv(env: NodeJS.ProcessEnv): SendLimits {
  const read = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got ${v}`);
    return n;
  };
  return {
    perMinute: read('SEND_LIMIT_PER_MINUTE', SEND_LIMITS.perMinute),
    perHour: read('SEND_LIMIT_PER_HOUR', SEND_LIMITS.perHour),
  };
}

export function createSendLimiter(limits: SendLimits = SEND_LIMITS) {
  const minute = new RateLimiterMemory({ keyPrefix: 'send-min', points: limits.perMinute, duration: 60 });
  const hour = new RateLimiterMemory({ keyPrefix: 'send-hour', points: limits.perHour, duration: 3600 });

  return {
    /** Counts one e-mail for the user, or throws TOO_MANY_REQUESTS (nothing counted). */
    async take(userId: string): Promise<void> {
      const [m, h] = await Promise.all([minute.get(userId), hour.get(userId)]);
      if (h && h.consumedPoints >= limits.perHour) {
        const minutes = Math.max(1, Math.ceil(h.msBeforeNext / 60_000));
        throw new AppError(
          'TOO_MANY_REQUESTS',
          `Sending limit reached: at most ${limits.perHour} e-mail${limits.perHour === 1 ? '' : 's'} per hour. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        );
      }
      if (m && m.consumedPoints >= limits.perMinute) {
        const seconds = Math.max(1, Math.ceil(m.msBeforeNext / 1000));
        throw new AppError(
          'TOO_MANY_REQUESTS',
          `Sending limit reached: at most ${limits.perMinute} e-mail${limits.perMinute === 1 ? '' : 's'} per minute. Try again in ${seconds} seconds.`,
        );
      }
      await Promise.allSettled([minute.consume(userId), hour.consume(userId)]);
    },
    /** Gives back an e-mail counted for a send that did not happen (e.g. a retry found it done). */
    async giveBack(userId: string): Promise<void> {
      await Promise.allSettled([minute.reward(userId, 1), hour.reward(userId, 1)]);
    },
  };
}

export type SendLimiter = ReturnType<typeof createSendLimiter>;
