import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkedinSend } from '../support/fixtures';
import { startTestServer, type TestServer, type TestUser } from '../support/server';
import type { THistoryRow } from '../../shared/schemas/history';

let server: TestServer;
let user: TestUser;
const created: THistoryRow[] = [];

beforeAll(async () => {
  server = await startTestServer();
  user = await server.signUpUser();
  for (let i = 0; i < 25; i++) {
    created.push(
      await user.client.outreach.recordLinkedIn.mutate(
        linkedinSend({
          recipient: { name: `Person ${i}`, linkedinUrl: `https://www.linkedin.com/in/person-${i}/` },
        }),
      ),
    );
  }
});
afterAll(async () => {
  await server?.close();
});

it('returns exactly the 20 newest of 25, newest first', async () => {
  const latest = await user.client.history.latest.query();
  expect(latest).toHaveLength(20);
  expect(latest).toEqual(created.slice(5).reverse());
});

it('honours limit', async () => {
  expect(await user.client.history.latest.query({ limit: 3 })).toEqual(created.slice(22).reverse());
  expect(await user.client.history.latest.query({ limit: 100 })).toEqual([...created].reverse());
});

it('is what stats.get shows as latest', async () => {
  const stats = await user.client.stats.get.query();
  expect(stats.latest).toEqual(created.slice(5).reverse());
});
