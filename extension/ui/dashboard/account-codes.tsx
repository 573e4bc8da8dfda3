// The two things done with a code the server e-mails: confirming the account's address (until
// then the server's relay sends nothing for the account) and setting a new password after
// forgetting it.
import { useState } from 'react';
import { checkServerUrl, sendToBackground } from '@/data';
import { Field } from '../components/field';

/** Shown while the signed-in account's e-mail address is not confirmed. */
export function ConfirmEmail({ email }: { email: string }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const confirm = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    setBusy(true);
    const reply = await sendToBackground({ type: 'verify-email', code: code.trim() });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
    // On success the session's account reads confirmed and this box goes away.
  };

  const resend = async () => {
    setError(null);
    setNotice(null);
    setBusy(true);
    const reply = await sendToBackground({ type: 'send-verification-code' });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
    else if (!reply.value.alreadyConfirmed) setNotice(`A new code is on its way to ${reply.value.sentTo}.`);
  };

  return (
    <form className="banner warn stack" onSubmit={confirm} data-testid="confirm-email">
      <p>
        <b>Confirm your e-mail address.</b> We sent a 6-digit code to <b>{email}</b>. Until you enter it,
        e-mail goes out only through your own mail server, if you set one below.
      </p>
      <div className="row">
        <input
          className="input"
          style={{ maxWidth: 140 }}
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder="123456"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-label="Confirmation code"
          data-testid="confirm-code"
        />
        <button
          className="btn primary"
          type="submit"
          disabled={busy || !code.trim()}
          data-testid="confirm-submit"
        >
          Confirm
        </button>
        <button
          className="btn"
          type="button"
          disabled={busy}
          onClick={() => void resend()}
          data-testid="confirm-resend"
        >
          Send a new code
        </button>
      </div>
      {error ? (
        <div className="field-error" role="alert" data-testid="confirm-error">
          {error}
        </div>
      ) : null}
      {notice ? <div className="small">{notice}</div> : null}
    </form>
  );
}

/** Forgot the password: ask for a code, then set a new password with it (signs in). */
export function ResetPassword({
  serverUrl,
  initialEmail,
  onDone,
  onCancel,
}: {
  serverUrl: string;
  initialEmail: string;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const server = () => {
    const checked = checkServerUrl(serverUrl);
    if (!checked.ok) setError(checked.error);
    return checked.ok ? checked.url : null;
  };

  const ask = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const url = server();
    if (!url) return;
    if (!email.trim()) return setError('Enter the e-mail address of your account.');
    setBusy(true);
    const reply = await sendToBackground({
      type: 'request-password-reset',
      serverUrl: url,
      email: email.trim(),
    });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setSentTo(email.trim());
  };

  const reset = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const url = server();
    if (!url || !sentTo) return;
    setBusy(true);
    const reply = await sendToBackground({
      type: 'reset-password',
      serverUrl: url,
      email: sentTo,
      code: code.trim(),
      password,
    });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    onDone('Password changed. You are signed in; every other device was signed out.');
  };

  return (
    <div className="stack" data-testid="reset-password-form">
      {sentTo === null ? (
        <form className="stack" onSubmit={ask}>
          <p className="small muted">
            We will e-mail a 6-digit code to your account&apos;s address; with it you choose a new password.
          </p>
          <Field label="E-mail">
            <input
              className="input"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="email"
              data-testid="reset-email"
            />
          </Field>
          <div className="row">
            <button className="btn primary" type="submit" disabled={busy} data-testid="reset-send">
              {busy ? 'Please wait…' : 'E-mail me a code'}
            </button>
            <button className="btn" type="button" onClick={onCancel}>
              Back to sign-in
            </button>
          </div>
        </form>
      ) : (
        <form className="stack" onSubmit={reset}>
          <p className="small" data-testid="reset-sent">
            If {sentTo} has an account, a code is on its way. It works for 10 minutes.
          </p>
          <Field label="Code from the e-mail">
            <input
              className="input"
              style={{ maxWidth: 140 }}
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              data-testid="reset-code"
            />
          </Field>
          <Field
            label="New password"
            hint="At least 8 characters and hard to guess: a few unrelated words work well."
          >
            <input
              className="input"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
              data-testid="reset-new-password"
            />
          </Field>
          <div className="row">
            <button className="btn primary" type="submit" disabled={busy} data-testid="reset-submit">
              {busy ? 'Please wait…' : 'Set new password'}
            </button>
            <button className="btn" type="button" onClick={() => setSentTo(null)}>
              Send another code
            </button>
          </div>
        </form>
      )}
      {error ? (
        <div className="banner danger" role="alert" data-testid="reset-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}
