// A real SMTP server on loopback for tests: records every message, can be told to refuse.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from './tls-smtp-server';

export interface SinkMessage {
  from: string;
  to: string[];
  raw: string;
  /** The AUTH user name the client logged in with, if any. */
  user: string | null;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: SinkMessage[];
  /** While set, DATA is answered with this 5xx error. */
  refuseWith: string | null;
  /** Runs after a message is received, before the server answers (e.g. to hold a send in flight). */
  beforeReply: (() => Promise<void>) | null;
  /** Every AUTH attempt: user name and password as received. */
  logins: { username: string; password: string }[];
  close(): Promise<void>;
}

/**
 * `tls`: offer STARTTLS with this certificate (needed for logins: Reachlog sends a password only
 * over TLS); without it the sink speaks plain SMTP (the relay in most tests).
 */
export async function startSmtpSink(opts: { tls?: TestCertificate } = {}): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    port: 0,
    messages: [],
    refuseWith: null,
    beforeReply: null,
    logins: [],
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    ...(opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : { disabledCommands: ['STARTTLS'] }),
    logger: false,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      sink.logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username ?? '' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        await sink.beforeReply?.();
        if (sink.refuseWith) {
          const err = Object.assign(new Error(sink.refuseWith), { responseCode: 550 });
          callback(err);
          return;
        }
        sink.messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  sink.port = port;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
