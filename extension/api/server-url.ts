// Which server addresses the extension talks to. The password (at sign-in) and the session token
// (on every call) cross the network to it, so plain http:// is accepted only where it never
// leaves this computer: loopback addresses and `localhost` (browsers resolve *.localhost to
// loopback themselves). Anything else must be https://.

export type ServerUrlCheck = { ok: true; url: string } | { ok: false; error: string };

const EXAMPLE = 'for example https://reachlog.example.com, or http://127.0.0.1:8787 on this computer';

function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (hostname === '[::1]') return true;
  // URL writes IPv4 hosts in dotted form (it also turns 2130706433 or 0x7f.1 into 127.0.0.1).
  return /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The normalized address (`https://host:port`, no trailing slash) or why it is refused. */
export function checkServerUrl(raw: string): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, error: `Enter the server address, ${EXAMPLE}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `The server address must start with https://, ${EXAMPLE}` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      error: `Use https:// for ${url.hostname}: over plain http:// your password and session would cross the network unencrypted (plain http:// is only for a server on this computer, such as http://127.0.0.1:8787).`,
    };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
