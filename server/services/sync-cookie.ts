// The pull cookie: where a client's copy stands. Opaque to clients (they pass it back as given).
//   "<v>"                   steady state: the client has every change up to version v
//   "i.<upper>.e.<after>"   first sync of everything up to version `upper`: drafts and items
//                           with a version above `after` are still to come (ascending)
//   "i.<upper>.h.<v>.<id>"  first sync, history backfill: rows before (version v, id) still to
//                           come, newest first (ids break ties: rows recorded before sync
//                           existed all have version 0)
import { AppError } from '../errors';

export type SyncCookie =
  | { kind: 'steady'; version: number }
  | { kind: 'initial'; upper: number; phase: 'entities'; after: number }
  | { kind: 'initial'; upper: number; phase: 'history'; before: { version: number; id: number } };

export function encodeSyncCookie(c: SyncCookie): string {
  if (c.kind === 'steady') return String(c.version);
  return c.phase === 'entities'
    ? `i.${c.upper}.e.${c.after}`
    : `i.${c.upper}.h.${c.before.version}.${c.before.id}`;
}

const INVALID = 'Invalid sync cookie: pass back the cookie of the previous pull, or null';

export function decodeSyncCookie(cookie: string): SyncCookie {
  const steady = /^(\d{1,15})$/.exec(cookie);
  if (steady) return { kind: 'steady', version: Number(steady[1]) };
  const entities = /^i\.(\d{1,15})\.e\.(-1|\d{1,15})$/.exec(cookie);
  if (entities)
    return { kind: 'initial', upper: Number(entities[1]), phase: 'entities', after: Number(entities[2]) };
  const history = /^i\.(\d{1,15})\.h\.(\d{1,15})\.(\d{1,15})$/.exec(cookie);
  if (!history) throw new AppError('BAD_REQUEST', INVALID);
  return {
    kind: 'initial',
    upper: Number(history[1]),
    phase: 'history',
    before: { version: Number(history[2]), id: Number(history[3]) },
  };
}
