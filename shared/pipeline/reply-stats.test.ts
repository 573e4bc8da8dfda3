import { describe, expect, it } from 'vitest';
import type { PipelineRow } from './follow-ups';
import { replyStats } from './reply-stats';

const DAY = 24 * 3600 * 1000;
const NOW = 100 * DAY;
let nextId = 1;
const row = (p: Partial<PipelineRow>): PipelineRow => ({
  id: nextId++,
  channel: 'email',
  status: 'sent',
  sentAt: NOW - 10 * DAY,
  repliedAt: null,
  followUpOf: null,
  template: null,
  recipientEmail: `r${nextId}@x.test`,
  recipientLinkedinUrl: null,
  ...p,
});

describe('replyStats by template', () => {
  it('groups first messages by the template they were written from; rows without one are "No template" (null), last', () => {
    const intro1 = row({ template: 'Introduction e-mail', repliedAt: NOW - 9 * DAY });
    const intro2 = row({ template: 'Introduction e-mail' });
    const intro3 = row({ template: 'Introduction e-mail', channel: 'both', repliedAt: NOW - 8 * DAY });
    const note = row({ template: 'Connection note', channel: 'linkedin' });
    const plain = row({ template: null });
    const oldRow = row({}); // stored before templates were recorded: no field at all
    delete (oldRow as { template?: unknown }).template;
    const s = replyStats([plain, note, intro1, intro2, intro3, oldRow], { now: NOW });
    expect(s.byTemplate).toEqual([
      { template: 'Introduction e-mail', sent: 3, replied: 2, rate: 2 / 3 },
      { template: 'Connection note', sent: 1, replied: 0, rate: 0 },
      { template: null, sent: 2, replied: 0, rate: 0 },
    ]);
  });

  it("a follow-up's reply counts for the first message's template; follow-ups and failed sends are not first messages", () => {
    const first = row({ template: 'Introduction e-mail' });
    const followUp = row({
      template: 'Follow-up',
      followUpOf: first.id,
      sentAt: NOW - 2 * DAY,
      repliedAt: NOW - 1 * DAY,
    });
    const failed = row({ template: 'Connection note', status: 'failed' });
    const s = replyStats([first, followUp, failed], { now: NOW });
    expect(s.byTemplate).toEqual([{ template: 'Introduction e-mail', sent: 1, replied: 1, rate: 1 }]);
  });

  it('equal use is ordered by name, and a blank name counts as none', () => {
    const s = replyStats([row({ template: 'B' }), row({ template: 'A' }), row({ template: '  ' })], {
      now: NOW,
    });
    expect(s.byTemplate.map((t) => t.template)).toEqual(['A', 'B', null]);
    expect(replyStats([], { now: NOW }).byTemplate).toEqual([]);
  });
});
