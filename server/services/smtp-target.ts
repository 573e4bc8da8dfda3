// Which mail servers a user's own SMTP settings may point at. Without limits, smtp.set + smtp.test
// would let any account make this server connect to internal services (SSRF) and read their
// replies: so only mail ports, only public addresses, unless SMTP_ALLOW_PRIVATE=1 (a server on a
// private network whose users' mail servers are private too, and the tests).
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors';

export const SMTP_PORTS = [25, 465, 587, 2525] as const;
/** A user's mailbox (reply detection): IMAP with STARTTLS, or over TLS. */
export const IMAP_PORTS = [143, 993] as const;

/** The only IPv6 space IANA allocates for global unicast; the rest (::/96, ::/8 …) is not public. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * True for anything that is not a public unicast address: loopback, private, link-local,
 * unique-local, CGNAT, multicast, documentation, benchmarking, reserved, and the IPv6 forms that
 * carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) — judged by ipaddr.js's
 * special-purpose ranges (IANA's registries), not a hand list.
 */
export function isNonPublicAddress(ip: string): boolean {
  if (!net.isIP(ip)) return true;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process(): an IPv4-mapped IPv6 address becomes its IPv4 address, judged as such.
    parsed = ipaddr.process(ip);
  } catch {
    return true;
  }
  if (parsed.range() !== 'unicast') return true;
  return parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6);
}

export interface ResolvedHost {
  addresses: string[];
  /** How long the answer may be used (the smallest TTL among the records). */
  ttlSeconds: number;
}
export type HostResolver = (host: string) => Promise<ResolvedHost>;

/** Used when the answer came from the system's resolver (e.g. /etc/hosts), which gives no TTL. */
const LOOKUP_TTL_SECONDS = 60;
/** A longer TTL is shortened: the address is re-checked at least this often. */
const MAX_TTL_SECONDS = 3600;

/**
 * Resolves A and AAAA records with their TTLs (`servers`: DNS servers, default the system's).
 * Names the DNS does not answer (/etc/hosts and the like) fall back to the system lookup.
 */
export function createHostResolver(opts: { servers?: string[] } = {}): HostResolver {
  const resolver = new dns.promises.Resolver({ timeout: 3000, tries: 2 });
  if (opts.servers) resolver.setServers(opts.servers);
  return async (host) => {
    const [v4, v6] = await Promise.allSettled([
      resolver.resolve4(host, { ttl: true }),
      resolver.resolve6(host, { ttl: true }),
    ]);
    const records = [v4, v6].flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    if (records.length > 0) {
      return {
        addresses: records.map((r) => r.address),
        ttlSeconds: Math.min(MAX_TTL_SECONDS, ...records.map((r) => r.ttl)),
      };
    }
    if (opts.servers) throw new Error(`no DNS answer for ${host}`);
    const found = await dns.promises.lookup(host, { all: true, verbatim: true });
    return { addresses: found.map((a) => a.address), ttlSeconds: LOOKUP_TTL_SECONDS };
  };
}

const systemResolver = createHostResolver();

export interface SmtpTarget {
  /** What to connect to: the checked address (pinned), or the host as given with allowPrivate. */
  address: string;
  /** How long the pinned address may be used before the name is resolved and checked again. */
  ttlSeconds: number;
}

/**
 * Checks a user's mail server and returns the address to connect to (pinned, so a DNS answer
 * that changes after the check cannot redirect the connection) and how long it holds. Throws
 * BAD_REQUEST saying why.
 */
export async function checkSmtpTarget(
  host: string,
  port: number,
  opts: { allowPrivate: boolean; resolve?: HostResolver | undefined },
): Promise<SmtpTarget> {
  return checkMailTarget(host, port, { ...opts, ports: SMTP_PORTS });
}

/** checkSmtpTarget for any mail protocol: `ports` are the ones a public server of it listens on. */
export async function checkMailTarget(
  host: string,
  port: number,
  opts: { allowPrivate: boolean; resolve?: HostResolver | undefined; ports: readonly number[] },
): Promise<SmtpTarget> {
  if (opts.allowPrivate) return { address: host, ttlSeconds: Infinity };
  if (!opts.ports.includes(port)) {
    const list = opts.ports.join(', ').replace(/, (\d+)$/, ' or $1');
    throw new AppError('BAD_REQUEST', `Port ${port} is not a mail port: use ${list}`);
  }
  let resolved: ResolvedHost;
  if (net.isIP(host)) resolved = { addresses: [host], ttlSeconds: Infinity };
  else {
    try {
      resolved = await (opts.resolve ?? systemResolver)(host);
    } catch {
      throw new AppError('BAD_REQUEST', `Could not find the mail server ${host}: check the host name`);
    }
  }
  const bad = resolved.addresses.find(isNonPublicAddress);
  if (bad || resolved.addresses.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      `The mail server ${host} is on a private or local network address (${bad ?? 'none'}); this server only connects to public mail servers`,
    );
  }
  return { address: resolved.addresses[0]!, ttlSeconds: resolved.ttlSeconds };
}
