import { TRPCClientError } from '@trpc/client';

/**
 * What a failed call means for the caller:
 * - 'network': the server was not reached or did not answer as a tRPC server (offline, down,
 *   proxy page, timeout) — try again later, nothing was decided;
 * - 'unauthorized': the session is missing or no longer valid — sign in again;
 * - 'retryable': the server is busy or still working on the same send (CONFLICT, TOO_MANY_REQUESTS)
 * - 'rejected': the server refused for a reason that will not fix itself (bad input, not found,
 *   precondition) — show the message;
 * - 'failed': the server tried and failed (SMTP refused, internal error) — show it; the user may retry.
 */
export type ApiErrorKind = 'network' | 'unauthorized' | 'retryable' | 'rejected' | 'failed';

export interface ApiErrorInfo {
  kind: ApiErrorKind;
  /** the tRPC code when the server answered */
  code: string | null;
  message: string;
}

const REJECTED = new Set([
  'BAD_REQUEST',
  'PARSE_ERROR',
  'NOT_FOUND',
  'PRECONDITION_FAILED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'UNPROCESSABLE_CONTENT',
  'METHOD_NOT_SUPPORTED',
  'NOT_IMPLEMENTED',
  'UNSUPPORTED_MEDIA_TYPE',
]);
const RETRYABLE = new Set([
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'GATEWAY_TIMEOUT',
  'CLIENT_CLOSED_REQUEST',
]);

interface Issue {
  path?: unknown;
  message?: unknown;
}

export function issuesText(issues: Issue[]): string | null {
  const parts = issues
    .filter((i) => typeof i.message === 'string')
    .map((i) => {
      const path = Array.isArray(i.path) && i.path.length ? `${i.path.join('.')}: ` : '';
      return `${path}${String(i.message)}`;
    });
  return parts.length ? parts.join('; ') : null;
}

/** Zod issues, in whichever shape the server sent them, as one readable line. */
export function readableZodMessage(data: unknown, message: string): string | null {
  const d = (data ?? {}) as Record<string, unknown>;
  // full paths ("recipient.email") when the server sends the issues themselves
  if (Array.isArray(d.issues)) {
    const text = issuesText(d.issues as Issue[]);
    if (text) return text;
  }
  const zod = (d.zodError ?? d.zod ?? null) as
    { formErrors?: unknown; fieldErrors?: unknown } | Issue[] | null;
  if (Array.isArray(zod)) return issuesText(zod);
  if (zod && typeof zod === 'object') {
    const form = Array.isArray(zod.formErrors) ? (zod.formErrors as unknown[]).map(String) : [];
    const fields = Object.entries((zod.fieldErrors ?? {}) as Record<string, unknown>).flatMap(
      ([field, msgs]) => (Array.isArray(msgs) ? msgs.map((m) => `${field}: ${String(m)}`) : []),
    );
    const all = [...form, ...fields];
    if (all.length) return all.join('; ');
  }
  // tRPC's default: the ZodError's message is the JSON of its issues
  if (message.trimStart().startsWith('[')) {
    try {
      const parsed = JSON.parse(message) as unknown;
      if (Array.isArray(parsed)) return issuesText(parsed as Issue[]);
    } catch {
      // not JSON after all: use the message as it is
    }
  }
  return null;
}

export function classifyError(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: unknown } | undefined;
    const code = typeof data?.code === 'string' ? data.code : null;
    if (!code) {
      return {
        kind: 'network',
        code: null,
        message: `The server could not be reached (${error.message || 'no answer'}).`,
      };
    }
    const message = readableZodMessage(error.data, error.message) ?? error.message;
    if (code === 'UNAUTHORIZED')
      return { kind: 'unauthorized', code, message: message || 'Please sign in again.' };
    if (RETRYABLE.has(code)) return { kind: 'retryable', code, message };
    if (REJECTED.has(code)) return { kind: 'rejected', code, message };
    return { kind: 'failed', code, message };
  }
  if (
    error instanceof TypeError ||
    (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError'))
  ) {
    return { kind: 'network', code: null, message: `The server could not be reached (${error.message}).` };
  }
  return { kind: 'failed', code: null, message: error instanceof Error ? error.message : String(error) };
}
