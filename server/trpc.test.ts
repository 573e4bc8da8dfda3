// The error boundary and formatter, through the real router called in-process.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './routers/_app';
import { contextForUser } from './context';
import { newUser, tempServices, type TempServices } from './testing/temp-services';
import type { TUser } from '../shared/schemas/auth';

let t: TempServices;
let user: TUser;
beforeAll(async () => {
  t = await tempServices();
  user = await newUser(t.services);
}, 60_000);
afterAll(async () => {
  await t.close();
}, 60_000);

async function trpcError(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected a TRPCError');
}

describe('tRPC error handling', { timeout: 60_000 }, () => {
  it('maps AppError codes to tRPC codes with the service message', async () => {
    const caller = appRouter.createCaller(contextForUser(t.services, user));
    const err = await trpcError(caller.drafts.delete({ id: 'missing-draft-1' }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('Draft not found');
  });

  it('invalid input is BAD_REQUEST with the zod issues as cause', async () => {
    const caller = appRouter.createCaller(contextForUser(t.services, user));
    const err = await trpcError(
      caller.outreach.sendEmail({
        sendId: 'bad-input-1',
        recipient: { name: 'X', email: 'x@y.example' },
        subject: 'Hi\r\nBcc: victim@example.com',
        body: 'b',
      }),
    );
    expect(err.code).toBe('BAD_REQUEST');
    expect(JSON.stringify((err.cause as { issues?: unknown })?.issues)).toContain(
      'Must not contain line breaks',
    );
  });

  it('without a user: UNAUTHORIZED', async () => {
    const caller = appRouter.createCaller({
      ...contextForUser(t.services, user),
      token: null,
      getUser: async () => null,
    });
    expect((await trpcError(caller.history.latest())).code).toBe('UNAUTHORIZED');
  });

  it('an unexpected failure is INTERNAL_SERVER_ERROR with the request id and no internals', async () => {
    const broken = {
      ...t.services,
      history: {
        ...t.services.history,
        latest: async () => Promise.reject(new Error('SQLITE_CORRUPT: secret detail')),
      },
    };
    const ctx = {
      ...contextForUser(t.services, user),
      services: broken as typeof t.services,
      requestId: 'req-test-123',
    };
    const err = await trpcError(appRouter.createCaller(ctx).history.latest());
    expect(err.code).toBe('INTERNAL_SERVER_ERROR');
    expect(err.message).toBe('Something went wrong on the server (request id req-test-123)');
    expect(err.message).not.toContain('secret detail');
  });
});
