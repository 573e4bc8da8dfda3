// drafts.send with both channels is one send action, so one row: when the e-mail fails the row is
// `failed` (channel both); a retry with the same sendId sends the e-mail and the row turns `sent`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { draft, id } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { failure } from '../support/trpc-errors';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

it('e-mail fails: one failed `both` row; the retry sends once and turns the same row sent', async () => {
  const user = await server.signUpUser();
  const input = draft();
  await user.client.drafts.upsert.mutate(input);
  const send = { draftId: input.id, sendId: id(), email: true, linkedinSent: true };

  server.smtp.setMode('reject'); // 451: a temporary refusal, which the client retries
  const err = await failure(user.client.drafts.send.mutate(send));
  expect(err.code).toBe('SERVICE_UNAVAILABLE');
  const [failed, ...rest] = await user.client.history.latest.query();
  expect(rest).toEqual([]);
  expect(failed).toMatchObject({ channel: 'both', status: 'failed', draftId: input.id });
  expect((await user.client.stats.get.query()).totals.all).toBe(0);

  server.smtp.setMode('accept');
  const sent = await user.client.drafts.send.mutate(send);
  expect(sent).toMatchObject({ id: failed!.id, channel: 'both', status: 'sent', error: null });
  expect(server.smtp.to(input.recipient.email!)).toHaveLength(1);
  expect(await user.client.history.latest.query()).toEqual([sent]);
  expect((await user.client.stats.get.query()).totals).toMatchObject({ all: 1, both: 1 });
});
