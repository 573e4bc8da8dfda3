// Outbox rules with a stand-in API whose answers the test controls (order, backoff, failure
// kinds); real-server.test.ts runs the same processor against the real server.
import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { THistoryRow } from '@@/shared/schemas/history';
import type { ReachlogApi } from '@/api/api';
import { clearUserData } from '@/background/clear-user-data';
import { ReachlogDb } from '@/db/database';
import { enqueueSend, SendRefused } from './enqueue';
import { OutboxProcessor } from './processor';
import { backoffMs } from './backoff';

function serverError(code: string, message: string) {
  return new TRPCClientError(message, { result: { error: { message, code: -32000, data: { code } } } });
}
const networkError = () => new TRPCClientError('fetch failed', { cause: new TypeError('fetch failed') });

function historyRow(id: number, message: string): THistoryRow {
  const at = new Date(1_700_000_000_000 + id);
  return {
    id,
    recipientName: 'Jane Doe',
    recipientEmail: null,
    recipientLinkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
    jobTitle: null,
    companyName: null,
    jobUrl: null,
    channel: 'linkedin',
    emailSubject: null,
    emailBody: null,
    linkedinMessage: message,
    status: 'sent',
    error: null,
    sentAt: at,
    createdAt: at,
    draftId: null,
    repliedAt: null,
    followUpOf: null,
  };
}

let database: ReachlogDb;
let clock: number;
let timers: { at: number; fn: () => void }[];
let answers: ((input: { sendId: string; message: string }) => Promise<THistoryRow>)[];
let calls: { sendId: string; message: string }[];
let processor: OutboxProcessor;
let signedIn: boolean;

const api = {
  recordLinkedIn: (input: { sendId: string; message: string }) => {
    calls.push(input);
    const next = answers.shift();
    return next ? next(input) : Promise.resolve(historyRow(calls.length, input.message));
  },
} as unknown as ReachlogApi;

beforeEach(async () => {
  database = new ReachlogDb(`outbox-${crypto.randomUUID()}`);
  clock = 1_000_000;
  timers = [];
  answers = [];
  calls = [];
  signedIn = true;
  processor = new OutboxProcessor({
    database,
    getApi: async () => (signedIn ? api : null),
    now: () => clock,
    // the longest wait of each step (jitter has its own test)
    random: () => 1,
    setTimer: (fn, ms) => timers.push({ at: clock + ms, fn }),
    clearTimer: () => {
      timers = [];
    },
  });
});
afterEach(async () => {
  await database.delete();
});

const linkedin = (message: string) =>
  enqueueSend(
    {
      kind: 'linkedin',
      input: {
        recipient: { name: 'Jane Doe', linkedinUrl: 'https://www.linkedin.com/in/jane-doe/' },
        message,
      },
    },
    database,
    clock,
  );

describe('outbox', () => {
  it('drops the answer of a send that was in flight when the user signed out', async () => {
    await linkedin('before sign-out');
    let answer!: (row: THistoryRow) => void;
    answers = [() => new Promise<THistoryRow>((resolve) => (answer = resolve))];
    const pass = processor.kick();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    await clearUserData(database); // what sign-out does
    answer(historyRow(77, 'before sign-out'));
    await pass;
    // the next user who signs in here must not see the previous user's send
    expect(await database.history.count()).toBe(0);
    expect(await database.outbox.count()).toBe(0);
  });

  it('sends in creation order, one at a time, and stores one history row per send', async () => {
    const rows = [await linkedin('one'), await linkedin('two'), await linkedin('three')];
    await processor.kick();
    expect(calls.map((c) => c.message)).toEqual(['one', 'two', 'three']);
    expect(calls.map((c) => c.sendId)).toEqual(rows.map((r) => r.id));
    expect((await database.outbox.orderBy('createdAt').toArray()).map((r) => [r.state, r.historyId])).toEqual(
      [
        ['sent', 1],
        ['sent', 2],
        ['sent', 3],
      ],
    );
    expect(await database.history.count()).toBe(3);
  });

  it('keeps a row waiting for the connection with exponential backoff, and nothing overtakes it', async () => {
    await linkedin('first');
    await linkedin('second');
    answers = [() => Promise.reject(networkError()), () => Promise.reject(networkError())];
    await processor.kick();
    let head = (await database.outbox.orderBy('createdAt').first())!;
    expect(head).toMatchObject({
      state: 'waiting',
      waitingFor: 'connection',
      attempts: 1,
      nextAttemptAt: clock + 2_000,
    });
    expect(calls).toHaveLength(1);
    expect(timers.map((t) => t.at)).toEqual([clock + 2_000]);

    // a kick before the time is due sends nothing
    await processor.kick();
    expect(calls).toHaveLength(1);

    clock += 2_000;
    timers.shift()!.fn();
    await processor.kick();
    head = (await database.outbox.orderBy('createdAt').first())!;
    expect(head).toMatchObject({ attempts: 2, nextAttemptAt: clock + 4_000 });

    clock += 4_000;
    await processor.kick();
    expect(calls.map((c) => c.message)).toEqual(['first', 'first', 'first', 'second']);
    expect(new Set(calls.slice(0, 3).map((c) => c.sendId)).size).toBe(1);
    expect((await database.outbox.toArray()).every((r) => r.state === 'sent' && r.waitingFor === null)).toBe(
      true,
    );
  });

  it('sends a row waiting for the connection as soon as another call reached the server', async () => {
    await linkedin('waiting for the connection');
    answers = [() => Promise.reject(networkError())];
    await processor.kick();
    expect((await database.outbox.toArray())[0]).toMatchObject({ waitingFor: 'connection' });
    await processor.serverReachable(); // before its backoff is over
    expect(calls).toHaveLength(2);
    expect((await database.outbox.toArray())[0]).toMatchObject({ state: 'sent' });
  });

  it('tells the background when a send could not reach the server, and when it got through', async () => {
    const told: string[] = [];
    const p = new OutboxProcessor({
      database,
      getApi: async () => api,
      now: () => clock,
      onReachable: () => told.push('reachable'),
      onUnreachable: () => told.push('unreachable'),
      setTimer: (fn, ms) => timers.push({ at: clock + ms, fn }),
    });
    await linkedin('lost');
    answers = [
      () => Promise.reject(networkError()),
      () => Promise.reject(serverError('SERVICE_UNAVAILABLE', 'try again later: 451')),
    ];
    await p.kick();
    expect(told).toEqual(['unreachable']);
    clock += 10_000;
    await p.kick(); // the mail server's fault is not the connection's
    expect(told).toEqual(['unreachable']);
    clock += 10_000;
    await p.kick();
    expect(told).toEqual(['unreachable', 'reachable']);
  });

  it('keeps the backoff of a row waiting for the mail server when the sync server answers', async () => {
    await linkedin('mail server busy');
    answers = [() => Promise.reject(serverError('SERVICE_UNAVAILABLE', 'try again later: 451'))];
    await processor.kick();
    await processor.serverReachable();
    expect(calls).toHaveLength(1);
    expect((await database.outbox.toArray())[0]).toMatchObject({
      state: 'waiting',
      waitingFor: 'mail-server',
    });
  });

  it('caps the backoff at five minutes', () => {
    const longest = (n: number) => backoffMs(n, () => 1);
    expect([1, 2, 3, 4].map(longest)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(longest(9)).toBe(300_000);
    expect(longest(500)).toBe(300_000);
  });

  it('jitters each wait between half and all of its step, so clients that failed together spread out', () => {
    expect(backoffMs(3, () => 0)).toBe(4_000);
    expect(backoffMs(3, () => 0.5)).toBe(6_000);
    const waits = Array.from({ length: 200 }, () => backoffMs(4));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(8_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(16_000);
    expect(new Set(waits).size).toBeGreaterThan(100);
  });

  it('a temporary mail server fault (SERVICE_UNAVAILABLE) waits for the mail server with backoff', async () => {
    const row = await linkedin('x');
    answers = [
      () => Promise.reject(serverError('SERVICE_UNAVAILABLE', 'The mail server asked to try again later')),
    ];
    await processor.kick();
    expect(await database.outbox.get(row.id)).toMatchObject({
      state: 'waiting',
      waitingFor: 'mail-server',
      attempts: 1,
      nextAttemptAt: clock + 2_000,
      error: 'The mail server asked to try again later',
    });
    clock += 2_000;
    await processor.kick();
    expect(await database.outbox.get(row.id)).toMatchObject({ state: 'sent', waitingFor: null, error: null });
  });

  it('a permanent mail server fault (BAD_GATEWAY) fails the row: no automatic retry', async () => {
    const row = await linkedin('x');
    answers = [
      () => Promise.reject(serverError('BAD_GATEWAY', 'Mail server refused: 550 5.1.1 No such user')),
    ];
    await processor.kick();
    expect(await database.outbox.get(row.id)).toMatchObject({ state: 'failed', waitingFor: null });
    expect(timers).toEqual([]);
    clock += 3_600_000;
    await processor.kick();
    expect(calls).toHaveLength(1);
  });

  it('an interrupted send being finished (CONFLICT) is checked again within 15 s, whatever the attempt', async () => {
    const row = await linkedin('x');
    await database.outbox.update(row.id, { attempts: 9 });
    answers = [
      () => Promise.reject(serverError('CONFLICT', 'This send was interrupted or is still going out')),
    ];
    await processor.kick();
    expect(await database.outbox.get(row.id)).toMatchObject({
      state: 'waiting',
      waitingFor: 'finishing',
      attempts: 10,
      nextAttemptAt: clock + 15_000,
    });
  });

  it('fails a row on BAD_REQUEST with the server message and moves on; retry keeps the send id', async () => {
    const bad = await linkedin('bad');
    await linkedin('good');
    answers = [() => Promise.reject(serverError('BAD_REQUEST', 'Invalid input: message: too long'))];
    await processor.kick();
    expect(await database.outbox.get(bad.id)).toMatchObject({
      state: 'failed',
      error: 'Invalid input: message: too long',
    });
    expect(calls.map((c) => c.message)).toEqual(['bad', 'good']);

    await processor.retry(bad.id);
    expect(await database.outbox.get(bad.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(calls.map((c) => c.sendId)).toEqual([bad.id, expect.any(String), bad.id]);
  });

  it('treats CONFLICT (same send still in progress) as "try again later", not a failure', async () => {
    const row = await linkedin('x');
    answers = [() => Promise.reject(serverError('CONFLICT', 'This send is in progress'))];
    await processor.kick();
    expect(await database.outbox.get(row.id)).toMatchObject({
      state: 'waiting',
      waitingFor: 'finishing',
      attempts: 1,
    });
  });

  it('waits for a sign-in when there is no session, and when the server ends the session', async () => {
    const row = await linkedin('x');
    signedIn = false;
    await processor.kick();
    expect(await database.outbox.get(row.id)).toMatchObject({ state: 'waiting', waitingFor: 'sign-in' });
    expect(calls).toHaveLength(0);

    signedIn = true;
    answers = [() => Promise.reject(serverError('UNAUTHORIZED', 'Your session has ended; sign in again'))];
    await processor.kick();
    expect(await database.outbox.get(row.id)).toMatchObject({
      state: 'waiting',
      waitingFor: 'sign-in',
      error: 'Your session has ended; sign in again',
    });
  });

  it('resends a row left "sending" by a worker that died, with the same send id', async () => {
    const row = await linkedin('x');
    await database.outbox.update(row.id, { state: 'sending' });
    await processor.kick();
    expect(calls.map((c) => c.sendId)).toEqual([row.id]);
  });

  it('refuses before queueing: invalid input, template variables left in the text, unknown drafts', async () => {
    await expect(
      enqueueSend(
        {
          kind: 'email',
          input: { recipient: { name: 'J', email: 'not-an-email' }, subject: 's', body: 'b' },
        },
        database,
      ),
    ).rejects.toThrow(/valid e-mail/);
    await expect(linkedin('Hi {{firstName}}')).rejects.toThrow(SendRefused);
    await expect(
      enqueueSend(
        { kind: 'draft', input: { draftId: 'missing-draft', email: true, linkedinSent: false } },
        database,
      ),
    ).rejects.toThrow(/no longer exists/);
    expect(await database.outbox.count()).toBe(0);
  });
});
