import { request } from 'node:http';
import { expect, it } from 'vitest';
import { emailSend } from '../support/fixtures';
import { setupTestServer } from '../support/server';

const t = setupTestServer();

const MB = 1024 * 1024;
const bodyOf = (bytes: number) => JSON.stringify({ json: emailSend({ body: 'x'.repeat(bytes) }) });
const post = (body: string | ReadableStream<Uint8Array>, token = t.user.token) =>
  fetch(`${t.server.trpcUrl}/outreach.sendEmail`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);

it('refuses a body over 1 MB with HTTP 413', async () => {
  const res = await post(bodyOf(1.2 * MB));
  expect(res.status).toBe(413);
  await res.arrayBuffer();
});

it('refuses an over-long chunked body (no Content-Length) with 413 too', async () => {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= 2 * MB) return controller.close();
      sent += chunk.length;
      controller.enqueue(sent === chunk.length ? new TextEncoder().encode('{"json":{"body":"') : chunk);
    },
  });
  const res = await post(stream).catch((err: Error) => err);
  // The server may answer 413 and close before the upload ends; either way nothing is accepted.
  if (res instanceof Error) expect(res.message).toMatch(/fetch failed|socket|reset|closed/i);
  else expect(res.status).toBe(413);
});

it('refuses a lying Content-Length with 413 before reading it', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(`${t.server.trpcUrl}/outreach.sendEmail`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(50 * MB),
        Authorization: `Bearer ${t.user.token}`,
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.setTimeout(5000, () =>
      reject(new Error('no answer within 5 s: the server waits for the 50 MB it was promised')),
    );
    req.write('{"json":');
  }).finally(() => undefined);
  expect(status).toBe(413);
});

it('a body under the limit is read (and then judged on its content)', async () => {
  const res = await post(bodyOf(0.9 * MB));
  // 0.9 MB of body text exceeds the 100,000-character field limit: a validation error, not 413.
  expect(res.status).toBe(400);
  const ok = await post(bodyOf(50_000));
  expect(ok.status).toBe(200);
});

it('nothing from the refused bodies was sent or recorded', async () => {
  expect(t.server.smtp.messages).toHaveLength(1);
  expect(await t.user.client.history.latest.query()).toHaveLength(1);
});
