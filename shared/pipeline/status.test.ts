import { describe, expect, it } from 'vitest';
import { contactStatus } from './status';

const sent = (repliedAt: number | null = null) => ({ status: 'sent', repliedAt });
const failed = { status: 'failed', repliedAt: null };

describe('contactStatus', () => {
  it('derives from history: nothing sent → none; sent → contacted; a reply → replied', () => {
    expect(contactStatus({ rows: [] })).toBeNull();
    expect(contactStatus({ rows: [failed] })).toBeNull();
    expect(contactStatus({ rows: [sent(), failed] })).toBe('contacted');
    expect(contactStatus({ rows: [sent(), sent(1000)] })).toBe('replied');
  });

  it('a status set by hand wins over the history', () => {
    expect(contactStatus({ manual: { status: 'interviewing', setAt: 5 }, rows: [sent(10)] })).toBe(
      'interviewing',
    );
    expect(contactStatus({ manual: { status: 'offer', setAt: 5 }, rows: [] })).toBe('offer');
    expect(contactStatus({ manual: { status: 'rejected', setAt: 5 }, rows: [sent(10)] })).toBe('rejected');
  });

  it('a reply after the user marked "no answer" or "contacted" moves the person to replied', () => {
    expect(contactStatus({ manual: { status: 'no-answer', setAt: 5 }, rows: [sent(10)] })).toBe('replied');
    expect(contactStatus({ manual: { status: 'no-answer', setAt: 50 }, rows: [sent(10)] })).toBe('no-answer');
    expect(contactStatus({ manual: { status: 'contacted', setAt: 5 }, rows: [sent(10)] })).toBe('replied');
  });

  it('rows stored before replies were tracked (no repliedAt) count as not replied', () => {
    expect(contactStatus({ rows: [{ status: 'sent' }] })).toBe('contacted');
  });
});
