// Guards every mutating route runs before anything else, in this order (actions contract):
//   1. Host allowed (STS_ALLOWED_HOSTS): the Host header's name, port dropped, compared
//      case-insensitively after URL normalisation. This is the DNS-rebinding defence: a page on
//      evil.example whose name was re-pointed at 127.0.0.1 reaches the dashboard with
//      `Host: evil.example`, which is not on the list.
//   2. Origin equal to the dashboard's own origin: scheme of the request URL + "://" + Host.
//      The scheme is what Next.js puts in request.url: https when the socket is TLS or when
//      X-Forwarded-Proto says https (Next.js itself trusts that header). We add no trust of our
//      own (no X-Forwarded-Host): a cross-site page cannot set such headers on a browser request
//      without a CORS preflight, which these routes never grant. Browsers send Origin on every
//      POST and DELETE, so a missing Origin is refused too.
//   3. CSRF double submit (csrf.ts).
//   4. Read-only mode.
// Each refusal is a 403 with a plain-language message; the route then touches nothing.

import type { Config } from '../config/config.ts';
import { hostnameOfHostHeader } from '../config/hosts.ts';
import { checkCsrfToken } from './csrf.ts';
import { refuse, type Refusal } from './refusal.ts';

export function checkHost(request: Request, config: Pick<Config, 'allowedHosts'>): Refusal | null {
  const header = request.headers.get('host');
  if (!header) return refuse(403, 'HostNotAllowed', 'the request has no Host header');
  const hostname = hostnameOfHostHeader(header);
  if (!hostname) return refuse(403, 'HostNotAllowed', `the Host header "${header.slice(0, 100)}" is malformed`);
  if (config.allowedHosts.includes(hostname)) return null;
  return refuse(403, 'HostNotAllowed',
    `host "${hostname}" is not allowed: the dashboard answers changes only for ${config.allowedHosts.join(', ')}. ` +
    'If you reach it under another name (a proxy, a LAN address), add that name to STS_ALLOWED_HOSTS.');
}

/** The dashboard's own origin for this request, or null when the Host header is unusable. */
export function ownOrigin(request: Request): string | null {
  const host = request.headers.get('host');
  if (!host || hostnameOfHostHeader(host) === null) return null;
  try {
    return new URL(`${new URL(request.url).protocol}//${host}`).origin;
  } catch {
    return null;
  }
}

function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function checkOrigin(request: Request): Refusal | null {
  const header = request.headers.get('origin');
  const own = ownOrigin(request);
  if (!header) return refuse(403, 'OriginNotAllowed', 'the request has no Origin header: changes are accepted only from the dashboard page');
  const origin = originOf(header);
  if (own !== null && origin === own) return null;
  return refuse(403, 'OriginNotAllowed', `origin "${header.slice(0, 200)}" is not the dashboard's own (${own ?? 'unknown'}): changes are accepted only from the dashboard page`);
}

export function checkCsrf(request: Request): Refusal | null {
  switch (checkCsrfToken(request)) {
    case 'ok': return null;
    case 'missing-cookie': return refuse(403, 'CsrfFailed', 'no CSRF cookie: reload the page (it fetches /api/session) and try again');
    case 'missing-header': return refuse(403, 'CsrfFailed', 'no X-CSRF-Token header: send the token from GET /api/session');
    case 'mismatch': return refuse(403, 'CsrfFailed', 'the X-CSRF-Token header does not match the session cookie: reload the page and try again');
  }
}

export function checkReadOnly(config: Pick<Config, 'readOnly'>): Refusal | null {
  if (!config.readOnly) return null;
  return refuse(403, 'ReadOnly', 'the dashboard runs read-only (--read-only / STS_READ_ONLY): it changes nothing in the cluster');
}

/** Host -> Origin -> CSRF -> read-only; the first refusal, or null to go on. */
export function guardMutation(request: Request, config: Pick<Config, 'allowedHosts' | 'readOnly'>): Refusal | null {
  return checkHost(request, config) ?? checkOrigin(request) ?? checkCsrf(request) ?? checkReadOnly(config);
}
