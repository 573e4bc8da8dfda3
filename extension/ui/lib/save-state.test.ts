import { describe, expect, it } from 'vitest';
import { saveStateLabel, type SaveStateInput } from './save-state';

const base: SaveStateInput = {
  editor: 'saved',
  signedIn: true,
  pendingChanges: 0,
  sync: 'idle',
  draftSyncError: null,
};

describe('the draft header says the truth per state', () => {
  it('signed in and confirmed by the server: synced, not "on this computer"', () => {
    expect(saveStateLabel(base)).toEqual({ state: 'synced', text: 'Saved · synced to your account' });
  });
  it('signed out: on this computer only', () => {
    expect(saveStateLabel({ ...base, signedIn: false }).text).toBe(
      'Saved on this computer · sign in to sync it',
    );
  });
  it('signed in with a change on its way, or waiting for the server', () => {
    expect(saveStateLabel({ ...base, pendingChanges: 1 }).text).toBe('Saved on this computer · syncing…');
    expect(saveStateLabel({ ...base, pendingChanges: 2, sync: 'offline' }).text).toBe(
      'Saved on this computer · syncs when the server is reachable',
    );
    expect(saveStateLabel({ ...base, pendingChanges: 1, sync: 'error' }).state).toBe('waiting');
  });
  it('refused by the server: the reason', () => {
    expect(saveStateLabel({ ...base, draftSyncError: 'Subject too long' }).text).toBe(
      'Saved on this computer · not synced: Subject too long',
    );
  });
  it('typing and failures come first', () => {
    expect(saveStateLabel({ ...base, editor: 'pending' }).text).toBe('Saving…');
    expect(saveStateLabel({ ...base, editor: 'error' }).text).toBe('Not saved');
    expect(saveStateLabel({ ...base, editor: 'idle' }).text).toBe('');
  });
});
