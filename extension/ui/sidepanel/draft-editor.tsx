// The side panel's draft: recipient, e-mail and LinkedIn message, filled from templates, saved
// as you type, sent through the background's outbox (so it also works offline).
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  newDraftId,
  queryOpenDraftFor,
  saveDraft,
  sendToBackground,
  useDraft,
  useDraftPendingChanges,
  useDraftSends,
  useFollowUpTarget,
  usePipelineSummary,
  useTemplates,
} from '@/data';
import { startFollowUp } from '../lib/follow-up';
import { formatFull } from '../lib/format';
import type { DraftRow, TemplateRow } from '@/db/types';
import type { Job, PageType, Person } from '@@/shared/capture';
import { canonicalJobUrl, canonicalProfileUrl } from '@@/shared/linkedin-url';
import { ZEmail } from '@@/shared/schemas/common';
import { LINKEDIN_MESSAGE_MAX, LINKEDIN_NOTE_MAX } from '@@/shared/schemas/outreach';
import { linkedinNoteCount, varsFromCapture } from '@@/shared/templates';
import { useDebouncedCallback } from '../hooks/use-debounced';
import { useSetting } from '@/data';
import type { PriorSends } from '@/data';
import { fillTemplate, placeholderIssues } from '../lib/template-fill';
import { Field } from '../components/field';
import { DraftConflicts } from '../components/draft-conflicts';
import { sendChannel } from '../lib/send-status';
import { saveStateLabel } from '../lib/save-state';
import { EmailPane } from './email-pane';
import { LinkedInPane, type LinkedInTarget } from './linkedin-pane';
import { BothSend } from './both-send';

interface Fields {
  name: string;
  email: string;
  subject: string;
  body: string;
  linkedinMessage: string;
  /** the template last filled in (its name then, and id); null: written without one */
  template: string | null;
  templateId: string | null;
}

type Channel = 'email' | 'linkedin';
type Target = LinkedInTarget;

export interface DraftEditorProps {
  person: Person;
  job: Job | null;
  pageType: PageType;
  /** the LinkedIn tab the capture came from: where "Put in LinkedIn composer" writes */
  tabId: number | null;
  signedIn: boolean;
  prior: PriorSends | undefined;
}

function fieldsFromPerson(p: Person): Fields {
  return {
    name: p.name,
    email: p.email ?? '',
    subject: '',
    body: '',
    linkedinMessage: '',
    template: null,
    templateId: null,
  };
}

function fieldsFromDraft(d: DraftRow, p: Person): Fields {
  return {
    name: d.recipientName || p.name,
    email: d.recipientEmail ?? p.email ?? '',
    subject: d.emailSubject ?? '',
    body: d.emailBody ?? '',
    linkedinMessage: d.linkedinMessage ?? '',
    template: d.template ?? null,
    templateId: d.templateId ?? null,
  };
}

const sameFields = (a: Fields, b: Fields) => (Object.keys(a) as (keyof Fields)[]).every((k) => a[k] === b[k]);

export function DraftEditor({ person, job, pageType, tabId, signedIn, prior }: DraftEditorProps) {
  const linkedinUrl = person.linkedinUrl ? canonicalProfileUrl(person.linkedinUrl) : null;
  const personKey = `${linkedinUrl ?? ''}|${person.email ?? ''}|${person.name}`;

  const [fields, setFields] = useState<Fields>(() => fieldsFromPerson(person));
  const [draftId, setDraftId] = useState<string | null>(null);
  const idRef = useRef<string | null>(null);
  /** the stored draft as last shown: a pulled change is told apart from the user's own */
  const stored = useRef<Fields>(fieldsFromPerson(person));
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const [channel, setChannel] = useState<Channel>(pageType === 'messaging' ? 'linkedin' : 'email');
  const [target, setTarget] = useState<Target>(pageType === 'profile' ? 'note' : 'message');
  const [saveState, setSaveState] = useState<'idle' | 'pending' | 'saved' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Channel | 'both' | null>(null);
  const [bothFillError, setBothFillError] = useState<string | null>(null);
  const [filledAt, setFilledAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  // Load this person's open draft when the person changes.
  useEffect(() => {
    let alive = true;
    void queryOpenDraftFor({ linkedinUrl, email: person.email?.toLowerCase() ?? null }).then((d) => {
      if (!alive) return;
      idRef.current = d?.id ?? null;
      setDraftId(d?.id ?? null);
      const loaded = d ? fieldsFromDraft(d, person) : fieldsFromPerson(person);
      stored.current = loaded;
      setFields(loaded);
      setLoadedKey(personKey);
      setError(null);
      setConfirm(null);
      setFilledAt(null);
      setSaveState(d ? 'saved' : 'idle');
    });
    return () => {
      alive = false;
    };
    // person fields are captured through personKey
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [personKey]);

  const draft = useDraft(draftId) ?? undefined;
  const outbox = useDraftSends(draftId);
  const templates = useTemplates();
  const myName = useSetting('myName');
  const session = useSetting('session');
  const pendingChanges = useDraftPendingChanges(draftId);
  const syncStatus = useSetting('syncStatus');
  const followUpTarget = useFollowUpTarget(draftId);
  const pipeline = usePipelineSummary();
  // this person's send that is due a follow-up (the oldest, as the overview lists them)
  const dueForPerson =
    pipeline?.due.find(
      (r) =>
        (!!linkedinUrl && r.recipientLinkedinUrl === linkedinUrl) ||
        (!!person.email && r.recipientEmail?.toLowerCase() === person.email.toLowerCase()),
    ) ?? null;

  const jobFields = useMemo(
    () => ({
      jobTitle: draft?.jobTitle ?? job?.title ?? null,
      companyName: draft?.companyName ?? job?.company ?? person.company ?? null,
      jobUrl: draft?.jobUrl ?? (job ? canonicalJobUrl(job.url) : null),
    }),
    [draft?.jobTitle, draft?.companyName, draft?.jobUrl, job, person.company],
  );

  const persist = async (f: Fields): Promise<DraftRow | null> => {
    const id = idRef.current ?? newDraftId();
    idRef.current = id;
    try {
      const row = await saveDraft({
        id,
        recipientName: f.name.trim(),
        recipientEmail: f.email.trim() || null,
        recipientLinkedinUrl: linkedinUrl,
        // a page without a job (messaging) must not erase the job the draft was started for
        ...(job || !draft
          ? { jobTitle: jobFields.jobTitle, companyName: jobFields.companyName, jobUrl: jobFields.jobUrl }
          : {}),
        emailSubject: f.subject || null,
        emailBody: f.body || null,
        linkedinMessage: f.linkedinMessage || null,
        template: f.template,
        templateId: f.templateId,
      });
      setDraftId(id);
      if (!row) {
        // deleted (in another browser): the notice above offers to restore it
        setSaveState('error');
        return null;
      }
      stored.current = fieldsFromDraft(row, person);
      setSaveState('saved');
      return row;
    } catch (e) {
      setSaveState('error');
      setError(`The draft could not be saved: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };
  const debounced = useDebouncedCallback((f: Fields) => void persist(f), 400);

  // Another browser's change (pulled into Dexie) shows here, unless the user is typing.
  useEffect(() => {
    if (!draft || draft.id !== idRef.current) return;
    const incoming = fieldsFromDraft(draft, person);
    if (sameFields(incoming, stored.current)) return;
    stored.current = incoming;
    // The text is edited locally and also changed from outside (another browser, via Dexie):
    // adopting the outside change into the editable state is what this effect is for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (!debounced.isPending()) setFields(incoming);
    // person is read for fallbacks only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft, debounced]);

  const update = (patch: Partial<Fields>) => {
    const next = { ...fields, ...patch };
    setFields(next);
    setSaveState('pending');
    setConfirm(null);
    debounced.call(next);
  };

  const saveNow = async () => {
    debounced.flush();
    return persist(fields);
  };

  const applyTemplate = (t: TemplateRow) => {
    const vars = varsFromCapture(person, job, myName || session?.user.name || null);
    const body = fillTemplate(t.body, vars);
    if (t.kind === 'email') {
      const subject = fillTemplate(t.subject ?? '', vars);
      update({ subject: subject.text, body: body.text, template: t.name, templateId: t.id });
      setChannel('email');
    } else {
      update({ linkedinMessage: body.text, template: t.name, templateId: t.id });
      setTarget(t.kind === 'linkedin-note' ? 'note' : 'message');
      setChannel('linkedin');
    }
  };

  const emailIssues = placeholderIssues(fields.subject, fields.body);
  const linkedinIssues = placeholderIssues(fields.linkedinMessage);
  const note = linkedinNoteCount(
    fields.linkedinMessage,
    target === 'note' ? LINKEDIN_NOTE_MAX : LINKEDIN_MESSAGE_MAX,
  );
  const emailValid = ZEmail.safeParse(fields.email).success;

  const inFlight = (outbox ?? []).some((o) => o.state === 'waiting' || o.state === 'sending');
  // The server marks the draft sent; until the next pull says so, this draft's own sends tell.
  const draftSent = draft?.status === 'sent' || (outbox ?? []).some((o) => o.state === 'sent');
  // A draft may go out once per channel: e-mail after a LinkedIn message is fine, a second e-mail is not.
  const emailSent = (outbox ?? []).some((o) => o.state === 'sent' && sendChannel(o) !== 'linkedin');
  const emailBlock: string | null = !signedIn
    ? 'Sign in to send e-mail.'
    : inFlight
      ? 'A send of this draft is on its way.'
      : emailSent
        ? 'This draft’s e-mail was sent. Start a new draft to write again.'
        : !fields.name.trim()
          ? "Add the recipient's name."
          : !fields.email.trim()
            ? 'Add an e-mail address: this page does not show one.'
            : !emailValid
              ? `“${fields.email}” is not a valid e-mail address.`
              : !fields.subject.trim()
                ? 'Add a subject.'
                : !fields.body.trim()
                  ? 'Write the message.'
                  : emailIssues.length
                    ? 'Fill in or remove the highlighted {{…}} first.'
                    : null;
  const composerBlock: string | null = !fields.linkedinMessage.trim()
    ? 'Write the LinkedIn message.'
    : linkedinIssues.length
      ? 'Fill in or remove the highlighted {{…}} first.'
      : note.over
        ? `Too long for a ${target === 'note' ? 'connection note' : 'message'}: ${note.length} of ${note.max} characters.`
        : tabId === null
          ? 'Open the LinkedIn page (conversation or profile) first.'
          : null;
  const markBlock: string | null = !signedIn
    ? 'Sign in to record LinkedIn messages.'
    : !linkedinUrl
      ? 'This person has no LinkedIn profile link.'
      : !fields.linkedinMessage.trim()
        ? 'Write the LinkedIn message.'
        : null;

  const bothBlock: string | null =
    emailBlock ?? composerBlock ?? (!linkedinUrl ? 'This person has no LinkedIn profile link.' : null);

  const saveLabel = saveStateLabel({
    editor: saveState,
    signedIn,
    pendingChanges: pendingChanges ?? 0,
    sync: syncStatus?.state ?? 'idle',
    draftSyncError: draft?.syncError ?? null,
  });

  const sentBefore = (prior?.person ?? []).some((r) => r.status === 'sent');

  const sendEmail = async (confirmed = false) => {
    if (emailBlock) return;
    if (sentBefore && !confirmed) return setConfirm('email');
    setConfirm(null);
    setBusy(true);
    setError(null);
    const row = await saveNow();
    if (!row) return setBusy(false);
    const reply = await sendToBackground({
      type: 'send-email',
      input: {
        draftId: row.id,
        recipient: {
          name: fields.name.trim(),
          email: fields.email.trim(),
          ...(linkedinUrl ? { linkedinUrl } : {}),
        },
        ...(jobFields.jobTitle ? { jobTitle: jobFields.jobTitle } : {}),
        ...(jobFields.companyName ? { companyName: jobFields.companyName } : {}),
        ...(jobFields.jobUrl ? { jobUrl: jobFields.jobUrl } : {}),
        subject: fields.subject.trim(),
        body: fields.body,
      },
    });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
  };

  const putInComposer = async (confirmed = false) => {
    if (composerBlock || tabId === null) return;
    if (sentBefore && !confirmed) return setConfirm('linkedin');
    setConfirm(null);
    setBusy(true);
    setError(null);
    const row = await saveNow();
    if (!row) return setBusy(false);
    const reply = await sendToBackground({
      type: 'fill-composer',
      tabId,
      text: fields.linkedinMessage,
      target,
      draftId: row.id,
    });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    if (!reply.value.ok) return setError(reply.value.message);
    setFilledAt(Date.now());
  };

  const markSent = async () => {
    if (markBlock || !linkedinUrl) return;
    setBusy(true);
    setError(null);
    const row = await saveNow();
    if (!row) return setBusy(false);
    const reply = await sendToBackground({
      type: 'record-linkedin',
      input: {
        draftId: row.id,
        recipient: { name: fields.name.trim(), linkedinUrl },
        ...(jobFields.jobTitle ? { jobTitle: jobFields.jobTitle } : {}),
        ...(jobFields.companyName ? { companyName: jobFields.companyName } : {}),
        ...(jobFields.jobUrl ? { jobUrl: jobFields.jobUrl } : {}),
        message: fields.linkedinMessage,
      },
    });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
  };

  const sendBoth = async (confirmed = false) => {
    if (bothBlock || tabId === null) return;
    if (sentBefore && !confirmed) return setConfirm('both');
    setConfirm(null);
    setBusy(true);
    setError(null);
    setBothFillError(null);
    const row = await saveNow();
    if (!row) return setBusy(false);
    const reply = await sendToBackground({
      type: 'send-both',
      tabId,
      text: fields.linkedinMessage,
      target,
      draftId: row.id,
    });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    if (!reply.value.fill.ok) setBothFillError(reply.value.fill.message);
  };

  /** The LinkedIn half again into the composer (it completes the same both-channel send). */
  const fillBothAgain = async () => {
    if (composerBlock || tabId === null || !draftId) return;
    setBothFillError(null);
    const reply = await sendToBackground({
      type: 'fill-composer',
      tabId,
      text: fields.linkedinMessage,
      target,
      draftId,
    });
    if (!reply.ok) return setBothFillError(reply.error);
    if (!reply.value.ok) setBothFillError(reply.value.message);
  };

  const retry = async (id: string) => {
    const reply = await sendToBackground({ type: 'retry-outbox', id });
    if (!reply.ok) setError(reply.error);
  };

  /** "Follow up": a new draft from the follow-up templates, linked to the first send. */
  const followUp = async () => {
    if (!dueForPerson) return;
    debounced.flush();
    setError(null);
    try {
      const d = await startFollowUp(dueForPerson, myName || session?.user.name || null);
      idRef.current = d.id;
      setDraftId(d.id);
      const loaded = fieldsFromDraft(d, person);
      stored.current = loaded;
      setFields(loaded);
      setSaveState('saved');
      setFilledAt(null);
      setBothFillError(null);
      setChannel(d.emailBody ? 'email' : 'linkedin');
      setTarget('message');
    } catch (e) {
      setError(`The follow-up could not be started: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const startNew = () => {
    debounced.flush();
    idRef.current = null;
    setDraftId(null);
    setFields(fieldsFromPerson(person));
    setSaveState('idle');
    setFilledAt(null);
    setError(null);
  };

  // a both-channel send's halves show together under "Send e-mail + LinkedIn"
  const single = (outbox ?? []).filter((o) => !o.bothOf);
  const lastEmail = single.filter((o) => sendChannel(o) !== 'linkedin').at(-1) ?? null;
  const lastLinkedIn = single.filter((o) => sendChannel(o) === 'linkedin').at(-1) ?? null;
  const bothEmailHalf = (outbox ?? []).filter((o) => o.bothOf && o.bothOf === o.id).at(-1) ?? null;
  const bothLinkedInHalf = bothEmailHalf
    ? ((outbox ?? []).find((o) => o.bothOf === bothEmailHalf.id && o.id !== bothEmailHalf.id) ?? null)
    : null;
  const showBoth =
    !!bothEmailHalf || (!!fields.linkedinMessage.trim() && !!(fields.subject.trim() || fields.body.trim()));
  const linkedinAfterFill = filledAt !== null && lastLinkedIn && lastLinkedIn.createdAt >= filledAt - 1000;
  const emailTemplates = (templates ?? []).filter((t) => t.kind === 'email');
  const linkedinTemplates = (templates ?? []).filter((t) => t.kind !== 'email');
  const shownTemplates = channel === 'email' ? emailTemplates : linkedinTemplates;

  if (loadedKey !== personKey) return <div className="small muted">Loading draft…</div>;

  return (
    <section className="stack" data-testid="draft-editor" data-draft-id={draftId ?? ''}>
      <div className="row">
        <h3>Draft</h3>
        <span className="spacer" />
        <span
          className="kbd-hint"
          data-testid="save-state"
          data-state={saveState}
          data-sync={saveLabel.state}
        >
          {saveLabel.text}
        </span>
      </div>

      {draft ? (
        <DraftConflicts
          draft={draft}
          shown={{
            recipientName: fields.name.trim(),
            recipientEmail: fields.email.trim() || null,
            emailSubject: fields.subject || null,
            emailBody: fields.body || null,
            linkedinMessage: fields.linkedinMessage || null,
          }}
        />
      ) : null}

      {followUpTarget ? (
        <div className="small muted" data-testid="follow-up-of">
          Follow-up of your message to {followUpTarget.recipientName} sent {formatFull(followUpTarget.sentAt)}
        </div>
      ) : dueForPerson ? (
        <div className="banner info row" data-testid="follow-up-due">
          <span style={{ flex: 1 }}>
            Follow-up due: your message sent {formatFull(dueForPerson.sentAt)} has no reply.
          </span>
          <button className="btn small" onClick={() => void followUp()} data-testid="follow-up">
            Follow up
          </button>
        </div>
      ) : null}

      {draftSent && !inFlight ? (
        <div className="banner ok row">
          <span style={{ flex: 1 }}>This draft has been sent.</span>
          <button className="btn small" onClick={startNew}>
            Start a new draft
          </button>
        </div>
      ) : null}

      <div className="row" style={{ gap: 8 }}>
        <Field label="Name">
          <input
            className="input"
            value={fields.name}
            onChange={(e) => update({ name: e.target.value })}
            data-testid="recipient-name"
          />
        </Field>
        <Field label="E-mail">
          <input
            className={`input ${fields.email && !emailValid ? 'invalid' : ''}`}
            type="email"
            placeholder="name@company.com"
            value={fields.email}
            onChange={(e) => update({ email: e.target.value })}
            data-testid="recipient-email"
          />
        </Field>
      </div>

      <div className="row">
        <div className="segmented" role="group" aria-label="Channel">
          <button aria-pressed={channel === 'email'} onClick={() => setChannel('email')}>
            E-mail
          </button>
          <button aria-pressed={channel === 'linkedin'} onClick={() => setChannel('linkedin')}>
            LinkedIn
          </button>
        </div>
        <span className="spacer" />
        <select
          className="input"
          style={{ width: 'auto', maxWidth: 190 }}
          value=""
          aria-label="Use a template"
          data-testid="template-picker"
          onChange={(e) => {
            const t = shownTemplates.find((x) => x.id === e.target.value);
            if (t) applyTemplate(t);
          }}
        >
          <option value="">{shownTemplates.length ? 'Use a template…' : 'No templates yet'}</option>
          {shownTemplates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>

      {channel === 'email' ? (
        <EmailPane
          name={fields.name}
          subject={fields.subject}
          body={fields.body}
          onChange={update}
          issues={emailIssues}
          confirming={confirm === 'email'}
          onCancelConfirm={() => setConfirm(null)}
          block={emailBlock}
          busy={busy}
          onSend={(confirmed) => void sendEmail(confirmed)}
          onSave={() => void saveNow()}
          lastEmail={lastEmail}
          onRetry={(id) => void retry(id)}
        />
      ) : (
        <LinkedInPane
          name={fields.name}
          message={fields.linkedinMessage}
          onChange={(linkedinMessage) => update({ linkedinMessage })}
          target={target}
          onTarget={setTarget}
          note={note}
          issues={linkedinIssues}
          confirming={confirm === 'linkedin'}
          onCancelConfirm={() => setConfirm(null)}
          composerBlock={composerBlock}
          markBlock={markBlock}
          busy={busy}
          onFill={(confirmed) => void putInComposer(confirmed)}
          onSave={() => void saveNow()}
          showFilled={filledAt !== null && !linkedinAfterFill}
          onMarkSent={() => void markSent()}
          lastLinkedIn={lastLinkedIn}
          onRetry={(id) => void retry(id)}
        />
      )}

      {showBoth ? (
        <BothSend
          name={fields.name}
          block={bothBlock}
          busy={busy}
          confirming={confirm === 'both'}
          onSend={(confirmed) => void sendBoth(confirmed)}
          onCancelConfirm={() => setConfirm(null)}
          emailHalf={bothEmailHalf}
          linkedinHalf={bothLinkedInHalf}
          fillError={bothFillError}
          fillBlock={composerBlock}
          markBlock={markBlock}
          onFillAgain={() => void fillBothAgain()}
          onMarkSent={() => void markSent()}
          onRetry={(id) => void retry(id)}
        />
      ) : null}

      {error ? (
        <div className="banner danger" role="alert" data-testid="editor-error">
          {error}
        </div>
      ) : null}
    </section>
  );
}
