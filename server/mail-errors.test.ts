// A relay that cannot be reached must not show users its internal address or the socket error:
// they get one plain sentence, and the log gets the details with the request id.
import { Writable } from 'node:stream';
import pino from 'pino';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appRouter } from './routers/_app';
import { contextForUser } from './context';
import { newUser, tempServices, type TempServices } from './testing/temp-services';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const l of chunk.toString().split('\n').filter(Boolean))
      lines.push(JSON.parse(l) as Record<string, unknown>);
    done();
  },
});
let t: TempServices;
beforeAll(async () => {
  // Port 1 on loopback: nothing listens, the connection is refused.
  t = await tempServices({ smtpUrl: 'smtp://127.0.0.1:1', log: pino({ level: 'info' }, sink) });
}, 60_000);
afterAll(async () => {
  await t.close();
}, 60_000);

it('relay unreachable: "Could not reach the mail server" (temporary) to the user, ECONNREFUSED in the log with the request id', async () => {
  const user = await newUser(t.services);
  const ctx = {
    ...contextForUser(t.services, user),
    requestId: 'req-relay-1',
    log: t.services.log.child({ reqId: 'req-relay-1' }),
  };
  const caller = appRouter.createCaller(ctx);
  const err = await caller.outreach
    .sendEmail({
      sendId: 'relay-down-1',
      recipient: { name: 'R', email: 'r@corp.example' },
      subject: 'S',
      body: 'B',
    })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TRPCError);
  expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'Could not reach the mail server' });
  const [row] = await t.services.history.latest(user.id);
  expect(row).toMatchObject({ status: 'failed', error: 'Could not reach the mail server' });

  const smtpTest = await caller.smtp.test({}).catch((e: unknown) => e);
  expect(smtpTest).toMatchObject({ code: 'BAD_GATEWAY', message: 'Could not reach the mail server' });

  const logged = lines.filter((l) => l.reqId === 'req-relay-1');
  expect(logged.length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
}, 30_000);
