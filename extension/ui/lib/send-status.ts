// An outbox row in plain words, for the side panel, the drafts list and the popup.
import type { OutboxRow } from '@/db/types';

export type SendTone = 'info' | 'ok' | 'warn' | 'danger';

export interface SendStatus {
  tone: SendTone;
  label: string;
  detail: string | null;
  canRetry: boolean;
}

/** What a send delivers: drafts.send carries its channels in the payload. */
export function sendChannel(row: Pick<OutboxRow, 'kind' | 'payload'>): 'email' | 'linkedin' | 'both' {
  if (row.kind !== 'draft') return row.kind;
  const p = (row.payload ?? {}) as { email?: boolean; linkedinSent?: boolean };
  if (p.email && p.linkedinSent) return 'both';
  return p.linkedinSent ? 'linkedin' : 'email';
}

/** "at 14:05:09" for the next automatic try. */
function nextTry(row: OutboxRow): string {
  return `at ${new Date(row.nextAttemptAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
}

export function describeSend(row: OutboxRow, online: boolean = true): SendStatus {
  const channel = sendChannel(row);
  const what = channel === 'linkedin' ? 'LinkedIn message' : channel === 'both' ? 'Message' : 'E-mail';
  const recorded = channel === 'linkedin';
  switch (row.state) {
    case 'sent':
      return {
        tone: 'ok',
        label: recorded ? 'Recorded' : 'Sent',
        detail: null,
        canRetry: false,
      };
    case 'sending':
      return {
        tone: 'info',
        label: recorded ? 'Recording…' : 'Sending…',
        detail: null,
        canRetry: false,
      };
    case 'failed':
      return {
        tone: 'danger',
        label: 'Failed',
        detail: row.error ?? `${what} could not be sent.`,
        canRetry: true,
      };
    case 'waiting':
    default:
      if (row.waitingFor === 'sign-in') {
        return {
          tone: 'warn',
          label: 'Waiting for sign-in',
          detail: `${what} is saved and goes out once you sign in again (dashboard → Settings).`,
          canRetry: false,
        };
      }
      if (row.waitingFor === 'connection' || !online) {
        return {
          tone: 'warn',
          label: 'Waiting for connection',
          // row.error says why and what happens next (explainError)
          detail:
            row.waitingFor === 'connection' && row.error
              ? row.error
              : `${online ? "Can't reach the Reachlog server" : 'This computer is offline'} — ${
                  recorded
                    ? "the LinkedIn message will be recorded when it's back."
                    : `the ${what === 'E-mail' ? 'e-mail' : 'message'} will go out when it's back.`
                }`,
          canRetry: true,
        };
      }
      if (row.waitingFor === 'finishing') {
        // A try was cut off (the server restarted, or the answer was lost) while the e-mail was
        // going out: the server holds the send until it is sure, then finishes it.
        return {
          tone: 'info',
          label: 'Finishing an interrupted send',
          detail: `${what} was interrupted on its way out. The server is finishing it — checking it was not sent twice first (next check ${nextTry(row)}).`,
          canRetry: false,
        };
      }
      if (row.waitingFor === 'mail-server') {
        return {
          tone: 'warn',
          label: 'Waiting for the mail server',
          detail: `${row.error ?? 'The mail server could not take the e-mail for now.'} Reachlog tries again ${nextTry(row)}.`,
          canRetry: true,
        };
      }
      if (row.attempts > 0 && row.error) {
        return {
          tone: 'info',
          label: 'Waiting to send',
          detail: `${row.error} Reachlog tries again ${nextTry(row)}.`,
          canRetry: false,
        };
      }
      return { tone: 'info', label: 'Sending…', detail: null, canRetry: false };
  }
}
