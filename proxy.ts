// Next.js 16 request interception (the file convention formerly called middleware.ts; it runs in
// the Node.js runtime). For every request except build assets:
// 1. the access-token gate (lib/http/access-gate.ts) when STS_ACCESS_TOKEN is set;
// 2. a per-request Content-Security-Policy with a nonce (lib/http/csp.ts) for pages, a
//    deny-everything one for API answers.
// The other security headers come from next.config.js headers(). A configuration error (a bad
// STS_* variable) is answered 500 with the message, which never shows the token's value, on
// every route but the probes.

import { NextResponse, type NextRequest } from 'next/server';
import { STREAM_BOOT_SCRIPT } from './components/stream-boot.ts';
import { THEME_BOOT_SCRIPT } from './components/theme-boot.ts';
import { ConfigError, getConfig, type Config } from './lib/config/config.ts';
import { accessGate, isApiPath, OPEN_PATHS } from './lib/http/access-gate.ts';
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS } from './lib/http/csp.ts';

const API_CSP = "default-src 'none'; frame-ancestors 'none'";

function withSecurityHeaders(res: Response): Response {
  for (const h of SECURITY_HEADERS) res.headers.set(h.key, h.value);
  res.headers.set('Cache-Control', 'no-store');
  return res;
}

function configError(e: unknown): Response {
  const message = e instanceof ConfigError ? e.message : 'the configuration could not be read';
  return withSecurityHeaders(Response.json({ error: `configuration error: ${message}`, reason: 'ConfigError' }, { status: 500 }));
}

export function proxy(request: NextRequest): Response {
  // The probes answer for themselves, even with a bad configuration (readyz then says why).
  if (OPEN_PATHS.includes(request.nextUrl.pathname)) return next(request, API_CSP, null);
  let settings: Config;
  try {
    settings = getConfig();
  } catch (e) {
    return configError(e);
  }
  const gate = accessGate(request, settings);
  if (gate.kind === 'refuse') {
    const res = withSecurityHeaders(Response.json(gate.body, { status: gate.status }));
    res.headers.set('WWW-Authenticate', 'Bearer realm="sts-topology"');
    return res;
  }
  if (gate.kind === 'redirect') {
    // Next.js needs an absolute URL here; it sends a same-origin redirect as a relative Location
    // (behind a port-forward the browser's origin is not the address the server listens on).
    const res = withSecurityHeaders(NextResponse.redirect(new URL(gate.location, request.url), 303));
    if (gate.setCookie) res.headers.append('Set-Cookie', gate.setCookie);
    return res;
  }
  const csp = isApiPath(request.nextUrl.pathname)
    ? API_CSP
    : contentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV === 'development', inlineScripts: [THEME_BOOT_SCRIPT, STREAM_BOOT_SCRIPT] });
  return next(request, csp, gate.setCookie);
}

/** On to the route, with the CSP on the request (Next.js takes its nonce from there) and the response. */
function next(request: NextRequest, csp: string, setCookie: string | null): Response {
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('Content-Security-Policy', csp);
  if (setCookie) res.headers.append('Set-Cookie', setCookie);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
