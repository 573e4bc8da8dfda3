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

  it('says a send waits for the connection, why and what happens next, with Retry', () => {
    const why =
      "Can't reach the Reachlog server at https://r.example — the e-mail will go out when it's back.";
    const s = describeSend(row({ waitingFor: 'connection', attempts: 2, error: why }));
    expect(s).toMatchObject({ tone: 'warn', label: 'Waiting for connection', canRetry: true, detail: why });
    expect(describeSend(row({}), false)).toMatchObject({
      label: 'Waiting for connection',
      detail: "This computer is offline — the e-mail will go out when it's back.",
    });
    expect(describeSend(row({ kind: 'linkedin' }), false).detail).toBe(
      "This computer is offline — the LinkedIn message will be recorded when it's back.",
    );
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

  it('says an interrupted send is being finished, and that it is checked not to go out twice', () => {
    const s = describeSend(row({ waitingFor: 'finishing', attempts: 2, error: 'interrupted' }));
    expect(s).toMatchObject({ tone: 'info', label: 'Finishing an interrupted send', canRetry: false });
    expect(s.detail).toMatch(/checking it was not sent twice/);
  });

  it('says the mail server is the hold-up, why, and that it is tried again', () => {
    const s = describeSend(
      row({
        waitingFor: 'mail-server',
        attempts: 1,
        nextAttemptAt: new Date(2030, 0, 1, 14, 5, 9).getTime(),
        error: 'The mail server asked to try again later: 451 4.3.2 Too busy',
      }),
    );
    expect(s).toMatchObject({ tone: 'warn', label: 'Waiting for the mail server', canRetry: true });
    expect(s.detail).toContain('451 4.3.2 Too busy');
    expect(s.detail).toMatch(/tries again (at|in)/);
  });

  it('a send waiting after a refusal that passes (too many sends) says why instead of "Sending…"', () => {
    const s = describeSend(row({ attempts: 1, error: 'Sending limit reached: try again in 3 minutes.' }));
    expect(s.label).toBe('Waiting to send');
    expect(s.detail).toContain('Sending limit reached');
  });

  it('asks for sign-in when the session is gone', () => {
    expect(describeSend(row({ waitingFor: 'sign-in' })).label).toBe('Waiting for sign-in');
  });
});
