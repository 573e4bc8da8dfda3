import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft, emailSend, id, linkedinSend, profileUrl } from '../support/fixtures';
import { startTestServer, type Client, type TestServer } from '../support/server';
import { failure } from '../support/trpc-errors';

let server: TestServer;
let signedOutToken: string;
beforeAll(async () => {
  server = await startTestServer();
  const user = await server.signUpUser();
  signedOutToken = user.token;
  await user.client.auth.signOut.mutate();
});
afterAll(async () => {
  await server?.close();
});

// Every procedure except signUp/signIn, each with valid input so only the missing session is wrong.
const procedures: [string, (c: Client) => Promise<unknown>][] = [
  ['auth.signOut', (c) => c.auth.signOut.mutate()],
  ['auth.me', (c) => c.auth.me.query()],
  ['outreach.sendEmail', (c) => c.outreach.sendEmail.mutate(emailSend())],
  ['outreach.recordLinkedIn', (c) => c.outreach.recordLinkedIn.mutate(linkedinSend())],
  ['drafts.upsert', (c) => c.drafts.upsert.mutate(draft())],
  ['drafts.delete', (c) => c.drafts.delete.mutate({ id: id() })],
  ['drafts.list', (c) => c.drafts.list.query()],
  [
    'drafts.send',
    (c) => c.drafts.send.mutate({ draftId: id(), sendId: id(), email: true, linkedinSent: false }),
  ],
  ['history.latest', (c) => c.history.latest.query()],
  ['history.list', (c) => c.history.list.query({})],
  ['history.forRecipient', (c) => c.history.forRecipient.query({ linkedinUrl: profileUrl() })],
  ['stats.get', (c) => c.stats.get.query()],
  ['smtp.get', (c) => c.smtp.get.query()],
  [
    'smtp.set',
    (c) => c.smtp.set.mutate({ host: '127.0.0.1', port: 2525, secure: false, fromAddress: 'me@example.com' }),
  ],
  ['smtp.clear', (c) => c.smtp.clear.mutate()],
  ['smtp.test', (c) => c.smtp.test.mutate({ to: 'me@example.com' })],
];

describe.each([
  ['no token', () => server.client()],
  ['a made-up token', () => server.client('made-up-token-0123456789')],
  ['a signed-out token', () => server.client(signedOutToken)],
])('with %s', (_label, makeClient) => {
  it.each(procedures)('%s → UNAUTHORIZED', async (_name, call) => {
    const err = await failure(call(makeClient()));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.httpStatus).toBe(401);
  });
});

it('nothing was sent or recorded by the refused calls', () => {
  expect(server.smtp.messages).toEqual([]);
});

it('signUp and signIn work without a token', async () => {
  const user = await server.signUpUser();
  await expect(
    server.client().auth.signIn.mutate({ email: user.email, password: user.password }),
  ).resolves.toMatchObject({ user: user.user });
});
