import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../errors';
import { decodeCursor, encodeCursor } from './history-cursor';

describe('history cursor', () => {
  it('round-trips (sentAt, id)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (ms, id) => {
          const c = decodeCursor(encodeCursor({ sentAt: new Date(ms), id }));
          expect(c.sentAt.getTime()).toBe(ms);
          expect(c.id).toBe(id);
        },
      ),
    );
  });

  it('is opaque (no raw date or id in it)', () => {
    const s = encodeCursor({ sentAt: new Date('2026-01-02T03:04:05.006Z'), id: 42 });
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(s).not.toContain('42');
  });

  it('refuses junk with a BAD_REQUEST AppError', () => {
    for (const junk of [
      '',
      'abc',
      Buffer.from('x:1').toString('base64url'),
      Buffer.from('1:').toString('base64url'),
    ]) {
      let err: unknown;
      try {
        decodeCursor(junk);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_REQUEST');
    }
  });
});
