// The client's IP, for rate limits. Behind reverse proxies every request comes from the nearest
// proxy, and each proxy appends the address it saw to X-Forwarded-For; only the entries appended
// by proxies we trust are facts, anything to their left is what the client wrote. proxy-addr
// walks the chain from the socket outwards, as Express's `trust proxy` does, and stops at the
// first hop that is not trusted.
import type http from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * TRUST_PROXY: a whole number = that many proxies in front of the server (1: one reverse proxy);
 * otherwise a comma-separated list of trusted proxy addresses or subnets, or the names
 * `loopback`, `linklocal`, `uniquelocal`. Unset/`0`: no proxy, X-Forwarded-For is ignored.
 */
export type TrustProxy = number | string;

export type TrustFn = (addr: string, hop: number) => boolean;

const trustNone: TrustFn = () => false;

export function compileTrustProxy(value: TrustProxy | undefined): TrustFn {
  if (value === undefined || value === '' || value === 0 || value === '0') return trustNone;
  const hops = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : null;
  if (hops !== null) {
    if (!Number.isInteger(hops) || hops < 0)
      throw new Error(`TRUST_PROXY: not a number of proxies: ${value}`);
    return (_addr, hop) => hop < hops;
  }
  const list = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    return proxyAddr.compile(list);
  } catch (err) {
    throw new Error(`TRUST_PROXY: ${(err as Error).message} (give a number of proxies or their addresses)`);
  }
}

export function clientIp(req: http.IncomingMessage, trust: TrustFn): string {
  if (!req.socket.remoteAddress) return 'unknown';
  return proxyAddr(req, trust);
}
