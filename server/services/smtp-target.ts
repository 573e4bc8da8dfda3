// Which mail servers a user's own SMTP settings may point at. Without limits, smtp.set + smtp.test
// would let any account make this server connect to internal services (SSRF) and read their
// replies: so only mail ports, only public addresses, unless SMTP_ALLOW_PRIVATE=1 (a server on a
// private network whose users' mail servers are private too, and the tests).
import dns from 'node:dns/promises';
import net from 'node:net';
import { AppError } from '../errors';

export const SMTP_PORTS = [25, 465, 587, 2525] as const;

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 (embeds IPv4)
  ['2002::', 16], // 6to4 (embeds IPv4)
] as const)
  blocked.addSubnet(prefix, bits, 'ipv6');

/** True for loopback, private, link-local, unique-local and other non-public addresses. */
export function isNonPublicAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family !== 6) return true;
  // IPv4-mapped (::ffff:a.b.c.d, or its hex form): judge the IPv4 address.
  const mapped = /^::ffff:(?:0:)?(.+)$/i.exec(ip)?.[1];
  if (mapped) {
    if (net.isIPv4(mapped)) return blocked.check(mapped, 'ipv4');
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(mapped);
    if (hex) {
      const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
      return blocked.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
    }
  }
  return blocked.check(ip, 'ipv6');
}

/**
 * Checks a user's mail server and returns the address to connect to (pinned, so a DNS answer
 * that changes after the check cannot redirect the connection). Throws BAD_REQUEST saying why.
 */
export async function checkSmtpTarget(
  host: string,
  port: number,
  opts: { allowPrivate: boolean },
): Promise<string> {
  if (opts.allowPrivate) return host;
  if (!(SMTP_PORTS as readonly number[]).includes(port)) {
    throw new AppError('BAD_REQUEST', `Port ${port} is not a mail port: use 25, 465, 587 or 2525`);
  }
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new AppError('BAD_REQUEST', `Could not find the mail server ${host}: check the host name`);
    }
  }
  const bad = addresses.find(isNonPublicAddress);
  if (bad || addresses.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      `The mail server ${host} is on a private or local network address (${bad ?? 'none'}); this server only connects to public mail servers`,
    );
  }
  return addresses[0]!;
}
