// The real Reachlog server (SQLite file) and a real SMTP server on loopback, for the extension's
// outbox/sync tests: the background talks to it over HTTP exactly as in the browser.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { startServer, type StartServerOptions } from '@@/server/app';
import { makeTestCertificate } from '@@/server/testing/tls-smtp-server';

export interface Mail {
  to: string[];
  raw: string;
}

export interface RealServer {
  url: string;
  mails: Mail[];
  /** the loopback SMTP server's port (also usable as a user's own mail server) */
  smtpPort: number;
  /** "username:password" of every SMTP login (the relay itself logs in with none) */
  smtpLogins: string[];
  /**
   * 'reject': the relay refuses every message for now (451, as a mail server that is busy: the
   * outbox retries); 'reject-permanently': it refuses the recipient for good (550: the send fails)
   */
  setSmtp(mode: SmtpMode): void;
  close(): Promise<void>;
}

type SmtpMode = 'accept' | 'reject' | 'reject-permanently';

export async function startRealServer(): Promise<RealServer> {
  const mails: Mail[] = [];
  const smtpLogins: string[] = [];
  // STARTTLS with a certificate only this server trusts: a user's own settings with a login
  // (sent only over TLS) work here; the relay (no login) upgrades too.
  const cert = await makeTestCertificate();
  let mode: SmtpMode = 'accept';
  const smtp = new SMTPServer({
    authOptional: true,
    key: cert.key,
    cert: cert.cert,
    logger: false,
    onAuth(auth, _session, cb) {
      smtpLogins.push(`${auth.username}:${auth.password}`);
      cb(null, { user: auth.username });
    },
    onMailFrom(_address, _session, cb) {
      if (mode === 'reject')
        return cb(Object.assign(new Error('Mail service unavailable (test)'), { responseCode: 451 }));
      cb();
    },
    onRcptTo(_address, _session, cb) {
      if (mode === 'reject-permanently')
        return cb(Object.assign(new Error('Mailbox does not exist (test)'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const dir = mkdtempSync(path.join(tmpdir(), 'reachlog-ext-'));
  // allowPrivateSmtp: a user's own mail server on loopback and a test port is what the tests
  // save with smtp.set; the server refuses both by default (SMTP_ALLOW_PRIVATE). Typed loosely so
  // this also compiles against a server that does not take the option yet.
  const options: StartServerOptions & { allowPrivateSmtp?: boolean } = {
    databaseUrl: `file:${path.join(dir, 'test.db')}`,
    host: '127.0.0.1',
    port: 0,
    secret: randomBytes(32).toString('hex'),
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    smtpFrom: 'relay@reachlog.test',
    logger: pino({ level: 'silent' }),
    allowPrivateSmtp: true,
    smtpTlsCa: cert.cert,
    // These tests are about the outbox and sync, not accounts: new users may use the relay at
    // once (confirming the address is tested over HTTP and in the browser).
    emailVerification: 'off',
  };
  const running = await startServer(options);
  return {
    url: running.url,
    mails,
    smtpPort,
    smtpLogins,
    setSmtp: (m) => {
      mode = m;
    },
    async close() {
      await running.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An http URL where nothing listens: calls to it fail as "server unreachable". */
export async function deadServerUrl(): Promise<string> {
  const net = await import('node:net');
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
