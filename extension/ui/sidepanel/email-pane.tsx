// The draft's e-mail: subject, message, send and the last send's status.
import type { OutboxRow } from '@/db/types';
import { Field } from '../components/field';
import { MarkedField } from '../components/marked-field';
import { SendStatusLine } from '../components/send-status-line';
import type { PlaceholderIssue } from '../lib/template-fill';
import { SendActions } from './send-actions';

export interface EmailPaneProps {
  name: string;
  subject: string;
  body: string;
  onChange: (patch: { subject?: string; body?: string }) => void;
  issues: PlaceholderIssue[];
  confirming: boolean;
  onCancelConfirm: () => void;
  block: string | null;
  busy: boolean;
  onSend: (confirmed?: boolean) => void;
  onSave: () => void;
  lastEmail: OutboxRow | null;
  onRetry: (id: string) => void;
}

export function EmailPane(p: EmailPaneProps) {
  return (
    <div className="stack">
      <Field label="Subject">
        <MarkedField
          value={p.subject}
          onChange={(subject) => p.onChange({ subject })}
          testId="email-subject"
        />
      </Field>
      <Field label="Message">
        <MarkedField
          multiline
          rows={10}
          value={p.body}
          onChange={(body) => p.onChange({ body })}
          testId="email-body"
        />
      </Field>
      <SendActions
        issues={p.issues}
        name={p.name}
        confirming={p.confirming}
        onConfirm={() => p.onSend(true)}
        onCancelConfirm={p.onCancelConfirm}
        sendLabel="Send e-mail"
        sendTestId="send-email"
        block={p.block}
        busy={p.busy}
        onSend={() => p.onSend()}
        onSave={p.onSave}
        saveTestId="save-draft"
        rowClassName="row"
      />
      {p.lastEmail ? <SendStatusLine row={p.lastEmail} onRetry={p.onRetry} /> : null}
    </div>
  );
}
