// A short-lived cache of live sessions (token → user), so an authenticated call does not read
// the session table every time (it was a fifth of a read's cost on the hot paths).
//
// What it promises (tested in session-cache.test.ts):
//   - sign-out, and a password reset (which ends every session of the account), drop the
//     entries at once in this process: the token stops working with the next call;
//   - a token signed out by another process (another server on the same database) keeps
//     working here for at most SESSION_CACHE_MS after it was last read from the database;
//   - an entry is never served past its session's expiry, and a session due for its sliding
//     refresh is read (and extended) through the database as before;
//   - only live sessions are kept (an unknown token is looked up each time), at most MAX_ENTRIES.
import type { TUser } from '../../shared/schemas/auth';

/** The bound for other processes: a token signed out elsewhere works here at most this long. */
export const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  user: TUser;
  /** the session's own expiry (ms) */
  expiresAt: number;
  /** when it is due for its sliding refresh (ms) */
  refreshAfter: number;
  /** when this entry must be read again from the database (ms) */
  until: number;
}

export function createSessionCache(ttlMs = SESSION_CACHE_MS) {
  const entries = new Map<string, Entry>();
  // Tokens and accounts ended lately: a lookup that read the session just before it was deleted
  // must not put it back (kept for the longest such a lookup may take: the cache's own bound).
  const ended = new Map<string, number>();
  const endedLately = (key: string, now: number) => {
    const until = ended.get(key);
    if (until === undefined) return false;
    if (now < until) return true;
    ended.delete(key);
    return false;
  };
  const end = (key: string) => {
    if (ended.size >= MAX_ENTRIES) ended.delete(ended.keys().next().value!);
    ended.set(key, Date.now() + Math.max(ttlMs, 1_000));
  };
  return {
    /** The cached user, or undefined: ask the database. */
    get(token: string, now = Date.now()): TUser | undefined {
      const e = entries.get(token);
      if (!e) return undefined;
      if (now >= e.until || now >= e.expiresAt || now >= e.refreshAfter) {
        entries.delete(token);
        return undefined;
      }
      return e.user;
    },
    set(token: string, user: TUser, session: { expiresAt: number; refreshAfter: number }, now = Date.now()) {
      if (ttlMs <= 0 || endedLately(`t:${token}`, now) || endedLately(`a:${user.email.toLowerCase()}`, now))
        return;
      entries.delete(token);
      // Oldest first (Map keeps insertion order): a full cache forgets its oldest entry.
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(token, { user, ...session, until: now + ttlMs });
    },
    /** Sign-out. */
    forget(token: string) {
      entries.delete(token);
      end(`t:${token}`);
    },
    /** Every session of one account (password reset ends them all). */
    forgetAccount(email: string) {
      const e = email.toLowerCase();
      end(`a:${e}`);
      for (const [token, entry] of entries) if (entry.user.email.toLowerCase() === e) entries.delete(token);
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
