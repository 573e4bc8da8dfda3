// A real SMTP server on loopback that speaks TLS, for tests: implicit TLS (port-465 style),
// STARTTLS, or a server that does not offer STARTTLS at all (as when a man in the middle strips
// it). Its certificate is self-signed, made fresh per run; only a test that passes it as a
// trusted CA can connect.
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { SMTPServer } from 'smtp-server';

export interface TestCertificate {
  key: string;
  cert: string;
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid for a day. */
export async function makeTestCertificate(): Promise<TestCertificate> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export type TlsMode = 'implicit' | 'starttls' | 'no-starttls';

export interface TlsSmtpServer {
  port: number;
  /** Every AUTH the server received, and whether the connection was encrypted at that moment. */
  logins: { username: string; password: string; secure: boolean }[];
  /** Messages accepted, with whether they came over TLS. */
  messages: { to: string[]; secure: boolean }[];
  close(): Promise<void>;
}

export async function startTlsSmtpServer(
  mode: TlsMode,
  certificate: TestCertificate,
): Promise<TlsSmtpServer> {
  const state: TlsSmtpServer = { port: 0, logins: [], messages: [], close: async () => {} };
  const server = new SMTPServer({
    secure: mode === 'implicit',
    key: certificate.key,
    cert: certificate.cert,
    ...(mode === 'no-starttls' ? { disabledCommands: ['STARTTLS'] } : {}),
    // Accept a login in clear too: the test is that the client never sends one.
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, session, callback) {
      state.logins.push({
        username: auth.username ?? '',
        password: auth.password ?? '',
        secure: Boolean(session.secure),
      });
      callback(null, { user: auth.username ?? '' });
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        state.messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          secure: Boolean(session.secure),
        });
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
