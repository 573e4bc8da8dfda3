// The user's own mail server: e-mail then goes out from their own address. The password is
// write-only: the server stores it encrypted and only says whether one is set.
import { useEffect, useState } from 'react';
import { sendToBackground } from '@/data';
import { ZSmtpSettingsInput, type TSmtpSettings } from '@@/shared/schemas/smtp';
import { Field } from '../components/field';
import { Chip } from '../components/chip';
import {
  FormMessages,
  MailServerFields,
  firstIssue,
  useFormActions,
  type MailServerForm,
} from '../components/mail-server-fields';

interface Form extends MailServerForm {
  fromAddress: string;
  fromName: string;
}

const EMPTY: Form = {
  host: '',
  port: '587',
  secure: false,
  username: '',
  password: '',
  fromAddress: '',
  fromName: '',
};

function toForm(s: TSmtpSettings): Form {
  return {
    host: s.host,
    port: String(s.port),
    secure: s.secure,
    username: s.username ?? '',
    password: '',
    fromAddress: s.fromAddress,
    fromName: s.fromName ?? '',
  };
}

type Load =
  | { state: 'loading' }
  | { state: 'unsupported' }
  | { state: 'error'; error: string }
  | { state: 'ready'; saved: TSmtpSettings | null };

export function SmtpSection() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [form, setForm] = useState<Form>(EMPTY);
  const { busy, error, notice, setError, setNotice, run } = useFormActions();

  useEffect(() => {
    let alive = true;
    void sendToBackground({ type: 'smtp-get' }).then((reply) => {
      if (!alive) return;
      if (reply.ok) {
        setLoad({ state: 'ready', saved: reply.value });
        if (reply.value) setForm(toForm(reply.value));
      } else if (reply.error.startsWith('Unknown request')) setLoad({ state: 'unsupported' });
      else setLoad({ state: 'error', error: reply.error });
    });
    return () => {
      alive = false;
    };
  }, []);

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const saved = load.state === 'ready' ? load.saved : null;

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const parsed = ZSmtpSettingsInput.safeParse({
        host: form.host,
        port: Number(form.port),
        secure: form.secure,
        ...(form.username.trim() ? { username: form.username } : {}),
        ...(form.password ? { password: form.password } : {}),
        fromAddress: form.fromAddress,
        ...(form.fromName.trim() ? { fromName: form.fromName } : {}),
      });
      if (!parsed.success) return setError(firstIssue(parsed.error));
      const reply = await sendToBackground({ type: 'smtp-save', input: parsed.data });
      if (!reply.ok) return setError(reply.error);
      setLoad({ state: 'ready', saved: reply.value });
      setForm(toForm(reply.value));
      setNotice('Saved. E-mail now goes out through your own server.');
    });
  };

  const test = () =>
    run(async () => {
      const reply = await sendToBackground({ type: 'smtp-test' });
      if (!reply.ok) return setError(`The test e-mail was not sent: ${reply.error}`);
      setNotice(
        `Test e-mail sent to ${reply.value.to} through ${reply.value.via === 'user' ? 'your own server' : "the Reachlog server's relay"}.`,
      );
    });

  const clear = () =>
    run(async () => {
      const reply = await sendToBackground({ type: 'smtp-clear' });
      if (!reply.ok) return setError(reply.error);
      setLoad({ state: 'ready', saved: null });
      setForm(EMPTY);
      setNotice("Removed. E-mail goes out through the Reachlog server's relay.");
    });

  return (
    <section className="card stack" data-testid="smtp-section">
      <div className="row">
        <h2>Your mail server</h2>
        <span className="spacer" />
        {saved ? <Chip tone="ok">In use</Chip> : load.state === 'ready' ? <Chip>Not set</Chip> : null}
      </div>
      {load.state === 'loading' ? (
        <p className="small muted">Loading…</p>
      ) : load.state === 'unsupported' ? (
        <p className="small muted" data-testid="smtp-unsupported">
          Sending through your own mail server is not available in this version of the extension yet. E-mail
          goes out through your Reachlog server&rsquo;s relay.
        </p>
      ) : load.state === 'error' ? (
        <div className="banner danger small">{load.error}</div>
      ) : (
        <form className="stack" onSubmit={save} style={{ maxWidth: 520 }}>
          <p className="small muted">
            Optional. Without it, e-mail goes out through the Reachlog server&rsquo;s relay.
          </p>
          <MailServerFields
            form={form}
            set={set}
            hostLabel="Host"
            hostPlaceholder="smtp.example.com"
            tlsLabel="TLS from the first byte (usually port 465); otherwise STARTTLS, which Reachlog requires before it logs in"
            hasStoredPassword={saved?.hasPassword ?? false}
          />
          <div className="row">
            <Field label="From address">
              <input
                className="input"
                type="email"
                value={form.fromAddress}
                onChange={(e) => set({ fromAddress: e.target.value })}
              />
            </Field>
            <Field label="From name">
              <input
                className="input"
                value={form.fromName}
                onChange={(e) => set({ fromName: e.target.value })}
              />
            </Field>
          </div>
          <div className="row">
            <button className="btn primary" type="submit" disabled={busy}>
              Save
            </button>
            <button className="btn" type="button" disabled={busy} onClick={() => void test()}>
              Send test e-mail
            </button>
            {saved ? (
              <button className="btn danger" type="button" disabled={busy} onClick={() => void clear()}>
                Remove
              </button>
            ) : null}
          </div>
        </form>
      )}
      <FormMessages error={error} notice={notice} />
    </section>
  );
}
