// The draft header's save state, saying the truth per state: saved here only (signed out), on
// its way to the account (signed in, change not yet confirmed), synced (the server has it), or
// refused by the server (with its reason).

export type EditorSaveState = 'idle' | 'pending' | 'saved' | 'error';

export interface SaveStateInput {
  editor: EditorSaveState;
  signedIn: boolean;
  /** this draft's changes the server has not confirmed yet */
  pendingChanges: number;
  sync: 'idle' | 'syncing' | 'offline' | 'signed-out' | 'error';
  /** why the server refused this draft's last change */
  draftSyncError: string | null;
}

export interface SaveStateLabel {
  state: EditorSaveState | 'local' | 'syncing' | 'waiting' | 'synced' | 'refused';
  text: string;
}

export function saveStateLabel(i: SaveStateInput): SaveStateLabel {
  if (i.editor === 'pending') return { state: 'pending', text: 'Saving…' };
  if (i.editor === 'error') return { state: 'error', text: 'Not saved' };
  if (i.editor === 'idle') return { state: 'idle', text: '' };
  if (!i.signedIn) return { state: 'local', text: 'Saved on this computer · sign in to sync it' };
  if (i.draftSyncError)
    return { state: 'refused', text: `Saved on this computer · not synced: ${i.draftSyncError}` };
  if (i.pendingChanges === 0) return { state: 'synced', text: 'Saved · synced to your account' };
  if (i.sync === 'offline')
    return { state: 'waiting', text: 'Saved on this computer · syncs when the server is reachable' };
  if (i.sync === 'error' || i.sync === 'signed-out')
    return { state: 'waiting', text: 'Saved on this computer · not synced yet' };
  return { state: 'syncing', text: 'Saved on this computer · syncing…' };
}
