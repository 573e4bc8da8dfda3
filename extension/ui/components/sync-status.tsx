// The sync status every view shows: synced / syncing / offline with N changes waiting and why /
// not synced, why, and a Retry / signed out.
import { sendToBackground, useSyncSummary } from '@/data/reads';
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
    text = waiting ? `Not synced · ${waitingText}` : 'Not synced';
  } else {
    state = 'synced';
    text = waiting ? waitingText : s.lastSyncedAt ? `Synced ${formatAgo(s.lastSyncedAt)}` : 'Synced';
  }
  return (
    <span className="sync-status" data-testid="sync-status" data-state={state} title={s.error ?? undefined}>
      <span className="dot" aria-hidden />
      <span>{text}</span>
      {/* why, and what happens next (explainError), in words rather than only a tooltip */}
      {(state === 'offline' || state === 'error') && s.error ? (
        <span className="sync-detail small muted" data-testid="sync-status-detail">
          {s.error}
        </span>
      ) : null}
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
