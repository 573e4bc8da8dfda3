// The follow-up notification: off by default; once on, each send that comes due is notified
// once (several at once in one notification), and one the browser could not show is told next time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReachlogDb } from '@/db/database';
import { setSetting } from '@/db/settings';
import type { HistoryRowLocal } from '@/db/types';
import { notifyNewlyDueFollowUps, type FollowUpNotice } from './follow-up-notify';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 11, 2, 12);

function sent(id: number, name: string, daysAgo: number): HistoryRowLocal {
  return {
    id,
    recipientName: name,
    recipientEmail: `${name.toLowerCase().replace(' ', '.')}@acme.test`,
    recipientLinkedinUrl: null,
    jobTitle: null,
    companyName: 'Acme',
    jobUrl: null,
    emailSubject: 'Hello',
    emailBody: 'Body',
    linkedinMessage: null,
    channel: 'email',
    status: 'sent',
    error: null,
    sentAt: NOW - daysAgo * DAY,
    createdAt: NOW - daysAgo * DAY,
    draftId: null,
    repliedAt: null,
    followUpOf: null,
  };
}

let database: ReachlogDb;
let shown: FollowUpNotice[];
const notify = async (n: FollowUpNotice) => {
  shown.push(n);
  return true;
};

beforeEach(async () => {
  database = new ReachlogDb(`notify-${crypto.randomUUID()}`);
  await database.open();
  shown = [];
});
afterEach(async () => {
  database.close();
  await database.delete();
});

describe('follow-up notifications', () => {
  it('are off until the user turns them on', async () => {
    await database.history.bulkPut([sent(1, 'Jane Doe', 10)]);
    expect(await notifyNewlyDueFollowUps(database, notify, NOW)).toBe(0);
    expect(shown).toEqual([]);
  });

  it('notify each newly due follow-up once', async () => {
    await setSetting('followUpNotifications', true, database);
    await database.history.bulkPut([sent(1, 'Jane Doe', 10), sent(2, 'Omar Haddad', 3)]);
    expect(await notifyNewlyDueFollowUps(database, notify, NOW)).toBe(1);
    expect(shown).toEqual([
      {
        title: 'Follow up with Jane Doe',
        message: 'No reply since your message about Acme. Open Reachlog to follow up.',
      },
    ]);
    // the next alarm: nothing new
    expect(await notifyNewlyDueFollowUps(database, notify, NOW + 60_000)).toBe(0);
    // five days later Omar's comes due, and a third send with it: one notification for both
    await database.history.put(sent(3, 'Lena Park', 9));
    expect(await notifyNewlyDueFollowUps(database, notify, NOW + 5 * DAY)).toBe(2);
    expect(shown[1]!.title).toBe('2 follow-ups due');
    expect(shown[1]!.message).toContain('Omar Haddad');
    expect(shown).toHaveLength(2);
  });

  it('a notification the browser could not show (permission withdrawn) is told next time', async () => {
    await setSetting('followUpNotifications', true, database);
    await database.history.bulkPut([sent(1, 'Jane Doe', 10)]);
    expect(await notifyNewlyDueFollowUps(database, async () => false, NOW)).toBe(0);
    expect(await notifyNewlyDueFollowUps(database, notify, NOW)).toBe(1);
    expect(shown).toHaveLength(1);
  });
});
