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

/**
 * Why no Reachlog server answered. Browsers say only "Failed to fetch" for a refused connection,
 * an unknown name and a bad certificate alike ('unreachable'); Node and Firefox sometimes say more.
 */
export type UnreachableReason =
  | 'offline'
  | 'timeout'
  | 'refused'
  | 'reset'
  | 'dns'
  | 'tls'
  | 'server-error'
  | 'not-reachlog'
  | 'unreachable';

/** A call that got no answer from a Reachlog server (thrown by the API client's fetch). */
export class ServerUnreachable extends Error {
  override readonly name = 'ServerUnreachable';
  constructor(
    readonly serverUrl: string,
    readonly reason: UnreachableReason,
    /** the HTTP status of an answer that did not come from Reachlog (a proxy's error page) */
    readonly status: number | null = null,
    options?: ErrorOptions,
  ) {
    super(unreachableWords(serverUrl, reason, status), options);
  }
}

function errorCode(error: unknown): string {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return '';
}

/** What a failed fetch says about the connection (Node's error codes, the timeout signal, the browser's online flag). */
export function unreachableReason(error: unknown): UnreachableReason {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'timeout';
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'offline';
  const code = errorCode(error);
  if (/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/.test(code)) return 'dns';
  if (/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH)$/.test(code)) return 'refused';
  if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/.test(code)) return 'reset';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return 'tls';
  if (/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT)$/.test(code)) return 'timeout';
  return 'unreachable';
}

function unreachableWords(serverUrl: string, reason: UnreachableReason, status: number | null): string {
  const at = serverUrl
    ? `Can't reach the Reachlog server at ${serverUrl}`
    : "Can't reach the Reachlog server";
  switch (reason) {
    case 'offline':
      return `${at}: this computer is offline.`;
    case 'timeout':
      return `${at}: it did not answer in time.`;
    case 'refused':
      return `${at}: nothing answers there (the server may be stopped or restarting).`;
    case 'reset':
      return `${at}: the connection broke before its answer arrived.`;
    case 'dns':
      return `${at}: the name ${hostOf(serverUrl)} was not found (check the address and your connection).`;
    case 'tls':
      return `${at}: its secure connection failed (its certificate is not trusted or not for this address).`;
    case 'server-error':
      return `${at}: it answered with an error page${status ? ` (HTTP ${status})` : ''}, so it may be restarting or down behind its proxy.`;
    case 'not-reachlog':
      return `Something answered at ${serverUrl || 'the server address'}, but it is not a Reachlog server (check the address).`;
    default:
      return `${at}.`;
  }
}

function hostOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).hostname;
  } catch {
    return serverUrl;
  }
}

/** The ServerUnreachable inside an error (tRPC wraps what the fetch threw). */
function unreachableIn(error: unknown): ServerUnreachable | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ServerUnreachable) return e;
  }
  return null;
}

export function classifyError(error: unknown): ApiErrorInfo {
  const unreachable = unreachableIn(error);
  if (unreachable) return { kind: 'network', code: null, message: unreachable.message };
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: unknown } | undefined;
    const code = typeof data?.code === 'string' ? data.code : null;
    if (!code) {
      return { kind: 'network', code: null, message: unreachableWords('', unreachableReason(error), null) };
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
    return { kind: 'network', code: null, message: unreachableWords('', unreachableReason(error), null) };
  }
  return { kind: 'failed', code: null, message: error instanceof Error ? error.message : String(error) };
}

/** What the user was doing when a call failed: it decides what happens next. */
export type UserAction =
  'send-email' | 'record-linkedin' | 'send-both' | 'sync' | 'sign-in' | 'account' | 'save' | 'check' | 'load';

/** What happens next when the server cannot be reached, per action. */
const WHEN_UNREACHABLE: Record<UserAction, string> = {
  'send-email': "the e-mail will go out when it's back.",
  'record-linkedin': "the LinkedIn message will be recorded when it's back.",
  'send-both': "the message will go out when it's back.",
  sync: "your changes are kept on this computer and sync when it's back.",
  'sign-in': 'check the address and that the server is running, then try again.',
  account: 'nothing was changed; try again in a moment.',
  save: "nothing was changed; try again when it's back.",
  check: "showing what this browser knows until it's back.",
  load: "try again when it's back.",
};

/**
 * Any failed call in the words the user sees: what is wrong and what happens next, e.g.
 * "Can't reach the Reachlog server at https://… — the e-mail will go out when it's back."
 * Every place an error reaches the user goes through here (the outbox rows, the sync status,
 * the background's answers to the views); the kind tells the caller what to do.
 */
export function explainError(error: unknown, action: UserAction): ApiErrorInfo {
  const info = classifyError(error);
  if (info.kind === 'network') {
    return { ...info, message: `${info.message.replace(/\.$/, '')} — ${WHEN_UNREACHABLE[action]}` };
  }
  if (info.code === 'INTERNAL_SERVER_ERROR') {
    return {
      ...info,
      message: `The Reachlog server ran into an error (${info.message.replace(/\.$/, '') || 'no details'}). ${
        action === 'sync'
          ? 'Your changes are kept on this computer; it tries again by itself.'
          : 'Nothing was lost; try again in a moment.'
      }`,
    };
  }
  return info;
}
