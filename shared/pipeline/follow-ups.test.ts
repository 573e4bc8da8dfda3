import { describe, expect, it } from 'vitest';
import { dueFollowUps, linkedinCapLevel, linkedinSentThisWeek, type PipelineRow } from './follow-ups';
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
  recipientEmail: `r${nextId}@x.test`,
  recipientLinkedinUrl: null,
  ...p,
});

describe('dueFollowUps', () => {
  it('a first message unanswered for N days is due; replied, recent, followed-up, failed or closed ones are not', () => {
    const due = row({});
    const recent = row({ sentAt: NOW - 3 * DAY });
    const replied = row({ repliedAt: NOW - 5 * DAY });
    const followed = row({});
    const followUp = row({
      followUpOf: followed.id,
      sentAt: NOW - 8 * DAY,
      recipientEmail: followed.recipientEmail,
    });
    const failed = row({ status: 'failed' });
    const closed = row({ recipientLinkedinUrl: 'https://www.linkedin.com/in/c/' });
    const rows = [due, recent, replied, followed, followUp, failed, closed];
    expect(
      dueFollowUps(rows, { now: NOW, closed: new Set([closed.recipientLinkedinUrl!]) }).map((r) => r.id),
    ).toEqual([due.id]);
    // the setting: after 2 days the recent one is due too (oldest first)
    expect(dueFollowUps([due, recent], { now: NOW, afterDays: 2 }).map((r) => r.id)).toEqual([
      due.id,
      recent.id,
    ]);
  });

  it('a later message to the same person (any channel) means no follow-up is due for the earlier one', () => {
    const url = 'https://www.linkedin.com/in/p/';
    const early = row({ recipientLinkedinUrl: url, sentAt: NOW - 20 * DAY });
    const later = row({ recipientLinkedinUrl: url, channel: 'linkedin', sentAt: NOW - 9 * DAY });
    expect(dueFollowUps([early, later], { now: NOW }).map((r) => r.id)).toEqual([later.id]);
  });
});

describe('LinkedIn weekly count', () => {
  it('counts LinkedIn and both-channel sends in the rolling 7 days', () => {
    const rows = [
      row({ channel: 'linkedin', sentAt: NOW - 1 * DAY }),
      row({ channel: 'both', sentAt: NOW - 6.9 * DAY }),
      row({ channel: 'linkedin', sentAt: NOW - 7.1 * DAY }),
      row({ channel: 'email', sentAt: NOW - 1 * DAY }),
      row({ channel: 'linkedin', status: 'failed', sentAt: NOW - 1 * DAY }),
    ];
    expect(linkedinSentThisWeek(rows, NOW)).toBe(2);
    expect([linkedinCapLevel(79, 100), linkedinCapLevel(80, 100), linkedinCapLevel(100, 100)]).toEqual([
      'ok',
      'near',
      'over',
    ]);
  });
});

describe('replyStats', () => {
  it('reply rate by channel (a follow-up reply counts for its thread), median time to reply, follow-ups, weekly', () => {
    const a = row({ channel: 'email', sentAt: NOW - 10 * DAY, repliedAt: NOW - 9 * DAY });
    const b = row({ channel: 'email', sentAt: NOW - 10 * DAY });
    const bFollow = row({
      channel: 'email',
      followUpOf: b.id,
      sentAt: NOW - 3 * DAY,
      repliedAt: NOW - 1 * DAY,
    });
    const c = row({ channel: 'linkedin', sentAt: NOW - 2 * DAY });
    const s = replyStats([a, b, bFollow, c], { now: NOW, weeks: 2 });
    expect(s.byChannel.email).toEqual({ sent: 2, replied: 2, rate: 1 });
    expect(s.byChannel.linkedin).toEqual({ sent: 1, replied: 0, rate: 0 });
    expect(s.byChannel.both).toEqual({ sent: 0, replied: 0, rate: null });
    expect(s.medianReplyMs).toBe(1.5 * DAY);
    expect(s.followUpsSent).toBe(1);
    expect(s.weekly.map((w) => [w.sent, w.replied])).toEqual([
      [2, 1],
      [2, 1],
    ]);
  });
});
