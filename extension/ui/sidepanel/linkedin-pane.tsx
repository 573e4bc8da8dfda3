// The draft's LinkedIn message or connection note: put into LinkedIn's own composer (the user
// presses Send there), with "Mark as sent" for when the page does not show the sent message.
import type { OutboxRow } from '@/db/types';
import { Field } from '../components/field';
import { MarkedField } from '../components/marked-field';
import { SendStatusLine } from '../components/send-status-line';
import type { PlaceholderIssue } from '../lib/template-fill';
import { SendActions } from './send-actions';

export type LinkedInTarget = 'message' | 'note';

export interface LinkedInPaneProps {
  name: string;
  message: string;
  onChange: (message: string) => void;
  target: LinkedInTarget;
  onTarget: (target: LinkedInTarget) => void;
  note: { length: number; max: number; over: boolean };
  issues: PlaceholderIssue[];
  confirming: boolean;
  onCancelConfirm: () => void;
  composerBlock: string | null;
  markBlock: string | null;
  busy: boolean;
  onFill: (confirmed?: boolean) => void;
  onSave: () => void;
  /** the composer was filled and no LinkedIn send has been seen since */
  showFilled: boolean;
  onMarkSent: () => void;
  lastLinkedIn: OutboxRow | null;
  onRetry: (id: string) => void;
}

export function LinkedInPane(p: LinkedInPaneProps) {
  return (
    <div className="stack">
      <div className="row">
        <div className="segmented" role="group" aria-label="Kind of LinkedIn message">
          <button aria-pressed={p.target === 'message'} onClick={() => p.onTarget('message')}>
            Message
          </button>
          <button aria-pressed={p.target === 'note'} onClick={() => p.onTarget('note')}>
            Connection note
          </button>
        </div>
      </div>
      <Field label={p.target === 'note' ? 'Connection note' : 'LinkedIn message'}>
        <MarkedField
          multiline
          className={p.note.over ? 'invalid' : ''}
          rows={p.target === 'note' ? 5 : 9}
          value={p.message}
          onChange={p.onChange}
          testId="linkedin-message"
        />
      </Field>
      <div className={`counter ${p.note.over ? 'over' : ''}`} data-testid="note-counter">
        {p.note.length} / {p.note.max}
      </div>
      <SendActions
        issues={p.issues}
        name={p.name}
        confirming={p.confirming}
        onConfirm={() => p.onFill(true)}
        onCancelConfirm={p.onCancelConfirm}
        sendLabel="Put in LinkedIn composer"
        sendTestId="fill-composer"
        block={p.composerBlock}
        busy={p.busy}
        onSend={() => p.onFill()}
        onSave={p.onSave}
        rowClassName="row wrap"
      />
      {p.showFilled ? (
        <div className="banner info stack tight" data-testid="composer-filled" style={{ display: 'block' }}>
          <p>
            The text is in LinkedIn&rsquo;s message box. Press <b>Send</b> on LinkedIn: Reachlog records it
            when it appears in the conversation.
          </p>
          <div className="row" style={{ marginTop: 8 }}>
            <button
              className="btn small"
              disabled={!!p.markBlock || p.busy}
              onClick={p.onMarkSent}
              data-testid="mark-sent"
            >
              Mark as sent
            </button>
            <span className="small">if the page does not show it</span>
          </div>
        </div>
      ) : null}
      {p.lastLinkedIn ? <SendStatusLine row={p.lastLinkedIn} onRetry={p.onRetry} /> : null}
    </div>
  );
}
