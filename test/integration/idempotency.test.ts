import { describe, expect, it } from 'vitest';
import { emailSend, linkedinSend } from '../support/fixtures';
import { setupTestServer } from '../support/server';
import { failure } from '../support/trpc-errors';
import type { THistoryRow } from '../../shared/schemas/history';

const t = setupTestServer();

async function settle(calls: Promise<THistoryRow>[]) {
  const results = await Promise.allSettled(calls);
  const rows = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const codes = await Promise.all(
    results.flatMap((r) =>
      r.status === 'rejected' ? [failure(Promise.reject(r.reason)).then((e) => e.code)] : [],
    ),
  );
  return { rows, codes };
}

describe('retries with one sendId', () => {
  it('20 concurrent sendEmail calls (separate HTTP requests): one e-mail, one row; each call gets that row or CONFLICT', async () => {
    const input = emailSend();
    const clients = Array.from({ length: 20 }, () => t.server.client(t.user.token, { batch: false }));
    const { rows, codes } = await settle(clients.map((c) => c.outreach.sendEmail.mutate(input)));

    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(new Set(codes)).toEqual(new Set(codes.length ? ['CONFLICT'] : []));
    expect(rows.length + codes.length).toBe(20);
    const first = rows[0]!;
    for (const row of rows) expect(row).toEqual(first);
    expect(first.status).toBe('sent');

    expect(t.server.smtp.to(input.recipient.email)).toHaveLength(1);
    expect(await t.user.client.history.forRecipient.query({ email: input.recipient.email })).toEqual([first]);
    // A later retry, once settled, gets the row.
    expect(await t.user.client.outreach.sendEmail.mutate(input)).toEqual(first);
    expect(t.server.smtp.to(input.recipient.email)).toHaveLength(1);
  });

  it('20 concurrent sendEmail calls in one batch: one e-mail, one row', async () => {
    const input = emailSend();
    const { rows, codes } = await settle(
      Array.from({ length: 20 }, () => t.user.client.outreach.sendEmail.mutate(input)),
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(codes.every((c) => c === 'CONFLICT')).toBe(true);
    expect(t.server.smtp.to(input.recipient.email)).toHaveLength(1);
    expect(await t.user.client.history.forRecipient.query({ email: input.recipient.email })).toHaveLength(1);
  });

  it('20 concurrent recordLinkedIn calls: one row, counted once', async () => {
    const before = (await t.user.client.stats.get.query()).totals;
    const input = linkedinSend();
    const clients = Array.from({ length: 20 }, () => t.server.client(t.user.token, { batch: false }));
    const { rows, codes } = await settle(clients.map((c) => c.outreach.recordLinkedIn.mutate(input)));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(codes.every((c) => c === 'CONFLICT')).toBe(true);
    for (const row of rows) expect(row).toEqual(rows[0]);
    expect(
      await t.user.client.history.forRecipient.query({ linkedinUrl: input.recipient.linkedinUrl }),
    ).toHaveLength(1);
    const after = (await t.user.client.stats.get.query()).totals;
    expect(after).toEqual({ ...before, all: before.all + 1, linkedin: before.linkedin + 1 });
  });

  it('a sendId already used for a different message is refused, not silently re-used for it', async () => {
    const input = emailSend();
    const first = await t.user.client.outreach.sendEmail.mutate(input);
    // Same id, different content: the server must not send the new message under the old id.
    const other = emailSend({ sendId: input.sendId });
    const res = await t.user.client.outreach.sendEmail.mutate(other).then(
      (row) => ({ row }),
      (err: unknown) => ({ err }),
    );
    if ('row' in res) expect(res.row).toEqual(first);
    expect(t.server.smtp.to(other.recipient.email)).toHaveLength(0);
    expect(t.server.smtp.to(input.recipient.email)).toHaveLength(1);
  });
});
