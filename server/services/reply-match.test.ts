import { describe, expect, it } from 'vitest';
import { messageIdFor, messageIdLocalPart } from './mailer';
import { headerValues, idLocalPart, matchReplies, referencedIds } from './reply-match';

describe('reply matching', () => {
  it("a send's Message-ID local part names it whatever the sender's domain", () => {
    const local = messageIdLocalPart('user-1', 'send-1');
    expect(messageIdFor('user-1', 'send-1', 'me@a.example.com')).toBe(`<${local}@a.example.com>`);
    expect(idLocalPart(messageIdFor('user-1', 'send-1', 'relay@b.example.org').slice(1, -1))).toBe(local);
    expect(messageIdLocalPart('user-2', 'send-1')).not.toBe(local);
  });

  it('reads folded In-Reply-To and References headers', () => {
    const raw =
      'In-Reply-To: <a@x.example>\r\nReferences: <b@x.example>\r\n <c@y.example>\r\nSubject: no\r\n';
    const h = headerValues(raw, ['in-reply-to', 'references']);
    expect(referencedIds(h['in-reply-to'], h['references'])).toEqual([
      'a@x.example',
      'b@x.example',
      'c@y.example',
    ]);
  });

  it('maps each answered send to its earliest reply; unrelated mail matches nothing', () => {
    const sends = new Map([
      [messageIdLocalPart('u', 's1'), 1],
      [messageIdLocalPart('u', 's2'), 2],
    ]);
    const id1 = messageIdFor('u', 's1', 'me@example.com');
    const t1 = new Date('2026-12-01T10:00:00Z');
    const t2 = new Date('2026-12-01T09:00:00Z');
    const replies = matchReplies(
      [
        { headers: `In-Reply-To: ${id1}\r\n`, receivedAt: t1 },
        { headers: `References: <other@example.com> ${id1.toUpperCase()}\r\n`, receivedAt: t2 },
        { headers: 'In-Reply-To: <unrelated@example.com>\r\n', receivedAt: t1 },
        { headers: '', receivedAt: t1 },
      ],
      sends,
    );
    expect([...replies]).toEqual([[1, t2]]);
  });
});
