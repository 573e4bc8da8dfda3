import { describe, expect, it } from 'vitest';
import { mergeItemData } from './sync-item-merge';
import { ITEM_PATCH_SCHEMAS } from './schemas/sync';

describe('contact corrections merge', () => {
  it('field by field: two browsers correcting different fields keep both; null removes one', () => {
    const stored = { name: 'Jane', corrections: { company: 'Initech', title: 'Recruiter' } };
    expect(mergeItemData('contact', stored, { corrections: { name: 'Jane Doe', title: null } })).toEqual({
      name: 'Jane',
      corrections: { company: 'Initech', name: 'Jane Doe' },
    });
    expect(mergeItemData('contact', { name: 'Jane' }, { corrections: { title: 'CTO' } }).corrections).toEqual(
      {
        title: 'CTO',
      },
    );
  });

  it('the server refuses a correction past its limits or an empty name', () => {
    const patch = ITEM_PATCH_SCHEMAS.contact;
    expect(patch.safeParse({ corrections: { title: 'Recruiter', company: null } }).success).toBe(true);
    expect(patch.safeParse({ corrections: { name: '' } }).success).toBe(false);
    expect(patch.safeParse({ corrections: { company: 'x'.repeat(301) } }).success).toBe(false);
  });
});
