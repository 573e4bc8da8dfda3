import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Capture, Conversation } from '../capture';
import { linkedInReplies, type LinkedInReplyRow } from './linkedin-replies';

const NOOR = 'https://www.linkedin.com/in/noor-haddad-recruits/';
const t = (iso: string) => Date.parse(iso);
const NOW = t('2026-12-02T12:00:00Z');

function row(over: Partial<LinkedInReplyRow> = {}): LinkedInReplyRow {
  return {
    id: 1,
    channel: 'linkedin',
    status: 'sent',
    sentAt: t('2026-11-30T16:05:20Z'),
    repliedAt: null,
    recipientLinkedinUrl: NOOR,
    ...over,
  };
}

function convo(messages: [string | null, 'me' | 'them'][], over: Partial<Conversation> = {}): Conversation {
  return {
    partnerProfileUrl: NOOR,
    isGroup: false,
    messages: messages.map(([at, who]) => ({ at, fromMe: who === 'me' })),
    ...over,
  };
}

const fixturesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../test/fixtures/linkedin',
);
function fixtureConversation(name: string): Conversation {
  const { expected } = JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8')) as {
    expected: Capture;
  };
  if (!expected.conversation) throw new Error(`${name} has no conversation`);
  return expected.conversation;
}

describe('linkedInReplies', () => {
  it('marks the send with the first partner message after it (the reply fixture)', () => {
    const conversation = fixtureConversation('messaging_thread_replied');
    expect(linkedInReplies(conversation, [row()], NOW)).toEqual([
      { id: 1, repliedAt: t('2026-12-02T09:12:00Z') },
    ]);
  });

  it('marks nothing when the user wrote last (the no-reply fixture), nor in a group', () => {
    const fr = fixtureConversation('messaging_thread_no_reply_fr');
    const camille = row({
      recipientLinkedinUrl: 'https://www.linkedin.com/in/camille-laurent-rh/',
      sentAt: t('2026-12-02T07:15:30Z'),
    });
    expect(linkedInReplies(fr, [camille], NOW)).toEqual([]);
    const group = fixtureConversation('messaging_group_thread_es');
    const lucia = row({
      recipientLinkedinUrl: 'https://www.linkedin.com/in/lucia-romero-talento/',
      sentAt: t('2026-12-01T17:20:00Z'),
    });
    expect(linkedInReplies(group, [lucia], NOW)).toEqual([]);
    expect(
      linkedInReplies({ ...group, partnerProfileUrl: lucia.recipientLinkedinUrl }, [lucia], NOW),
    ).toEqual([]);
  });

  it('marks nothing on a conversation of the user’s own messages only', () => {
    const own = fixtureConversation('messaging_thread_own_only');
    const priya = row({
      recipientLinkedinUrl: 'https://www.linkedin.com/in/priya-raman-talent/',
      sentAt: t('2026-11-24T11:20:00Z'),
    });
    expect(linkedInReplies(own, [priya], NOW)).toEqual([]);
  });

  it('a partner message before the send is no reply to it; one after the user’s later message is', () => {
    const c = convo([
      ['2026-11-30T09:02:00Z', 'them'],
      ['2026-11-30T16:05:00Z', 'me'],
      ['2026-12-01T08:00:00Z', 'them'],
    ]);
    expect(linkedInReplies(c, [row({ sentAt: t('2026-12-01T09:00:00Z') })], NOW)).toEqual([]);
    expect(linkedInReplies(c, [row()], NOW)).toEqual([{ id: 1, repliedAt: t('2026-12-01T08:00:00Z') }]);
  });

  it('each row gets the first reply after its own send; replied, failed, e-mail and other people’s rows are left alone', () => {
    const c = convo([
      ['2026-11-20T10:00:00Z', 'me'],
      ['2026-11-21T10:00:00Z', 'them'],
      ['2026-11-28T10:00:00Z', 'me'],
      ['2026-11-29T10:00:00Z', 'them'],
    ]);
    const rows = [
      row({ id: 1, sentAt: t('2026-11-20T10:00:10Z') }),
      row({ id: 2, sentAt: t('2026-11-28T10:00:40Z'), channel: 'both' }),
      row({ id: 3, sentAt: t('2026-11-20T10:00:10Z'), repliedAt: t('2026-11-22T00:00:00Z') }),
      row({ id: 4, sentAt: t('2026-11-20T10:00:10Z'), status: 'failed' }),
      row({ id: 5, sentAt: t('2026-11-20T10:00:10Z'), channel: 'email' }),
      row({
        id: 6,
        sentAt: t('2026-11-20T10:00:10Z'),
        recipientLinkedinUrl: 'https://www.linkedin.com/in/someone-else/',
      }),
    ];
    expect(linkedInReplies(c, rows, NOW)).toEqual([
      { id: 1, repliedAt: t('2026-11-21T10:00:00Z') },
      { id: 2, repliedAt: t('2026-11-29T10:00:00Z') },
    ]);
  });

  it('matches the partner by canonical profile URL (host, query, case of the host, trailing slash)', () => {
    const c = convo([['2026-12-01T10:00:00Z', 'them']]);
    const r = row({
      recipientLinkedinUrl: 'https://fr.linkedin.com/in/noor-haddad-recruits?miniProfileUrn=x',
    });
    expect(linkedInReplies(c, [r], NOW)).toEqual([{ id: 1, repliedAt: t('2026-12-01T10:00:00Z') }]);
  });

  it('in the send’s own minute, only order proves a reply: after the user’s message, yes; alone, no', () => {
    const sentAt = t('2026-12-02T10:42:30Z');
    const alone = convo([['2026-12-02T10:42:00Z', 'them']]);
    expect(linkedInReplies(alone, [row({ sentAt })], NOW)).toEqual([]);
    const after = convo([
      ['2026-12-02T10:42:00Z', 'me'],
      ['2026-12-02T10:42:00Z', 'them'],
    ]);
    // The page says 10:42; the reply cannot precede the send it answers.
    expect(linkedInReplies(after, [row({ sentAt })], NOW)).toEqual([{ id: 1, repliedAt: sentAt }]);
  });

  it('messages without a time: no mark unless order proves it, then the next known time', () => {
    const sentAt = t('2026-12-01T10:00:00Z');
    const unknownOnly = convo([
      [null, 'me'],
      [null, 'them'],
    ]);
    expect(linkedInReplies(unknownOnly, [row({ sentAt })], NOW)).toEqual([]);
    const ordered = convo([
      ['2026-12-01T10:00:00Z', 'me'],
      [null, 'them'],
      ['2026-12-01T15:00:00Z', 'me'],
    ]);
    expect(linkedInReplies(ordered, [row({ sentAt })], NOW)).toEqual([
      { id: 1, repliedAt: t('2026-12-01T15:00:00Z') },
    ]);
    const last = convo([
      ['2026-12-01T10:00:00Z', 'me'],
      [null, 'them'],
    ]);
    expect(linkedInReplies(last, [row({ sentAt })], NOW)).toEqual([{ id: 1, repliedAt: NOW }]);
  });

  it('a time later than the page was read is not trusted: the message counts only through order', () => {
    // "Today 10:15 AM" read at 01:00: the page's own clock or the reading of its heading is off
    // (LinkedIn's times are its server's, in the browser's zone). Page order still holds: the
    // partner wrote before the user's send, so it is no reply.
    const observedAt = t('2026-12-03T01:00:40Z');
    const sentAt = t('2026-12-03T01:00:10Z');
    const before = convo([
      ['2026-12-03T10:15:00Z', 'them'],
      ['2026-12-03T10:42:00Z', 'me'],
      ['2026-12-03T01:00:00Z', 'me'],
    ]);
    expect(linkedInReplies(before, [row({ sentAt })], observedAt)).toEqual([]);
    // after the send in page order it is a reply, at the moment the page was read at the latest
    const after = convo([
      ['2026-12-03T01:00:00Z', 'me'],
      ['2026-12-03T10:15:00Z', 'them'],
    ]);
    expect(linkedInReplies(after, [row({ sentAt })], observedAt)).toEqual([{ id: 1, repliedAt: observedAt }]);
    // a minute ahead is LinkedIn's clock against this one's, not a wrong time
    const skew = convo([['2026-12-03T01:01:00Z', 'them']]);
    expect(linkedInReplies(skew, [row({ sentAt: t('2026-12-03T00:59:10Z') })], observedAt)).toEqual([
      { id: 1, repliedAt: observedAt },
    ]);
  });

  it('no partner URL or a malformed one marks nothing', () => {
    const c = convo([['2026-12-01T10:00:00Z', 'them']], { partnerProfileUrl: null });
    expect(linkedInReplies(c, [row()], NOW)).toEqual([]);
    expect(linkedInReplies({ ...c, partnerProfileUrl: 'https://example.com/in/x/' }, [row()], NOW)).toEqual(
      [],
    );
  });
});
