// A tiny authoritative DNS server on loopback UDP for tests: answers A and AAAA questions from a
// table the test changes (address and TTL), so code that resolves names can be tested against a
// real resolver (node's dns.Resolver pointed at it) without the internet.
import dgram from 'node:dgram';
import net from 'node:net';

export interface DnsRecord {
  address: string;
  ttl: number;
}

export interface DnsServer {
  /** `127.0.0.1:<port>`, for Resolver.setServers. */
  readonly server: string;
  /** name (lower case, no trailing dot) → records; change it at will. */
  readonly records: Map<string, DnsRecord[]>;
  /** How many questions it answered. */
  queries: number;
  close(): Promise<void>;
}

function readName(msg: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let i = offset;
  while (msg[i] !== 0) {
    const len = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('latin1'));
    i += len + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 1 };
}

function ipBytes(address: string): Buffer {
  if (net.isIPv4(address)) return Buffer.from(address.split('.').map(Number));
  // Expand "::" and write 8 groups.
  const [head, tail] = address.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, k) => b.writeUInt16BE(parseInt(g, 16), k * 2));
  return b;
}

export async function startDnsServer(): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4');
  const records = new Map<string, DnsRecord[]>();
  const state: DnsServer = {
    server: '',
    records,
    queries: 0,
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
  socket.on('message', (msg, rinfo) => {
    state.queries += 1;
    const { name, end } = readName(msg, 12);
    const qtype = msg.readUInt16BE(end);
    const question = msg.subarray(12, end + 4);
    const family = qtype === 1 ? 4 : qtype === 28 ? 6 : 0;
    const answers = (records.get(name) ?? []).filter((r) => net.isIP(r.address) === family);
    const known = records.has(name);
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0); // id
    header.writeUInt16BE(0x8400 | (known ? 0 : 3), 2); // response, authoritative, NOERROR / NXDOMAIN
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const rrs = answers.map((r) => {
      const data = ipBytes(r.address);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
      rr.writeUInt16BE(qtype, 2);
      rr.writeUInt16BE(1, 4); // IN
      rr.writeUInt32BE(r.ttl, 6);
      rr.writeUInt16BE(data.length, 10);
      return Buffer.concat([rr, data]);
    });
    socket.send(Buffer.concat([header, question, ...rrs]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  (state as { server: string }).server = `127.0.0.1:${socket.address().port}`;
  return state;
}
