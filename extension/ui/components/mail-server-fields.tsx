// The parts the two mail-server forms share (Settings → "Your mail server" for SMTP and
// "Replies to your e-mails" for IMAP): the host/port/TLS/login fields, the busy/error/notice
// state around the background calls, and how a failed schema check is told to the user. The
// password stays write-only in both: the server only says whether one is stored.
import { useState, type ReactNode } from 'react';
import type { ZodError } from 'zod';
import { Field } from './field';

/** The connection fields both forms hold, as typed (the port is text until it is checked). */
export interface MailServerForm {
  host: string;
  port: string;
  secure: boolean;
  username: string;
  password: string;
}

interface FieldsProps<F extends MailServerForm> {
  form: F;
  set: (patch: Partial<F>) => void;
  hostLabel: string;
  hostPlaceholder: string;
  /** What the TLS box means for this protocol (its usual ports). */
  tlsLabel: string;
  hasStoredPassword: boolean;
  /** More fields on the login row (the IMAP folder). */
  loginExtra?: ReactNode;
}

export function MailServerFields<F extends MailServerForm>({
  form,
  set,
  hostLabel,
  hostPlaceholder,
  tlsLabel,
  hasStoredPassword,
  loginExtra,
}: FieldsProps<F>) {
  // (each patch names only MailServerForm keys, which F has)
  const patch = (p: Partial<MailServerForm>) => set(p as Partial<F>);
  return (
    <>
      <div className="row">
        <Field label={hostLabel}>
          <input
            className="input"
            value={form.host}
            onChange={(e) => patch({ host: e.target.value })}
            placeholder={hostPlaceholder}
          />
        </Field>
        <Field label="Port">
          <input
            className="input"
            inputMode="numeric"
            value={form.port}
            onChange={(e) => patch({ port: e.target.value })}
            style={{ maxWidth: 100 }}
          />
        </Field>
      </div>
      <label className="row small">
        <input type="checkbox" checked={form.secure} onChange={(e) => patch({ secure: e.target.checked })} />
        {tlsLabel}
      </label>
      <div className="row">
        <Field label="Username">
          <input
            className="input"
            value={form.username}
            onChange={(e) => patch({ username: e.target.value })}
            autoComplete="off"
          />
        </Field>
        <Field label="Password" hint={hasStoredPassword ? 'Stored. Leave empty to keep it.' : undefined}>
          <input
            className="input"
            type="password"
            value={form.password}
            onChange={(e) => patch({ password: e.target.value })}
            autoComplete="new-password"
          />
        </Field>
        {loginExtra}
      </div>
    </>
  );
}

/** The first problem a schema found, named by its field ("port: Number must be …"). */
export function firstIssue(error: ZodError): string {
  const first = error.issues[0];
  return `${first?.path.join('.') || 'Settings'}: ${first?.message ?? 'not valid'}`;
}

/** Busy while one action runs; each action starts with the last one's messages cleared. */
export function useFormActions() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, notice, setError, setNotice, run };
}

export function FormMessages({ error, notice }: { error: string | null; notice: string | null }) {
  return (
    <>
      {error ? (
        <div className="banner danger" role="alert">
          {error}
        </div>
      ) : null}
      {notice ? <div className="banner ok">{notice}</div> : null}
    </>
  );
}
