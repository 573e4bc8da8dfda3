// Opaque cursor for history.list: the (sent_at, id) of the last row of a page. Ordering is
// sent_at desc, id desc, so pages stay stable even when many rows share one sent_at.
import { AppError } from '../errors';

export interface HistoryCursor {
  sentAt: Date;
  id: number;
}

export function encodeCursor(c: HistoryCursor): string {
  return Buffer.from(`${c.sentAt.getTime()}:${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): HistoryCursor {
  const m = /^(-?\d{1,16}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const ms = m ? Number(m[1]) : NaN;
  const id = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(ms) || !Number.isSafeInteger(id) || Number.isNaN(new Date(ms).getTime())) {
    throw new AppError('BAD_REQUEST', 'Invalid cursor: pass back the nextCursor of the previous page');
  }
  return { sentAt: new Date(ms), id };
}
