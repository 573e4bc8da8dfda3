// The part both channel panes share under the text: placeholder issues, the "write again?"
// prompt, the send + save buttons and the reason the send button is disabled.
import type { PlaceholderIssue } from '../lib/template-fill';
import { ConfirmAgain } from './confirm-again';
import { IssueList } from './issue-list';

export interface SendActionsProps {
  issues: PlaceholderIssue[];
  /** recipient's name, shown when `confirming` asks whether to write again */
  name: string;
  confirming: boolean;
  onConfirm: () => void;
  onCancelConfirm: () => void;
  sendLabel: string;
  sendTestId: string;
  /** why sending is not possible yet; null when it is */
  block: string | null;
  busy: boolean;
  onSend: () => void;
  onSave: () => void;
  saveTestId?: string;
  rowClassName: string;
}

export function SendActions({
  issues,
  name,
  confirming,
  onConfirm,
  onCancelConfirm,
  sendLabel,
  sendTestId,
  block,
  busy,
  onSend,
  onSave,
  saveTestId,
  rowClassName,
}: SendActionsProps) {
  return (
    <>
      <IssueList issues={issues} />
      {confirming ? <ConfirmAgain name={name} onYes={onConfirm} onNo={onCancelConfirm} /> : null}
      <div className={rowClassName}>
        <button className="btn primary" disabled={!!block || busy} onClick={onSend} data-testid={sendTestId}>
          {sendLabel}
        </button>
        <button className="btn" onClick={onSave} data-testid={saveTestId}>
          Save draft
        </button>
      </div>
      {block ? <div className="small muted">{block}</div> : null}
    </>
  );
}
