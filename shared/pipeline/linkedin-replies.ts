// Which LinkedIn sends a conversation on screen shows answered, and when (docs/pipeline.md,
// "Replies on LinkedIn"). Pure: the conversation as the reader saw it (times and directions, in
// page order) and the user's rows to that person; the caller marks the result with replies.mark.
import type { Conversation } from '../capture';
import { canonicalProfileUrl } from '../linkedin-url';

export interface LinkedInReplyRow {
  id: number;
  channel: 'email' | 'linkedin' | 'both';
  status: string;
  /** epoch ms */
  sentAt: number;
  repliedAt?: number | null;
  recipientLinkedinUrl: string | null;
}

export interface ReplyMark {
  id: number;
  /** epoch ms: never before the row's send, never after the page was read */
  repliedAt: number;
}

const MINUTE = 60_000;

/**
 * For every sent LinkedIn (or both-channel) row to the conversation's partner without a reply
 * yet: the first message from the partner that comes after the send. Page times have minute
 * precision, so "after" must be proved:
 * - the partner's message is stamped in a later minute than the send, or
 * - it comes, in page order, after one of the user's own messages stamped in the send's minute
 *   or later (that message is the send, or followed it).
 * A message without a time — or with one later than `observedAt`, when the page was read, which
 * can only be misread — counts only through order, and takes the first known time after it (else
 * `observedAt`). Group conversations never mark anything.
 */
export function linkedInReplies(
  conversation: Conversation,
  rows: readonly LinkedInReplyRow[],
  observedAt: number,
): ReplyMark[] {
  if (conversation.isGroup || !conversation.partnerProfileUrl) return [];
  const partner = canonicalProfileUrl(conversation.partnerProfileUrl);
  if (!partner) return [];
  const messages = conversation.messages.map((m) => {
    const at = m.at === null ? null : Date.parse(m.at);
    // A time after the page was read is misread (a "Today" heading, a clock or zone that is off):
    // such a message counts only through order. A minute of slack for LinkedIn's clock.
    const trusted = at !== null && Number.isFinite(at) && at <= observedAt + MINUTE;
    return { fromMe: m.fromMe, at: trusted ? at : null };
  });
  const marks: ReplyMark[] = [];
  for (const row of rows) {
    if (row.status !== 'sent' || row.channel === 'email' || row.repliedAt != null) continue;
    if (!row.recipientLinkedinUrl || canonicalProfileUrl(row.recipientLinkedinUrl) !== partner) continue;
    const sendMinute = Math.floor(row.sentAt / MINUTE) * MINUTE;
    const anchor = messages.findIndex((m) => m.fromMe && m.at !== null && m.at >= sendMinute);
    const reply = messages.findIndex(
      (m, i) => !m.fromMe && ((anchor >= 0 && i > anchor) || (m.at !== null && m.at >= sendMinute + MINUTE)),
    );
    if (reply < 0) continue;
    const at = messages[reply]!.at ?? messages.slice(reply + 1).find((m) => m.at !== null)?.at ?? observedAt;
    // Never before the send it answers, never after the page was read.
    marks.push({ id: row.id, repliedAt: Math.max(row.sentAt, Math.min(at, observedAt)) });
  }
  return marks;
}
