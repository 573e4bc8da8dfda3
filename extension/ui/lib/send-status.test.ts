import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '@/db/types';
import { describeSend } from './send-status';

const row = (patch: Partial<OutboxRow>): OutboxRow => ({
  id: 'send-1',
  kind: 'email',
  payload: {},
  recipientName: 'Marisol',
  draftId: null,
  state: 'waiting',
  waitingFor: null,
  attempts: 0,
  nextAttemptAt: 0,
  error: null,
  historyId: null,
  createdAt: 0,
  updatedAt: 0,
  ...patch,
});

describe('describeSend', () => {
  it('words each state plainly', () => {
    expect(describeSend(row({})).label).toBe('Sending…');
    expect(describeSend(row({ state: 'sending' })).label).toBe('Sending…');
    expect(describeSend(row({ state: 'sent' })).label).toBe('Sent');
    expect(describeSend(row({ state: 'sent', kind: 'linkedin' })).label).toBe('Recorded');
  });

  it('says a send waits for the connection, with Retry', () => {
    const s = describeSend(row({ waitingFor: 'connection', attempts: 2, error: 'fetch failed' }));
    expect(s).toMatchObject({ tone: 'warn', label: 'Waiting for connection', canRetry: true });
    expect(s.detail).toContain('fetch failed');
    expect(describeSend(row({}), false).label).toBe('Waiting for connection');
  });

  it('gives the failure reason and offers Retry', () => {
    const s = describeSend(row({ state: 'failed', error: 'Mailbox unavailable' }));
    expect(s).toMatchObject({
      tone: 'danger',
      label: 'Failed',
      detail: 'Mailbox unavailable',
      canRetry: true,
    });
  });

  it('asks for sign-in when the session is gone', () => {
    expect(describeSend(row({ waitingFor: 'sign-in' })).label).toBe('Waiting for sign-in');
  });
});
