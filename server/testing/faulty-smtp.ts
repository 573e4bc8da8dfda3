// A real SMTP server on loopback that fails on demand, for the tests of how sends meet mail
// server faults: connection refused, login refused, 4xx "try later", 5xx "never", a stall in the
// middle of DATA, and a server that takes a message and then fails or never answers.
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type SmtpFault =
  /** 250 for everything */
  | 'accept'
  /** the port is closed: connections are refused */
  | 'refuse-connection'
  /** AUTH answered 535 */
  | 'auth-fail'
  /** MAIL FROM answered 451 (temporary) */
  | 'temporary'
  /** RCPT TO answered 550 (permanent) */
  | 'permanent'
  /** reads part of the message, then neither reads on nor answers */
  | 'stall-mid-data'
  /** reads the whole message (it counts as received), then answers 451 */
  | 'store-then-temporary'
  /** reads the whole message (received), then never answers */
  | 'store-then-stall';

export interface FaultySmtp {
  /** `smtp://user:pass@127.0.0.1:<port>` (the login matters only in 'auth-fail'). */
  readonly url: string;
  readonly port: number;
  fault: SmtpFault;
  /** Raw messages the server read in full, answered or not (what a mail store may keep). */
  readonly received: string[];
  /** Raw messages answered 250. */
  readonly accepted: string[];
  /** Connections opened: one per delivery attempt that reached the server. */
  connections: number;
  /** MAIL FROM commands seen: one per delivery attempt that got that far. */
  mailFromCount: number;
  /** 'accept': wait this long between reading a message and answering 250 (a mail server storing it). */
  replyDelayMs: number;
  /** Closes the port ('refuse-connection') or opens it again on the same port. */
  setFault(fault: SmtpFault): Promise<void>;
  close(): Promise<void>;
}

const err = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

/** The Message-ID header of a raw message, or null. */
export function messageIdOf(raw: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  return /^message-id:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? null;
}

export async function startFaultySmtp(initial: SmtpFault = 'accept'): Promise<FaultySmtp> {
  let server: SMTPServer | null = null;
  let port = 0;
  const sockets = new Set<Socket>();

  const self: FaultySmtp = {
    get url() {
      return `smtp://relay:relay-secret@127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    fault: initial,
    received: [],
    accepted: [],
    connections: 0,
    mailFromCount: 0,
    replyDelayMs: 0,
    async setFault(fault) {
      self.fault = fault;
      if (fault === 'refuse-connection') await stop();
      else if (!server) await listen();
    },
    close: stop,
  };

  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 100,
      onConnect(_session, callback) {
        self.connections += 1;
        callback();
      },
      onAuth(auth, _session, callback) {
        if (self.fault === 'auth-fail') {
          callback(err('5.7.8 Authentication credentials invalid', 535));
          return;
        }
        callback(null, { user: auth.username ?? '' });
      },
      onMailFrom(_address, _session, callback) {
        self.mailFromCount += 1;
        if (self.fault === 'temporary') {
          callback(err('4.3.2 Too busy right now, try again later', 451));
          return;
        }
        callback();
      },
      onRcptTo(_address, _session, callback) {
        if (self.fault === 'permanent') {
          callback(err('5.1.1 Mailbox does not exist', 550));
          return;
        }
        callback();
      },
      onData(stream, _session, callback) {
        const fault = self.fault;
        const chunks: Buffer[] = [];
        if (fault === 'stall-mid-data') {
          // Take the first chunk, then stop reading and never answer.
          stream.once('data', () => stream.pause());
          return;
        }
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          self.received.push(raw);
          if (fault === 'store-then-stall') return;
          if (fault === 'store-then-temporary') {
            callback(err('4.4.2 Connection dropped while storing, try again', 451));
            return;
          }
          const answer = () => {
            self.accepted.push(raw);
            callback();
          };
          if (self.replyDelayMs > 0) setTimeout(answer, self.replyDelayMs);
          else answer();
        });
      },
    });

  function listen() {
    return new Promise<void>((resolve, reject) => {
      const s = make();
      s.on('error', () => {});
      s.server.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      s.server.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.server.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  }

  function stop() {
    return new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      // Stalled connections would hold close() open: cut them.
      for (const socket of sockets) socket.destroy();
      s.close(() => resolve());
    });
  }

  if (initial !== 'refuse-connection') await listen();
  else {
    // A free port that stays closed until setFault() opens it.
    await listen();
    await stop();
  }
  return self;
}
