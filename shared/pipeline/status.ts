// A person's pipeline status: set by hand (kept on the contact, synced), or derived from the
// history — a detected reply makes them "replied", a sent message "contacted". A status set by
// hand wins, except that a reply detected after the user set "contacted" or "no answer" moves
// them on to "replied" (the user's mark was about the silence the reply ended).
import type { TContactStatus } from '../schemas/pipeline';

export interface StatusInputs {
  /** the status set by hand and when (epoch ms); absent: never set */
  manual?: { status: TContactStatus; setAt: number } | null;
  /** the person's history rows (sent and failed; repliedAt epoch ms or null) */
  rows: readonly { status: string; repliedAt?: number | null }[];
}

const WAITING: readonly TContactStatus[] = ['contacted', 'no-answer'];

/** The person's status, or null when nothing was sent to them and none was set. */
export function contactStatus({ manual, rows }: StatusInputs): TContactStatus | null {
  const sent = rows.filter((r) => r.status === 'sent');
  const lastReply = Math.max(-Infinity, ...sent.map((r) => r.repliedAt ?? -Infinity));
  if (manual) {
    if (WAITING.includes(manual.status) && lastReply > manual.setAt) return 'replied';
    return manual.status;
  }
  if (lastReply > -Infinity) return 'replied';
  return sent.length > 0 ? 'contacted' : null;
}
