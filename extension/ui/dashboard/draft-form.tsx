// Editing one draft in the dashboard: the same fields as the side panel, saved as you type.
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/db/database';
import { saveDraft } from '@/db/drafts';
import type { DraftRow } from '@/db/types';
import { sendToBackground } from '@/messaging/send-to-background';
import { ZEmail } from '@@/shared/schemas/common';
import { useDebouncedCallback } from '../hooks/use-debounced';
import { useSetting } from '../hooks/use-setting';
import { placeholderIssues } from '../lib/template-fill';
import { Field } from '../components/field';
import { SendStatusLine } from '../components/send-status-line';
import { sendChannel } from '../lib/send-status';

interface Fields {
  name: string;
  email: string;
  jobTitle: string;
  companyName: string;
  subject: string;
  body: string;
  linkedinMessage: string;
}

function toFields(d: DraftRow): Fields {
  return {
    name: d.recipient.name,
    email: d.recipient.email ?? '',
    jobTitle: d.jobTitle ?? '',
    companyName: d.companyName ?? '',
    subject: d.emailSubject ?? '',
    body: d.emailBody ?? '',
    linkedinMessage: d.linkedinMessage ?? '',
  };
}

export function DraftForm({
  draft,
  onClose,
  onDelete,
}: {
  draft: DraftRow;
  onClose: () => void;
  onDelete: () => void;
}) {
  const [f, setF] = useState<Fields>(() => toFields(draft));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const session = useSetting('session');
  const outbox = useLiveQuery(
    () => db.outbox.where('draftId').equals(draft.id).sortBy('createdAt'),
    [draft.id],
  );

  const persist = (next: Fields) =>
    saveDraft({
      id: draft.id,
      recipient: {
        name: next.name.trim(),
        email: next.email.trim() || null,
        linkedinUrl: draft.recipient.linkedinUrl,
      },
      jobTitle: next.jobTitle.trim() || null,
      companyName: next.companyName.trim() || null,
      emailSubject: next.subject || null,
      emailBody: next.body || null,
      linkedinMessage: next.linkedinMessage || null,
    });
  const debounced = useDebouncedCallback((next: Fields) => void persist(next), 400);
  const update = (patch: Partial<Fields>) => {
    const next = { ...f, ...patch };
    setF(next);
    debounced.call(next);
  };

  const issues = placeholderIssues(f.subject, f.body);
  const block = !session
    ? 'Sign in (Settings) to send.'
    : !f.name.trim()
      ? "Add the recipient's name."
      : !ZEmail.safeParse(f.email).success
        ? 'Add a valid e-mail address.'
        : !f.subject.trim()
          ? 'Add a subject.'
          : !f.body.trim()
            ? 'Write the message.'
            : issues.length
              ? `Fill in or remove ${issues.map((i) => i.token).join(', ')} first.`
              : null;

  const send = async () => {
    if (block) return;
    setBusy(true);
    setError(null);
    debounced.flush();
    await persist(f);
    const reply = await sendToBackground({
      type: 'send-email',
      input: {
        draftId: draft.id,
        recipient: {
          name: f.name.trim(),
          email: f.email.trim(),
          ...(draft.recipient.linkedinUrl ? { linkedinUrl: draft.recipient.linkedinUrl } : {}),
        },
        ...(f.jobTitle.trim() ? { jobTitle: f.jobTitle.trim() } : {}),
        ...(f.companyName.trim() ? { companyName: f.companyName.trim() } : {}),
        ...(draft.jobUrl ? { jobUrl: draft.jobUrl } : {}),
        subject: f.subject.trim(),
        body: f.body,
      },
    });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
  };

  const lastEmail = outbox?.filter((o) => sendChannel(o) !== 'linkedin').at(-1) ?? null;
  const lastLinkedIn = outbox?.filter((o) => sendChannel(o) === 'linkedin').at(-1) ?? null;

  return (
    <div className="card stack" data-testid="draft-form" style={{ alignSelf: 'start' }}>
      <div className="row">
        <h2 className="truncate">{f.name || 'Draft'}</h2>
        <span className="spacer" />
        <button className="btn small ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {draft.syncError ? (
        <div className="banner danger small">The server refused this draft: {draft.syncError}</div>
      ) : null}
      <div className="row">
        <Field label="Name">
          <input className="input" value={f.name} onChange={(e) => update({ name: e.target.value })} />
        </Field>
        <Field label="E-mail">
          <input
            className="input"
            type="email"
            value={f.email}
            onChange={(e) => update({ email: e.target.value })}
          />
        </Field>
      </div>
      <div className="row">
        <Field label="Company">
          <input
            className="input"
            value={f.companyName}
            onChange={(e) => update({ companyName: e.target.value })}
          />
        </Field>
        <Field label="Job title">
          <input
            className="input"
            value={f.jobTitle}
            onChange={(e) => update({ jobTitle: e.target.value })}
          />
        </Field>
      </div>
      {draft.recipient.linkedinUrl ? (
        <div className="small muted truncate">
          LinkedIn:{' '}
          <a href={draft.recipient.linkedinUrl} target="_blank" rel="noreferrer">
            {draft.recipient.linkedinUrl}
          </a>
        </div>
      ) : null}
      <Field label="Subject">
        <input className="input" value={f.subject} onChange={(e) => update({ subject: e.target.value })} />
      </Field>
      <Field label="E-mail message">
        <textarea
          className="input"
          rows={8}
          value={f.body}
          onChange={(e) => update({ body: e.target.value })}
        />
      </Field>
      <Field
        label="LinkedIn message"
        hint="Send LinkedIn messages from the side panel on the person's LinkedIn page."
      >
        <textarea
          className="input"
          rows={4}
          value={f.linkedinMessage}
          onChange={(e) => update({ linkedinMessage: e.target.value })}
        />
      </Field>
      <div className="row">
        <button
          className="btn primary"
          disabled={!!block || busy}
          onClick={() => void send()}
          data-testid="draft-send"
        >
          Send e-mail
        </button>
        <button className="btn danger" onClick={onDelete} data-testid="draft-delete">
          Delete
        </button>
      </div>
      {block ? <div className="small muted">{block}</div> : null}
      {lastEmail ? (
        <SendStatusLine
          row={lastEmail}
          onRetry={(id) => void sendToBackground({ type: 'retry-outbox', id })}
        />
      ) : null}
      {lastLinkedIn ? <SendStatusLine row={lastLinkedIn} /> : null}
      {error ? <div className="banner danger">{error}</div> : null}
    </div>
  );
}
