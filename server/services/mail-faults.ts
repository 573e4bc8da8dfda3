// What a failed send means for whoever retries it: temporary (the mail server or the way to it
// may work later: the extension's outbox tries again with backoff) or permanent (the same send
// would fail the same way: the user must act). SMTP says which in its reply codes (RFC 5321:
// 4yz transient, 5yz permanent); a server that cannot be reached, or stops answering, is
// temporary; a refused login or an untrusted certificate is permanent.
import { describeMailError, type MailRoute } from './mailer';

export interface MailFault {
  temporary: boolean;
  /** For the user and the history row: plain words, no stack, no credentials. */
  message: string;
}

/** Errors from the SMTP conversation itself, whose reply may be quoted (see describeMailError). */
const PROTOCOL_ERRORS = new Set(['EENVELOPE', 'EMESSAGE']);
const MAX_REPLY_CHARS = 300;
/** A certificate that does not check out: a setting to fix, not a passing fault. */
const TLS_TRUST_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|ALTNAME/;

export function mailFault(err: unknown, route: Pick<MailRoute, 'target'>, timeoutMs: number): MailFault {
  const e = (err ?? {}) as {
    code?: unknown;
    name?: unknown;
    responseCode?: unknown;
    response?: unknown;
    originalCode?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : '';
  const status = typeof e.responseCode === 'number' ? e.responseCode : 0;
  const reply = typeof e.response === 'string' ? e.response.replace(/\s+/g, ' ').trim() : '';

  // nodemailer's timeouts (connect, greeting, silence) and the whole send's deadline
  if (code === 'ETIMEDOUT' || code === 'EABORT' || e.name === 'AbortError') {
    return {
      temporary: true,
      message: `The mail server stopped answering (the send was given up after at most ${Math.round(timeoutMs / 1000)} s)`,
    };
  }
  if (status >= 400 && status < 500) {
    return {
      temporary: true,
      message:
        PROTOCOL_ERRORS.has(code) && reply
          ? `The mail server asked to try again later: ${reply.slice(0, MAX_REPLY_CHARS)}`
          : describeMailError(err, route),
    };
  }
  // 503 is "bad sequence of commands": the session, not the message, was refused
  if (status >= 500 && status !== 503) return { temporary: false, message: describeMailError(err, route) };
  if (code === 'EAUTH' || code === 'ETLS' || code === 'EENVELOPE' || code === 'EMESSAGE') {
    return { temporary: false, message: describeMailError(err, route) };
  }
  if (typeof e.originalCode === 'string' && TLS_TRUST_ERRORS.test(e.originalCode)) {
    return { temporary: false, message: describeMailError(err, route) };
  }
  // refused, reset, closed, DNS: the way to the mail server, which may come back
  return { temporary: true, message: describeMailError(err, route) };
}
