// The sync status every view shows: synced / syncing / offline with N changes waiting / the
// error and a Retry / signed out.
import { sendToBackground, useSyncSummary } from '@/data';
import { formatAgo, plural } from '../lib/format';

export function SyncStatusLine() {
  const s = useSyncSummary();
  if (!s) return null;
  const waiting = s.changesWaiting + s.sendsWaiting;
  const waitingText = waiting
    ? `${plural(waiting, s.sendsWaiting && !s.changesWaiting ? 'send' : 'change')} waiting`
    : '';
  let state: 'synced' | 'syncing' | 'offline' | 'error' | 'signed-out';
  let text: string;
  if (!s.signedIn) {
    state = 'signed-out';
    text = waiting ? `Not signed in · ${waitingText}` : 'Not signed in';
  } else if (s.state === 'syncing') {
    state = 'syncing';
    text = 'Syncing…';
  } else if (s.state === 'offline') {
    state = 'offline';
    text = waiting ? `Offline · ${waitingText}` : 'Offline';
  } else if (s.state === 'error') {
    state = 'error';
    text = `Sync error: ${s.error ?? 'unknown'}`;
  } else {
    state = 'synced';
    text = waiting ? waitingText : s.lastSyncedAt ? `Synced ${formatAgo(s.lastSyncedAt)}` : 'Synced';
  }
  return (
    <span className="sync-status" data-testid="sync-status" data-state={state} title={s.error ?? undefined}>
      <span className="dot" aria-hidden />
      <span>{text}</span>
      {state === 'error' || state === 'offline' ? (
        <button
          className="btn small ghost"
          onClick={() => void sendToBackground({ type: 'sync-now' })}
          data-testid="sync-retry"
        >
          Retry
        </button>
      ) : null}
    </span>
  );
}
