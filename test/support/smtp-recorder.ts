// A real SMTP server on loopback that records every message it accepts, for tests and
// benchmarks. It can refuse mail (as a relay that is down or rejecting) and be stopped and
// started again on the same port, so a server configured with its URL keeps pointing at it.
import { simpleParser, type AddressObject } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { TestCertificate } from '../../server/testing/tls-smtp-server';

export interface RecordedMessage {
  envelope: { from: string | null; to: string[] };
  /** Whether (and as whom) the client authenticated. */
  authUser: string | null;
  raw: string;
  subject: string;
  text: string;
  /** Header addresses, lower-cased bare addresses. */
  from: string[];
  to: string[];
  fromName: string | null;
  headers: Map<string, unknown>;
}

export type SmtpMode = 'accept' | 'reject';

export interface SmtpRecorder {
  /** `smtp://user:pass@127.0.0.1:<port>`, for SMTP_URL. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly messages: RecordedMessage[];
  /** Messages to this recipient. */
  to(address: string): RecordedMessage[];
  /** 'reject': every MAIL FROM gets `451 4.3.0 Mail service unavailable (test)`. */
  setMode(mode: SmtpMode): void;
  /** Closes the port (connections are refused) until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

export const SMTP_TEST_USER = 'relay';
export const SMTP_TEST_PASSWORD = 'relay-secret';

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/**
 * `tls`: offer STARTTLS with this certificate (a user's own server with a login: Reachlog sends
 * a password only over TLS); without it, plain SMTP (the relay).
 */
export async function startSmtpRecorder(opts: { tls?: TestCertificate } = {}): Promise<SmtpRecorder> {
  const messages: RecordedMessage[] = [];
  let mode: SmtpMode = 'accept';
  let port = 0;
  let server: SMTPServer | null = null;

  const make = () =>
    new SMTPServer({
      authOptional: true,
      // The relay: plain connections on loopback, no certificate to manage.
      ...(opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : { disabledCommands: ['STARTTLS'] }),
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 50,
      size: 30 * 1024 * 1024,
      onAuth(auth, _session, callback) {
        if (auth.username === SMTP_TEST_USER && auth.password === SMTP_TEST_PASSWORD) {
          callback(null, { user: auth.username });
        } else {
          callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        }
      },
      onMailFrom(_address: SMTPServerAddress, _session, callback) {
        if (mode === 'reject') {
          callback(Object.assign(new Error('Mail service unavailable (test)'), { responseCode: 451 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          // Record before answering 250, so a client that got its answer finds the message here.
          simpleParser(raw)
            .then((parsed) => {
              const fromField = Array.isArray(parsed.from) ? parsed.from[0] : parsed.from;
              messages.push({
                envelope: {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : null,
                  to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
                },
                authUser: (session.user as string | undefined) ?? null,
                raw,
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                from: addresses(parsed.from),
                to: addresses(parsed.to),
                fromName: fromField?.value[0]?.name || null,
                headers: parsed.headers,
              });
              callback();
            })
            .catch((err: Error) => callback(err));
        });
      },
    });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = make();
      s.on('error', () => {});
      s.server.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.server.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
    });

  await listen();

  return {
    get url() {
      return `smtp://${SMTP_TEST_USER}:${SMTP_TEST_PASSWORD}@127.0.0.1:${port}`;
    },
    host: '127.0.0.1',
    get port() {
      return port;
    },
    messages,
    to: (address) => messages.filter((m) => m.envelope.to.includes(address.toLowerCase())),
    setMode(next) {
      mode = next;
    },
    stop,
    async start() {
      if (!server) await listen();
    },
    clear() {
      messages.length = 0;
    },
    close: stop,
  };
}
