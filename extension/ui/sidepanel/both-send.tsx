// "Send e-mail + LinkedIn" (docs/pipeline.md): one action for a draft with both texts. The
// e-mail goes through the outbox; the LinkedIn message goes into LinkedIn's composer, and the
// user's own Send there (seen, or marked) completes the same history row as channel `both`.
// Each half has its own status line, so a failure says which half, and Retry completes the row.
import type { OutboxRow } from '@/db/types';
import { SendStatusLine } from '../components/send-status-line';
import { ConfirmAgain } from './confirm-again';

export interface BothSendProps {
  name: string;
  /** why the both-channel send is not possible yet; null when it is */
  block: string | null;
  busy: boolean;
  confirming: boolean;
  onSend: (confirmed?: boolean) => void;
  onCancelConfirm: () => void;
  /** this draft's latest both-channel send: its e-mail half and, once queued, its LinkedIn half */
  emailHalf: OutboxRow | null;
  linkedinHalf: OutboxRow | null;
  /** why the LinkedIn message could not be put in the composer, if it could not */
  fillError: string | null;
  fillBlock: string | null;
  markBlock: string | null;
  onFillAgain: () => void;
  onMarkSent: () => void;
  onRetry: (id: string) => void;
}

export function BothSend(p: BothSendProps) {
  if (!p.emailHalf) {
    return (
      <div className="stack tight" data-testid="both-send">
        {p.confirming ? (
          <ConfirmAgain name={p.name} onYes={() => p.onSend(true)} onNo={p.onCancelConfirm} />
        ) : null}
        <div className="row wrap">
          <button
            className="btn"
            disabled={!!p.block || p.busy}
            onClick={() => p.onSend()}
            data-testid="send-both"
            title="Sends the e-mail and puts the LinkedIn message in LinkedIn's composer; recorded as one send"
          >
            Send e-mail + LinkedIn
          </button>
        </div>
        {p.block ? <div className="small muted">{p.block}</div> : null}
      </div>
    );
  }
  const done = p.linkedinHalf?.state === 'sent';
  return (
    <div
      className="stack tight"
      data-testid="both-status"
      data-state={done ? 'sent' : p.linkedinHalf ? p.linkedinHalf.state : 'waiting-linkedin'}
    >
      <div className="small muted">E-mail + LinkedIn, recorded as one send</div>
      <SendStatusLine row={p.emailHalf} onRetry={p.onRetry} label="E-mail" testId="both-email-status" />
      {p.linkedinHalf ? (
        <SendStatusLine
          row={p.linkedinHalf}
          onRetry={p.onRetry}
          label="LinkedIn"
          testId="both-linkedin-status"
        />
      ) : (
        <div
          className="banner info stack tight"
          data-testid="both-linkedin-waiting"
          style={{ display: 'block' }}
        >
          {p.fillError ? (
            <p className="field-error" role="alert">
              LinkedIn: the message is not in the composer — {p.fillError}
            </p>
          ) : (
            <p>
              LinkedIn: the message is in LinkedIn&rsquo;s message box. Press <b>Send</b> on LinkedIn:
              Reachlog adds it to this send when it appears in the conversation.
            </p>
          )}
          <div className="row wrap" style={{ marginTop: 8 }}>
            <button
              className="btn small"
              disabled={!!p.fillBlock}
              onClick={p.onFillAgain}
              data-testid="both-fill-again"
            >
              Put in LinkedIn composer again
            </button>
            <button
              className="btn small"
              disabled={!!p.markBlock}
              onClick={p.onMarkSent}
              data-testid="both-mark-sent"
            >
              Mark as sent
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
