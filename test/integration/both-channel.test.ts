// "Send e-mail + LinkedIn" (docs/pipeline.md): the e-mail half and the LinkedIn half of one
// both-channel send share a send id and make ONE history row with channel `both`, whichever
// half reaches the server first, however often either is retried — one e-mail, one row, the
// stats counting it once as `both`. SQLite (--project integration) and PostgreSQL (integration-pg).
import { expect, it } from 'vitest';
import { draft, id } from '../support/fixtures';
import { setupTestServer } from '../support/server';
import type { TOutreachContent } from '../../shared/schemas/outreach-content';
import type { TDraftUpsertInput } from '../../shared/schemas/drafts';

const t = setupTestServer();

function contentOf(d: TDraftUpsertInput, linkedinMessage: string | null): TOutreachContent {
  return {
    recipientName: d.recipient.name,
    recipientEmail: d.recipient.email ?? null,
    recipientLinkedinUrl: d.recipient.linkedinUrl ?? null,
    jobTitle: d.jobTitle ?? null,
    companyName: d.companyName ?? null,
    jobUrl: d.jobUrl ?? null,
    emailSubject: d.emailSubject ?? null,
    emailBody: d.emailBody ?? null,
    linkedinMessage,
  };
}

async function rowsFor(email: string) {
  const page = await t.user.client.history.list.query({ limit: 200 });
  return page.items.filter((r) => r.recipientEmail === email);
}

it('the e-mail half first, then the LinkedIn half: one row turns both; retries change nothing', async () => {
  const input = draft();
  const d = await t.user.client.drafts.upsert.mutate(input);
  const email = d.recipient.email!;
  const sendId = id();
  const before = await t.user.client.stats.get.query();
  const emailHalf = await t.user.client.drafts.send.mutate({
    draftId: d.id,
    sendId,
    email: true,
    linkedinSent: false,
    content: contentOf(input, null),
  });
  expect(emailHalf.channel).toBe('email');
  expect(emailHalf.linkedinMessage).toBeNull();
  expect(t.server.smtp.to(email)).toHaveLength(1);

  const sent = 'Hi Dana, following my e-mail: I am interested in the backend role.';
  const linkedinHalf = {
    draftId: d.id,
    sendId,
    email: true,
    linkedinSent: true,
    content: contentOf(input, sent),
  };
  const both = await t.user.client.drafts.send.mutate(linkedinHalf);
  expect(both.id).toBe(emailHalf.id);
  expect(both.channel).toBe('both');
  expect(both.linkedinMessage).toBe(sent);
  expect(both.emailSubject).toBe(emailHalf.emailSubject);
  // retried (an answer lost on the way back): the same row, nothing mailed or counted again
  expect((await t.user.client.drafts.send.mutate(linkedinHalf)).id).toBe(emailHalf.id);
  expect((await t.user.client.drafts.send.mutate({ ...linkedinHalf, linkedinSent: false })).channel).toBe(
    'both',
  );

  expect(t.server.smtp.to(email)).toHaveLength(1);
  const rows = await rowsFor(email);
  expect(rows.map((r) => [r.id, r.channel])).toEqual([[emailHalf.id, 'both']]);
  const after = await t.user.client.stats.get.query();
  expect(after.totals.all - before.totals.all).toBe(1);
  expect(after.totals.both - before.totals.both).toBe(1);
  expect(after.totals.email - before.totals.email).toBe(0);

  // another browser's pull brings the row as both
  const pull = await t.user.client.sync.pull.query({ clientId: `browser-${id()}`, cookie: null });
  expect(pull.history.find((r) => r.id === emailHalf.id)?.channel).toBe('both');
});

it('the LinkedIn half first (the e-mail half not through yet): it sends the e-mail and records both; the e-mail half then finds that row', async () => {
  const input = draft();
  const d = await t.user.client.drafts.upsert.mutate(input);
  const email = d.recipient.email!;
  const sendId = id();
  const content = contentOf(input, input.linkedinMessage!);
  const both = await t.user.client.drafts.send.mutate({
    draftId: d.id,
    sendId,
    email: true,
    linkedinSent: true,
    content,
  });
  expect(both.channel).toBe('both');
  const emailHalf = await t.user.client.drafts.send.mutate({
    draftId: d.id,
    sendId,
    email: true,
    linkedinSent: false,
    content: { ...content, linkedinMessage: null },
  });
  expect(emailHalf).toMatchObject({ id: both.id, channel: 'both' });
  expect(t.server.smtp.to(email)).toHaveLength(1);
  expect((await rowsFor(email)).map((r) => r.channel)).toEqual(['both']);
});

it('two LinkedIn halves at once complete the row once (counted once as both)', async () => {
  const input = draft();
  const d = await t.user.client.drafts.upsert.mutate(input);
  const sendId = id();
  const content = contentOf(input, null);
  await t.user.client.drafts.send.mutate({
    draftId: d.id,
    sendId,
    email: true,
    linkedinSent: false,
    content,
  });
  const before = await t.user.client.stats.get.query();
  const half = {
    draftId: d.id,
    sendId,
    email: true,
    linkedinSent: true,
    content: { ...content, linkedinMessage: input.linkedinMessage! },
  };
  const answers = await Promise.all([1, 2, 3].map(() => t.user.client.drafts.send.mutate(half)));
  expect(new Set(answers.map((a) => `${a.id}:${a.channel}`)).size).toBe(1);
  const after = await t.user.client.stats.get.query();
  expect(after.totals.both - before.totals.both).toBe(1);
  expect(after.totals.email - before.totals.email).toBe(-1);
  expect(after.totals.all).toBe(before.totals.all);
  expect((await rowsFor(d.recipient.email!)).map((r) => r.channel)).toEqual(['both']);
});

it('a LinkedIn half without a LinkedIn message or profile is refused, and the e-mail row stays', async () => {
  const input = draft();
  const d = await t.user.client.drafts.upsert.mutate(input);
  const sendId = id();
  const content = contentOf(input, null);
  const row = await t.user.client.drafts.send.mutate({
    draftId: d.id,
    sendId,
    email: true,
    linkedinSent: false,
    content,
  });
  await expect(
    t.user.client.drafts.send.mutate({ draftId: d.id, sendId, email: true, linkedinSent: true, content }),
  ).rejects.toThrow(/missing a LinkedIn message/);
  expect((await rowsFor(d.recipient.email!)).map((r) => [r.id, r.channel])).toEqual([[row.id, 'email']]);
});
