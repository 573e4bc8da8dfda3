import { afterAll, beforeAll, expect, it } from 'vitest';
import { atTime, DAY, draft, emailSend, id, linkedinSend } from '../support/fixtures';
import { startTestServer, type TestServer, type TestUser } from '../support/server';
import type { THistoryRow } from '../../shared/schemas/history';

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  user = await server.signUpUser();
  const c = user.client;
  const now = Date.now();
  // 3 e-mails (one 8 days ago), 4 LinkedIn (two 10 days ago), 2 both, 1 failed e-mail.
  await c.outreach.sendEmail.mutate(emailSend());
  await c.outreach.sendEmail.mutate(emailSend());
  await atTime(new Date(now - 8 * DAY), () => c.outreach.sendEmail.mutate(emailSend()));
  await c.outreach.recordLinkedIn.mutate(linkedinSend());
  await c.outreach.recordLinkedIn.mutate(linkedinSend());
  await atTime(new Date(now - 10 * DAY), async () => {
    await c.outreach.recordLinkedIn.mutate(linkedinSend());
    await c.outreach.recordLinkedIn.mutate(linkedinSend());
  });
  for (let i = 0; i < 2; i++) {
    const d = draft();
    await c.drafts.upsert.mutate(d);
    await c.drafts.send.mutate({ draftId: d.id, sendId: id(), email: true, linkedinSent: true });
  }
  server.smtp.setMode('reject');
  await expect(c.outreach.sendEmail.mutate(emailSend())).rejects.toThrow();
  server.smtp.setMode('accept');
});
afterAll(async () => {
  await server?.close();
});

it('counts sent rows by channel and over the last 7 days; failed sends do not count', async () => {
  const stats = await user.client.stats.get.query();
  expect(stats.totals).toEqual({ all: 9, email: 3, linkedin: 4, both: 2 });
  expect(stats.last7Days).toBe(6);
});

it('equals a recomputation from the whole history', async () => {
  const rows: THistoryRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: THistoryRow[]; nextCursor: string | null } = await user.client.history.list.query({
      limit: 4,
      cursor,
    });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  expect(rows).toHaveLength(10);

  const sent = rows.filter((r) => r.status === 'sent');
  const weekAgo = Date.now() - 7 * DAY;
  const stats = await user.client.stats.get.query();
  expect(stats.totals).toEqual({
    all: sent.length,
    email: sent.filter((r) => r.channel === 'email').length,
    linkedin: sent.filter((r) => r.channel === 'linkedin').length,
    both: sent.filter((r) => r.channel === 'both').length,
  });
  expect(stats.last7Days).toBe(sent.filter((r) => r.sentAt.getTime() >= weekAgo).length);
  expect(stats.latest).toEqual(await user.client.history.latest.query({ limit: 20 }));
  expect(stats.latest.map((r) => r.id)).toEqual(rows.map((r) => r.id));
});

it('starts at zero for a new user', async () => {
  const fresh = await server.signUpUser();
  expect(await fresh.client.stats.get.query()).toEqual({
    totals: { all: 0, email: 0, linkedin: 0, both: 0 },
    last7Days: 0,
    latest: [],
  });
});
