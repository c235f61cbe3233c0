// Host names as the host allowlist compares them (STS_ALLOWED_HOSTS and the Host header): parsed
// with the WHATWG URL parser, so both sides are normalised the same way (lower case, IPv6
// compressed and in brackets, IPv4 shorthand expanded: "127.1" is 127.0.0.1). Pure.

/** Characters a Host header never legitimately holds; URL parsing would read them as path or userinfo. */
const FORBIDDEN = /[\s/\\@?#]/;

function parse(value: string): URL | null {
  if (value === '' || FORBIDDEN.test(value)) return null;
  try {
    const url = new URL(`http://${value}/`);
    if (url.username || url.password || url.hostname === '') return null;
    return url;
  } catch {
    return null;
  }
}

/** The host name of a Host header value (port dropped), normalised; null when malformed. */
export function hostnameOfHostHeader(value: string | null | undefined): string | null {
  return parse((value ?? '').trim())?.hostname ?? null;
}

export type HostEntryResult = { ok: true; hostname: string } | { ok: false; problem: string };

/** One STS_ALLOWED_HOSTS entry: a host name, an IPv4 address or a bracketed IPv6 address, no port. */
export function parseAllowedHost(entry: string): HostEntryResult {
  const value = entry.trim();
  if (!value.startsWith('[') && (value.match(/:/g) ?? []).length > 1) {
    return { ok: false, problem: 'write IPv6 addresses in brackets, e.g. [::1]' };
  }
  const url = parse(value);
  if (!url) return { ok: false, problem: 'not a host name, IPv4 address or [IPv6] address' };
  if (url.port !== '' || /:\d*$/.test(value.replace(/^\[[^\]]*\]/, ''))) {
    return { ok: false, problem: 'give the host name without a port' };
  }
  return { ok: true, hostname: url.hostname };
}
