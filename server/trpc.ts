// The one initTRPC of the server: transformer, error shape, and the procedures every router uses.
import { getTRPCErrorFromUnknown, initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { TUser } from '../shared/schemas/auth';
import { AppError, type AppErrorCode } from './errors';
import type { Context } from './context';
import { transformer } from './transformer';

/** The only mapping from service errors to tRPC (and so HTTP) codes. */
const TRPC_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  BAD_GATEWAY: 'BAD_GATEWAY',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

const t = initTRPC.context<Context>().create({
  // superjson, with a quicker writer for plain answers (same output: transformer.ts)
  transformer,
  // Never send stacks to clients, whatever NODE_ENV says.
  isDev: false,
  // sync.poke streams: a ping keeps proxies from closing an idle stream, and a client that
  // hears nothing (not even a ping) for 25 s reconnects — a half-dead connection is noticed.
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      // A readable summary instead of the raw issue dump; the issues themselves are in data.
      message: zod
        ? `Invalid input: ${zod.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`
        : shape.message,
      data: {
        ...shape.data,
        zodError: zod ? z.flattenError(zod) : null,
        issues: zod
          ? zod.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code }))
          : null,
      },
    };
  },
});

/**
 * The error a client gets: service errors become their tRPC codes, unexpected ones are logged
 * and hidden behind a request id; anything else as it is.
 */
function clientError(err: TRPCError, ctx: Context, path: string, type: string): TRPCError {
  const cause = err.cause;
  if (cause instanceof AppError) {
    if (cause.code === 'INTERNAL' || cause.code === 'BAD_GATEWAY' || cause.code === 'SERVICE_UNAVAILABLE') {
      ctx.log.warn({ path, type, code: cause.code, err: cause.cause ?? cause }, cause.message);
    }
    return new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  if (err.code === 'INTERNAL_SERVER_ERROR') {
    ctx.log.error({ path, type, err: cause ?? err }, 'unexpected error');
    return new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: `Something went wrong on the server (request id ${ctx.requestId})`,
    });
  }
  return err;
}

/** True when a string (value or key) anywhere in the input holds a NUL character. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => holdsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || holdsNul(v, depth + 1));
}

/**
 * No text with NUL characters, in any procedure: PostgreSQL cannot store them (a 500 found by
 * the fuzz test), and no real name, message or search has one. Checked on the raw input, before
 * the procedure's schema, so a procedure added later is covered too.
 */
async function refuseNul(getRawInput: () => Promise<unknown>): Promise<void> {
  if (holdsNul(await getRawInput())) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Invalid input: text must not contain NUL characters',
    });
  }
}

/** A live session's user, or UNAUTHORIZED. */
async function requireUser(ctx: Context): Promise<TUser> {
  const user: TUser | null = await ctx.getUser();
  if (!user) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: ctx.token ? 'Your session has ended; sign in again' : 'Sign in first',
    });
  }
  return user;
}

// The checks every procedure runs, as ONE middleware per procedure kind: each tRPC middleware
// level costs object spreads and an async hop on every call (a tenth of a recorded send's CPU
// with three levels, docs/benchmarks.md). Errors thrown by the checks and by the procedure go
// through the same clientError.

/** The procedure's result, its error (if any) as clients should see it. */
function asClientSees<R extends { ok: true } | { ok: false; error: TRPCError }>(
  result: R,
  ctx: Context,
  path: string,
  type: string,
): R {
  if (result.ok) return result;
  const shown = clientError(result.error, ctx, path, type);
  if (shown === result.error) return result;
  throw shown;
}

/** NUL check, then the procedure; errors as clients should see them. */
const guarded = t.middleware(async ({ ctx, next, path, type, getRawInput }) => {
  let result: Awaited<ReturnType<typeof next>>;
  try {
    await refuseNul(getRawInput);
    result = await next();
  } catch (err) {
    throw clientError(getTRPCErrorFromUnknown(err), ctx, path, type);
  }
  return asClientSees(result, ctx, path, type);
});

/** NUL check, a live session (narrows ctx to `{ user }`), then the procedure. */
const guardedAuthed = t.middleware(async ({ ctx, next, path, type, getRawInput }) => {
  let result: Awaited<ReturnType<typeof next<{ user: TUser; token: string }>>>;
  try {
    await refuseNul(getRawInput);
    const user = await requireUser(ctx);
    // Only the new keys: tRPC merges them into ctx itself (one copy of ctx per call, not two).
    result = await next({ ctx: { user, token: ctx.token ?? '' } });
  } catch (err) {
    throw clientError(getTRPCErrorFromUnknown(err), ctx, path, type);
  }
  return asClientSees(result, ctx, path, type);
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(guarded);

/** Requires `Authorization: Bearer <token>` of a live session; narrows ctx to `{ user }`. */
export const authedProcedure = t.procedure.use(guardedAuthed);
