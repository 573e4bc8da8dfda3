import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { draft, emailSend, id } from '../support/fixtures';
import { startTestServer, type TestServer, type TestUser } from '../support/server';
import { failure } from '../support/trpc-errors';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  server.smtp.setMode('accept');
  await server.smtp.start();
});
afterAll(async () => {
  await server?.close();
});

describe.each([
  [
    'rejects mail',
    async (s: TestServer) => s.smtp.setMode('reject'),
    async (s: TestServer) => s.smtp.setMode('accept'),
  ],
  ['is not listening', (s: TestServer) => s.smtp.stop(), (s: TestServer) => s.smtp.start()],
])('when the SMTP relay %s', (_label, down, up) => {
  let user: TestUser;
  beforeAll(async () => {
    user = await server.signUpUser();
  });

  it('the call fails clearly, the row is kept as failed with the error; a retry with the same sendId sends once and turns it sent', async () => {
    const input = emailSend();
    await down(server);
    const err = await failure(user.client.outreach.sendEmail.mutate(input));
    expect(err.message.length).toBeGreaterThan(5);
    expect(err.code).not.toBe('BAD_REQUEST');
    expect(server.smtp.to(input.recipient.email)).toHaveLength(0);

    const [failed] = await user.client.history.forRecipient.query({ email: input.recipient.email });
    expect(failed).toMatchObject({
      status: 'failed',
      channel: 'email',
      emailSubject: input.subject,
      emailBody: input.body,
    });
    expect(failed!.error).toEqual(expect.any(String));
    expect(failed!.error!.length).toBeGreaterThan(3);
    expect((await user.client.history.latest.query())[0]).toEqual(failed);
    const statsDown = await user.client.stats.get.query();

    // Retrying while still down keeps one failed row.
    await failure(user.client.outreach.sendEmail.mutate(input));
    expect(await user.client.history.forRecipient.query({ email: input.recipient.email })).toHaveLength(1);

    await up(server);
    const sent = await user.client.outreach.sendEmail.mutate(input);
    expect(sent).toMatchObject({ id: failed!.id, status: 'sent', error: null, channel: 'email' });
    expect(server.smtp.to(input.recipient.email)).toHaveLength(1);
    expect(await user.client.history.forRecipient.query({ email: input.recipient.email })).toEqual([sent]);

    const stats = await user.client.stats.get.query();
    expect(stats.totals.all).toBe(statsDown.totals.all + 1);
    expect(stats.totals.email).toBe(statsDown.totals.email + 1);

    // And a further retry changes nothing.
    expect(await user.client.outreach.sendEmail.mutate(input)).toEqual(sent);
    expect(server.smtp.to(input.recipient.email)).toHaveLength(1);
    expect((await user.client.stats.get.query()).totals).toEqual(stats.totals);
  });

  it('drafts.send: the draft stays a draft while sending fails, and becomes sent on the retry', async () => {
    const d = draft();
    await user.client.drafts.upsert.mutate(d);
    const sendId = id();
    await down(server);
    await failure(user.client.drafts.send.mutate({ draftId: d.id, sendId, email: true, linkedinSent: true }));
    expect((await user.client.drafts.list.query()).find((x) => x.id === d.id)?.status).toBe('draft');
    const [failed] = await user.client.history.forRecipient.query({ email: d.recipient.email! });
    expect(failed).toMatchObject({ status: 'failed', draftId: d.id });

    await up(server);
    const row = await user.client.drafts.send.mutate({
      draftId: d.id,
      sendId,
      email: true,
      linkedinSent: true,
    });
    expect(row).toMatchObject({ id: failed!.id, status: 'sent', channel: 'both', error: null });
    expect((await user.client.drafts.list.query()).find((x) => x.id === d.id)?.status).toBe('sent');
    expect(server.smtp.to(d.recipient.email!)).toHaveLength(1);
  });
});
