// Editing one draft in the dashboard: the same fields as the side panel, saved as you type.
// Changes from another browser show up as they arrive (unless the user is typing), with the
// notices of DraftConflicts when both edited the same field or one deleted the draft.
import { useEffect, useRef, useState } from 'react';
import { saveDraft, sendToBackground, useDraft, useDraftSends, useSetting } from '@/data';
import type { DraftRow } from '@/db/types';
import { ZEmail } from '@@/shared/schemas/common';
import { useDebouncedCallback } from '../hooks/use-debounced';
import { placeholderIssues } from '../lib/template-fill';
import { Field } from '../components/field';
import { DraftConflicts } from '../components/draft-conflicts';
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
    name: d.recipientName,
    email: d.recipientEmail ?? '',
    jobTitle: d.jobTitle ?? '',
    companyName: d.companyName ?? '',
    subject: d.emailSubject ?? '',
    body: d.emailBody ?? '',
    linkedinMessage: d.linkedinMessage ?? '',
  };
}

const same = (a: Fields, b: Fields) => (Object.keys(a) as (keyof Fields)[]).every((k) => a[k] === b[k]);

export function DraftForm({
  draftId,
  onClose,
  onDelete,
}: {
  draftId: string;
  onClose: () => void;
  onDelete: () => void;
}) {
  const draft = useDraft(draftId);
  if (!draft) return null;
  return <DraftFormFields draft={draft} onClose={onClose} onDelete={onDelete} />;
}

function DraftFormFields({
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
  const outbox = useDraftSends(draft.id);
  const stored = useRef<Fields>(toFields(draft));

  const persist = (next: Fields) =>
    saveDraft({
      id: draft.id,
      recipientName: next.name.trim(),
      recipientEmail: next.email.trim() || null,
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

  // Another browser's change (pulled into Dexie) replaces what is shown, unless the user is typing.
  useEffect(() => {
    const incoming = toFields(draft);
    if (same(incoming, stored.current)) return;
    stored.current = incoming;
    // The text is edited locally and also changed from outside (another browser, via Dexie):
    // adopting the outside change into the editable state is what this effect is for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (!debounced.isPending()) setF(incoming);
  }, [draft, debounced]);

  const issues = placeholderIssues(f.subject, f.body);
  const block = !session
    ? 'Sign in (Settings) to send.'
    : draft.deleted
      ? 'This draft was deleted.'
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
    // exactly the text on screen goes out
    const reply = await sendToBackground({
      type: 'send-email',
      input: {
        draftId: draft.id,
        recipient: {
          name: f.name.trim(),
          email: f.email.trim(),
          ...(draft.recipientLinkedinUrl ? { linkedinUrl: draft.recipientLinkedinUrl } : {}),
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
    <div
      className="card stack"
      data-testid="draft-form"
      data-draft-id={draft.id}
      style={{ alignSelf: 'start' }}
    >
      <div className="row">
        <h2 className="truncate">{f.name || 'Draft'}</h2>
        <span className="spacer" />
        <button className="btn small ghost" onClick={onClose}>
          Close
        </button>
      </div>
      <DraftConflicts
        draft={draft}
        shown={{
          recipientName: f.name.trim(),
          recipientEmail: f.email.trim() || null,
          jobTitle: f.jobTitle.trim() || null,
          companyName: f.companyName.trim() || null,
          emailSubject: f.subject || null,
          emailBody: f.body || null,
          linkedinMessage: f.linkedinMessage || null,
        }}
      />
      {draft.syncError ? (
        <div className="banner danger small">
          The server refused a change of this draft: {draft.syncError}
        </div>
      ) : null}
      <div className="row">
        <Field label="Name">
          <input
            className="input"
            value={f.name}
            onChange={(e) => update({ name: e.target.value })}
            data-testid="form-name"
          />
        </Field>
        <Field label="E-mail">
          <input
            className="input"
            type="email"
            value={f.email}
            onChange={(e) => update({ email: e.target.value })}
            data-testid="form-email"
          />
        </Field>
      </div>
      <div className="row">
        <Field label="Company">
          <input
            className="input"
            value={f.companyName}
            onChange={(e) => update({ companyName: e.target.value })}
            data-testid="form-company"
          />
        </Field>
        <Field label="Job title">
          <input
            className="input"
            value={f.jobTitle}
            onChange={(e) => update({ jobTitle: e.target.value })}
            data-testid="form-job-title"
          />
        </Field>
      </div>
      {draft.recipientLinkedinUrl ? (
        <div className="small muted truncate">
          LinkedIn:{' '}
          <a href={draft.recipientLinkedinUrl} target="_blank" rel="noreferrer">
            {draft.recipientLinkedinUrl}
          </a>
        </div>
      ) : null}
      <Field label="Subject">
        <input
          className="input"
          value={f.subject}
          onChange={(e) => update({ subject: e.target.value })}
          data-testid="form-subject"
        />
      </Field>
      <Field label="E-mail message">
        <textarea
          className="input"
          rows={8}
          value={f.body}
          onChange={(e) => update({ body: e.target.value })}
          data-testid="form-body"
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
          data-testid="form-linkedin"
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
        {!draft.deleted ? (
          <button className="btn danger" onClick={onDelete} data-testid="draft-delete">
            Delete
          </button>
        ) : null}
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
