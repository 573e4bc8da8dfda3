import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it, vi } from 'vitest';
import { serialize } from './transformer';

/** The answer's bytes, or the error it throws (superjson refuses some keys). */
function outcome(write: () => unknown): string {
  try {
    return JSON.stringify(write());
  } catch (err) {
    return `throws ${(err as Error).message}`;
  }
}

// The same bytes as superjson, key order included (clients parse them with superjson).
const same = (v: unknown) => expect(outcome(() => serialize(v))).toBe(outcome(() => superjson.serialize(v)));

/** An array with a hole at 0. */
function holey(): unknown[] {
  const a: unknown[] = [];
  a[1] = 1;
  return a;
}

class Thing {
  constructor(readonly x = 1) {}
}

/** Keys superjson escapes or refuses among ordinary ones. */
const key = fc.oneof(
  { weight: 8, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('a.b', 'a\\b', '__proto__', 'constructor', 'prototype', '0', '') },
);

const leaf = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 4, arbitrary: fc.double() }, // includes -0, NaN, ±Infinity
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 6, arbitrary: fc.date() }, // includes invalid dates
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.bigInt() },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      new Map([['k', 1]]),
      new Set([1]),
      /re/g,
      new Thing(),
      Object.create(null) as object,
      new Error('e'),
      holey(),
    ),
  },
);

const value = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('tree'), { maxKeys: 6 }),
})).tree;

describe('server transformer (superjson, quicker writer)', () => {
  it('writes what superjson writes, for any value', () => {
    fc.assert(
      fc.property(value, (v) => {
        same(v);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes what superjson writes when an object or a Date appears twice', () => {
    const d = new Date(0);
    const o = { a: 1 };
    same({ sentAt: d, createdAt: d });
    same({ a: o, b: [o] });
    same([o, o]);
    fc.assert(
      fc.property(value, (v) => {
        same({ x: v, y: v });
        same([v, { v }]);
      }),
      { numRuns: 500 },
    );
  });

  it('answers a history row and a list of them without superjson’s walker, with the Dates annotated', () => {
    const row = {
      id: 7,
      recipientName: 'Marisol Quintero',
      recipientEmail: null,
      channel: 'linkedin',
      linkedinMessage: 'Hello'.repeat(200),
      status: 'sent',
      sentAt: new Date('2026-12-01T10:00:00.000Z'),
      createdAt: new Date('2026-12-01T10:00:00.000Z'),
      repliedAt: null,
      followUpOf: null,
    };
    const spy = vi.spyOn(superjson, 'serialize');
    try {
      expect(serialize(row)).toEqual({
        json: { ...row, sentAt: '2026-12-01T10:00:00.000Z', createdAt: '2026-12-01T10:00:00.000Z' },
        meta: { values: { sentAt: ['Date'], createdAt: ['Date'] }, v: 1 },
      });
      const list = {
        items: [row, { ...row, id: 8, sentAt: new Date(1), createdAt: new Date(2) }],
        next: null,
      };
      expect(serialize(list).meta?.values).toEqual({
        'items.0.sentAt': ['Date'],
        'items.0.createdAt': ['Date'],
        'items.1.sentAt': ['Date'],
        'items.1.createdAt': ['Date'],
      });
      expect(serialize({ ok: true })).toEqual({ json: { ok: true } });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    same(row);
  });
});
