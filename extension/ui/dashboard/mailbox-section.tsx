// The user's mailbox, read by the server for answers to their e-mails (only the reply headers,
// never a message's text: docs/pipeline.md). The password is write-only, as for the mail server.
import { useEffect, useState } from 'react';
import { sendToBackground } from '@/data';
import { ZImapSettingsInput, type TImapSettings } from '@@/shared/schemas/imap';
import { Field } from '../components/field';
import { Chip } from '../components/chip';
import {
  FormMessages,
  MailServerFields,
  firstIssue,
  useFormActions,
  type MailServerForm,
} from '../components/mail-server-fields';
import { formatAgo } from '../lib/format';

interface Form extends MailServerForm {
  mailbox: string;
}

const EMPTY: Form = { host: '', port: '993', secure: true, username: '', password: '', mailbox: 'INBOX' };

const toForm = (s: TImapSettings): Form => ({
  host: s.host,
  port: String(s.port),
  secure: s.secure,
  username: s.username,
  password: '',
  mailbox: s.mailbox,
});

export function MailboxSection() {
  const [saved, setSaved] = useState<TImapSettings | null | undefined>(undefined);
  const [form, setForm] = useState<Form>(EMPTY);
  const { busy, error, notice, setError, setNotice, run } = useFormActions();

  useEffect(() => {
    let alive = true;
    void sendToBackground({ type: 'imap-get' }).then((reply) => {
      if (!alive) return;
      if (!reply.ok) return setError(reply.error);
      setSaved(reply.value);
      if (reply.value) setForm(toForm(reply.value));
    });
    return () => {
      alive = false;
    };
    // setError is a useState setter (from useFormActions), the same function on every render:
    // the settings are still read once, when the section opens
  }, [setError]);

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const parsed = ZImapSettingsInput.safeParse({
        host: form.host,
        port: Number(form.port),
        secure: form.secure,
        username: form.username,
        ...(form.password ? { password: form.password } : {}),
        mailbox: form.mailbox || 'INBOX',
      });
      if (!parsed.success) return setError(firstIssue(parsed.error));
      const reply = await sendToBackground({ type: 'imap-save', input: parsed.data });
      if (!reply.ok) return setError(reply.error);
      setSaved(reply.value);
      setForm(toForm(reply.value));
      setNotice('Saved. Reachlog looks for replies to your e-mails every few minutes.');
    });
  };

  const check = () =>
    run(async () => {
      const reply = await sendToBackground({ type: 'replies-check' });
      if (!reply.ok) return setError(`Could not check for replies: ${reply.error}`);
      const { checked, replied } = reply.value;
      setNotice(
        !checked
          ? 'Checked less than a minute ago; try again shortly.'
          : replied === 0
            ? 'Checked: no new replies.'
            : `Checked: ${replied} new ${replied === 1 ? 'reply' : 'replies'}.`,
      );
      const again = await sendToBackground({ type: 'imap-get' });
      if (again.ok) setSaved(again.value);
    });

  const clear = () =>
    run(async () => {
      const reply = await sendToBackground({ type: 'imap-clear' });
      if (!reply.ok) return setError(reply.error);
      setSaved(null);
      setForm(EMPTY);
      setNotice('Removed. Replies to e-mails are no longer looked for.');
    });

  return (
    <section className="card stack" data-testid="mailbox-section">
      <div className="row">
        <h2>Replies to your e-mails</h2>
        <span className="spacer" />
        {saved ? <Chip tone="ok">Connected</Chip> : saved === null ? <Chip>Not set</Chip> : null}
      </div>
      <p className="small muted">
        Optional. Connect the mailbox your replies arrive in (IMAP): the server reads only which message an
        e-mail answers, never its text, and marks the person replied.
      </p>
      {saved?.lastError ? (
        <div className="banner warn small" data-testid="mailbox-last-error">
          Last check failed: {saved.lastError}
        </div>
      ) : saved?.lastCheckedAt ? (
        // (messages from the background arrive as JSON in Chrome: the date may be a string)
        <p className="small muted">Last checked {formatAgo(new Date(saved.lastCheckedAt).getTime())}.</p>
      ) : null}
      <form className="stack" onSubmit={save} style={{ maxWidth: 520 }}>
        <MailServerFields
          form={form}
          set={set}
          hostLabel="IMAP host"
          hostPlaceholder="imap.example.com"
          tlsLabel="TLS from the first byte (usually port 993); otherwise STARTTLS (143), which Reachlog requires before it logs in"
          hasStoredPassword={saved?.hasPassword ?? false}
          loginExtra={
            <Field label="Folder">
              <input
                className="input"
                value={form.mailbox}
                onChange={(e) => set({ mailbox: e.target.value })}
              />
            </Field>
          }
        />
        <div className="row">
          <button className="btn primary" type="submit" disabled={busy}>
            Save
          </button>
          {saved ? (
            <>
              <button className="btn" type="button" disabled={busy} onClick={() => void check()}>
                Check now
              </button>
              <button className="btn danger" type="button" disabled={busy} onClick={() => void clear()}>
                Remove
              </button>
            </>
          ) : null}
        </div>
      </form>
      <FormMessages error={error} notice={notice} />
    </section>
  );
}
