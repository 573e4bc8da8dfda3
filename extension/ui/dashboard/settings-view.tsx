// Settings: server and account, your name, theme, templates.
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { checkServerUrl, sendToBackground, serverOriginPattern, setMyName, setSetting } from '@/data';
import type { Theme } from '@/db/types';
import { useSetting } from '@/data';
import { useDebouncedCallback } from '../hooks/use-debounced';
import { formatAgo } from '../lib/format';
import { Field } from '../components/field';
import { Chip } from '../components/chip';
import { TemplatesEditor } from './templates-editor';
import { SmtpSection } from './smtp-section';
import { MailboxSection } from './mailbox-section';
import { PipelineSettings } from './pipeline-settings';
import { ConfirmEmail, ResetPassword } from './account-codes';

type Mode = 'sign-in' | 'sign-up' | 'reset';

/**
 * Asks for the server's origin as an optional host permission. It must be the first thing the
 * click handler does: the browser only shows the prompt during a user gesture.
 */
function requestServerPermission(serverUrl: string): Promise<boolean> {
  const pattern = serverOriginPattern(serverUrl);
  if (!pattern) return Promise.resolve(false);
  try {
    return browser.permissions.request({ origins: [pattern] }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

function AccountSection() {
  const session = useSetting('session');
  const savedUrl = useSetting('serverUrl');
  const sync = useSetting('syncStatus');
  const [typedUrl, setServerUrl] = useState<string | null>(null);
  const serverUrl = typedUrl ?? savedUrl ?? '';
  const [mode, setMode] = useState<Mode>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const checked = checkServerUrl(serverUrl);
    if (!checked.ok) return setError(checked.error);
    const url = checked.url;
    if (!email.trim() || !password) return setError('Enter your e-mail and password.');
    const permission = requestServerPermission(url); // synchronously, inside the gesture
    setBusy(true);
    void (async () => {
      // Not awaited before signing in: the server also answers extension origins over CORS,
      // and a prompt left open must not hold the sign-in back.
      let granted: boolean | null = null;
      void permission.then((g) => (granted = g));
      const reply =
        mode === 'sign-up'
          ? await sendToBackground({
              type: 'sign-up',
              serverUrl: url,
              email: email.trim(),
              password,
              ...(name.trim() ? { name: name.trim() } : {}),
            })
          : await sendToBackground({ type: 'sign-in', serverUrl: url, email: email.trim(), password });
      setBusy(false);
      if (!reply.ok) {
        setError(
          granted !== false
            ? reply.error
            : `${reply.error} (Reachlog was not allowed to reach ${new URL(url).origin}; allow it when the browser asks.)`,
        );
        return;
      }
      setPassword('');
      setNotice(
        mode === 'sign-up'
          ? `Account created. Welcome, ${reply.value.name ?? reply.value.email}!${reply.value.emailVerified ? '' : ' Enter the code we e-mailed you to confirm your address.'}`
          : 'Signed in.',
      );
    })();
  };

  const signOut = async () => {
    setBusy(true);
    const reply = await sendToBackground({ type: 'sign-out' });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
    else setNotice('Signed out. Your drafts and history stay on this computer.');
  };

  const syncNow = async () => {
    setBusy(true);
    const reply = await sendToBackground({ type: 'sync-now' });
    setBusy(false);
    if (!reply.ok) setError(reply.error);
    else if (reply.value.error) setError(reply.value.error);
  };

  return (
    <section className="card stack" data-testid="account-section">
      <div className="row">
        <h2>Account</h2>
        <span className="spacer" />
        {session ? (
          <Chip tone={sync?.state === 'offline' ? 'warn' : sync?.state === 'error' ? 'danger' : 'ok'}>
            {sync?.state === 'offline'
              ? 'Server not reachable'
              : sync?.state === 'syncing'
                ? 'Syncing…'
                : sync?.state === 'error'
                  ? 'Sync problem'
                  : 'Signed in'}
          </Chip>
        ) : session === null ? (
          <Chip tone="warn">Signed out</Chip>
        ) : null}
      </div>
      {session ? (
        <div className="stack" data-testid="signed-in">
          <p>
            Signed in as <b>{session.user.email}</b>
            {session.user.name ? ` (${session.user.name})` : ''} on <span className="mono">{savedUrl}</span>.
          </p>
          {session.user.emailVerified === false ? <ConfirmEmail email={session.user.email} /> : null}
          <p className="small muted">
            {sync?.lastSyncedAt ? `Last synced ${formatAgo(sync.lastSyncedAt)}.` : 'Not synced yet.'}
            {sync?.error ? ` ${sync.error}` : ''}
          </p>
          <div className="row">
            <button className="btn" disabled={busy} onClick={() => void syncNow()}>
              Sync now
            </button>
            <button className="btn" disabled={busy} onClick={() => void signOut()} data-testid="sign-out">
              Sign out
            </button>
          </div>
        </div>
      ) : mode === 'reset' ? (
        <div style={{ maxWidth: 420 }}>
          <ResetPassword
            serverUrl={serverUrl}
            initialEmail={email}
            onCancel={() => setMode('sign-in')}
            onDone={(message) => {
              setMode('sign-in');
              setPassword('');
              setError(null);
              setNotice(message);
            }}
          />
        </div>
      ) : (
        <form className="stack" onSubmit={submit} style={{ maxWidth: 420 }} data-testid="sign-in-form">
          <div className="segmented" role="group" aria-label="Sign in or create an account">
            <button
              type="button"
              aria-pressed={mode === 'sign-in'}
              onClick={() => setMode('sign-in')}
              data-testid="mode-sign-in"
            >
              Sign in
            </button>
            <button
              type="button"
              aria-pressed={mode === 'sign-up'}
              onClick={() => setMode('sign-up')}
              data-testid="mode-sign-up"
            >
              Create account
            </button>
          </div>
          <Field label="Server" hint="The Reachlog server you or your team run.">
            <input
              className="input"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.target.value)}
              placeholder="http://127.0.0.1:8787"
              data-testid="server-url"
            />
          </Field>
          {mode === 'sign-up' ? (
            <Field label="Your name">
              <input
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="name"
                data-testid="account-name"
              />
            </Field>
          ) : null}
          <Field label="E-mail">
            <input
              className="input"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="email"
              data-testid="account-email"
            />
          </Field>
          <Field
            label="Password"
            hint={
              mode === 'sign-up'
                ? 'At least 8 characters and hard to guess: a few unrelated words work well.'
                : undefined
            }
          >
            <input
              className="input"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
              data-testid="account-password"
            />
          </Field>
          <div className="row">
            <button className="btn primary" type="submit" disabled={busy} data-testid="account-submit">
              {busy ? 'Please wait…' : mode === 'sign-up' ? 'Create account' : 'Sign in'}
            </button>
            {mode === 'sign-in' ? (
              <button
                className="btn ghost"
                type="button"
                onClick={() => {
                  setError(null);
                  setNotice(null);
                  setMode('reset');
                }}
                data-testid="forgot-password"
              >
                Forgot your password?
              </button>
            ) : null}
          </div>
        </form>
      )}
      {error ? (
        <div className="banner danger" role="alert" data-testid="account-error">
          {error}
        </div>
      ) : null}
      {notice ? (
        <div className="banner ok" data-testid="account-notice">
          {notice}
        </div>
      ) : null}
    </section>
  );
}

function ProfileSection() {
  const myName = useSetting('myName');
  const theme = useSetting('theme');
  const [value, setValue] = useState<string | null>(null);
  const shown = value ?? myName ?? '';
  // synced with the account: one change per typing pause
  const saveName = useDebouncedCallback((name: string) => void setMyName(name), 400);
  return (
    <section className="card stack">
      <h2>You</h2>
      <Field label="Your name in messages" hint="Fills {{myName}} in templates.">
        <input
          className="input"
          style={{ maxWidth: 320 }}
          value={shown}
          onChange={(e) => {
            setValue(e.target.value);
            saveName.call(e.target.value);
          }}
          data-testid="my-name"
        />
      </Field>
      <div className="field">
        <span>Theme</span>
        <div className="segmented" role="group" aria-label="Theme" data-testid="theme-picker">
          {(['light', 'dark', 'system'] as Theme[]).map((t) => (
            <button key={t} aria-pressed={theme === t} onClick={() => void setSetting('theme', t)}>
              {t === 'system' ? 'System' : t === 'light' ? 'Light' : 'Dark'}
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}

export function SettingsView() {
  const session = useSetting('session');
  return (
    <div className="stack" data-testid="settings-view" style={{ maxWidth: 760 }}>
      <h1>Settings</h1>
      <AccountSection />
      {session ? <SmtpSection /> : null}
      {session ? <MailboxSection /> : null}
      <ProfileSection />
      <PipelineSettings />
      <TemplatesEditor />
    </div>
  );
}
