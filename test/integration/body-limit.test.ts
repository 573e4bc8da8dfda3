import { request } from 'node:http';
import net from 'node:net';
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
  const res = await post(stream);
  expect(res.status).toBe(413);
  await res.arrayBuffer();
});

/**
 * A client that writes its whole body before reading (as many do) must still read the 413: the
 * server answers at once but closes only once the upload is over, since closing earlier makes
 * the client's kernel answer the rest of the upload with a reset that discards the answer.
 */
function rawUpload(url: string, bytes: number, chunk: number, pauseMs: number): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    let failure = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', (err) => (failure = ` [${err.message}]`));
    socket.on('close', () => resolve(received + failure));
    socket.once('connect', () => {
      socket.write(
        `POST /trpc/outreach.sendEmail HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
          `Authorization: Bearer ${t.user.token}\r\nContent-Length: ${bytes}\r\n\r\n`,
      );
      let sent = 0;
      const next = () => {
        if (socket.destroyed) return;
        if (sent >= bytes) return socket.end();
        const n = Math.min(chunk, bytes - sent);
        sent += n;
        socket.write(Buffer.alloc(n, 0x78), () => setTimeout(next, pauseMs));
      };
      next();
    });
  });
}

it('every client gets the 413, also one that writes a large body slowly before reading', async () => {
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => rawUpload(t.server.url, 3 * MB, 64 * 1024, 5)),
  );
  for (const a of answers) expect(a.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
});

it('fetch gets the 413 every time (30 tries), never a broken pipe', async () => {
  const body = bodyOf(2 * MB);
  const statuses: (number | string)[] = [];
  for (let i = 0; i < 30; i++) {
    const res = await post(body).catch((err: Error) => `${err.message}: ${String(err.cause)}`);
    if (typeof res === 'string') statuses.push(res);
    else {
      statuses.push(res.status);
      await res.arrayBuffer();
    }
  }
  expect(statuses).toEqual(Array(30).fill(413));
});

it('a client that asks first (Expect: 100-continue) gets the 413 without sending the body', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(`${t.server.trpcUrl}/outreach.sendEmail`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(5 * MB),
        Expect: '100-continue',
        Authorization: `Bearer ${t.user.token}`,
      },
    });
    req.on('continue', () => reject(new Error('the server asked for the body it will refuse')));
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', () => undefined);
    req.flushHeaders();
  });
  expect(status).toBe(413);
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
