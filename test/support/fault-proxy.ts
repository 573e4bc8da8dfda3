// An HTTP proxy on loopback that puts network faults between a client (the extension) and the
// real server, request by request, on a plan the test writes down — so a run is repeatable:
//   - 'drop': the client's connection is closed before anything reaches the server;
//   - 'delay': the request goes on after a pause (the answer arrives late, intact);
//   - 'bad-gateway': a 502 page instead of the server, as a reverse proxy answers while the
//     server is down or restarting;
//   - 'cut-response': the request reaches the server and the server answers in full (a send is
//     committed, an e-mail is out) — the client gets the headers and part of the body, then the
//     connection breaks;
//   - 'no-response': as above, but the client gets nothing at all before the connection breaks.
// Requests are matched by their path (tRPC puts the procedure names there:
// `/trpc/sync.push,outreach.sendEmail?batch=1`); each plan hands out its faults in order to the
// requests it matches, then lets them pass. `setDefault` applies one fault to every request that
// no plan claims (e.g. 'drop': the server is unreachable). Streams (server-sent events) pass
// through as streams.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number }
  | { kind: 'bad-gateway' }
  | { kind: 'cut-response' }
  | { kind: 'no-response' };

export interface AppliedFault {
  kind: Fault['kind'];
  path: string;
  /** the server's status for faults that let the request through */
  upstreamStatus: number | null;
}

export interface FaultProxy {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Faults handed out in order to the requests whose path matches, then 'pass'. */
  plan(match: RegExp, faults: Fault[]): void;
  /** The fault for requests no plan claims (initially 'pass'). */
  setDefault(fault: Fault): void;
  /** Forgets the plans, the default becomes 'pass'. */
  heal(): void;
  /** Every fault applied so far (passes not included), in order. */
  readonly applied: AppliedFault[];
  /** Faults still planned (only those of the plan made with `match`, when given). */
  pending(match?: RegExp): number;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())));
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const plans: { match: RegExp; faults: Fault[] }[] = [];
  let fallback: Fault = { kind: 'pass' };
  const applied: AppliedFault[] = [];
  const sockets = new Set<Socket>();
  const agent = new http.Agent({ keepAlive: true });

  const choose = (path: string): Fault => {
    for (const p of plans) {
      if (p.match.test(path) && p.faults.length) return p.faults.shift()!;
    }
    return fallback;
  };

  /** Sends the request on to the server; resolves with its response (not yet read). */
  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const out = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...endToEnd(req.headers), host: upstream.host, 'content-length': body.length },
          agent,
        },
        resolve,
      );
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const fault = choose(path);
    const record = (upstreamStatus: number | null) => {
      if (fault.kind !== 'pass') applied.push({ kind: fault.kind, path, upstreamStatus });
    };
    const body = await readAll(req);
    if (fault.kind === 'drop') {
      record(null);
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'bad-gateway') {
      record(null);
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    }
    if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    let answer: IncomingMessage;
    try {
      answer = await forward(req, body);
    } catch {
      // the server is not there: the client sees its connection closed, as without a proxy
      record(null);
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'cut-response' || fault.kind === 'no-response') {
      // Read the whole answer first: whatever the server did for this request is done.
      const full = await readAll(answer);
      record(answer.statusCode ?? null);
      if (fault.kind === 'cut-response') {
        res.writeHead(answer.statusCode ?? 200, {
          ...endToEnd(answer.headers),
          'content-length': full.length,
        });
        res.flushHeaders();
        res.write(full.subarray(0, Math.floor(full.length / 2)));
        // let the partial answer leave before the connection breaks
        await new Promise((r) => setTimeout(r, 20));
      }
      req.socket.destroy();
      return;
    }
    record(answer.statusCode ?? null);
    res.writeHead(answer.statusCode ?? 200, endToEnd(answer.headers));
    res.flushHeaders();
    answer.pipe(res);
    // a client that goes away (an event stream closed) ends the request to the server too
    res.on('close', () => answer.destroy());
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    plan(match, faults) {
      plans.push({ match, faults: [...faults] });
    },
    setDefault(fault) {
      fallback = fault;
    },
    heal() {
      plans.length = 0;
      fallback = { kind: 'pass' };
    },
    applied,
    pending: (match) =>
      plans.filter((p) => !match || p.match.source === match.source).reduce((n, p) => n + p.faults.length, 0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
