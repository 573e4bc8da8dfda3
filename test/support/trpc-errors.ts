// Reading failures from the typed client: the tRPC code, and the zod issues the server puts
// into `error.data` for BAD_REQUEST.
import { TRPCClientError } from '@trpc/client';

export interface CallError {
  code: string | undefined;
  httpStatus: number | undefined;
  message: string;
  data: Record<string, unknown>;
  error: TRPCClientError<never>;
}

/** Awaits a call that must fail with a tRPC error and describes it. */
export async function failure(call: Promise<unknown>): Promise<CallError> {
  let result: unknown;
  try {
    result = await call;
  } catch (err) {
    if (!(err instanceof TRPCClientError)) throw err;
    const data = (err.data ?? {}) as Record<string, unknown>;
    return {
      code: typeof data.code === 'string' ? data.code : undefined,
      httpStatus: typeof data.httpStatus === 'number' ? data.httpStatus : undefined,
      message: err.message,
      data,
      error: err as TRPCClientError<never>,
    };
  }
  throw new Error(`Expected the call to fail, but it returned ${JSON.stringify(result)?.slice(0, 300)}`);
}

export async function errorCode(call: Promise<unknown>): Promise<string | undefined> {
  return (await failure(call)).code;
}

interface Issue {
  path: (string | number)[];
  message: string;
}

function isIssueList(v: unknown): v is Issue[] {
  return (
    Array.isArray(v) &&
    v.every(
      (i) =>
        i &&
        typeof i === 'object' &&
        Array.isArray((i as Issue).path) &&
        typeof (i as Issue).message === 'string',
    )
  );
}

/** The zod issues in `error.data` (as `issues`, or `zodError` as a list, `{ issues }` or a flattened error). */
export function zodIssues(data: Record<string, unknown>): Issue[] {
  for (const key of ['issues', 'zodError', 'zod']) {
    const v = data[key];
    if (isIssueList(v) && v.length) return v;
    if (v && typeof v === 'object') {
      const inner = (v as { issues?: unknown }).issues;
      if (isIssueList(inner) && inner.length) return inner;
      const flat = v as { fieldErrors?: Record<string, string[]>; formErrors?: string[] };
      if (flat.fieldErrors || flat.formErrors) {
        return [
          ...Object.entries(flat.fieldErrors ?? {}).flatMap(([k, msgs]) =>
            (msgs ?? []).map((message) => ({ path: k.split('.'), message })),
          ),
          ...(flat.formErrors ?? []).map((message) => ({ path: [], message })),
        ];
      }
    }
  }
  return [];
}

/** Dotted paths of the zod issues, e.g. `recipient.email`. */
export function issuePaths(data: Record<string, unknown>): string[] {
  return zodIssues(data).map((i) => i.path.join('.'));
}
