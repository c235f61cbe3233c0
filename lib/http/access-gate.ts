// The access-token gate every request passes through (proxy.ts), when STS_ACCESS_TOKEN is set:
// - /api/healthz and /api/readyz stay open (kubelet probes carry no token);
// - /login and POST /api/login stay open (that is where the token is entered);
// - a request with the right token (Authorization: Bearer, the sts_token cookie, or ?token=)
//   passes. A page opened with a valid ?token= is redirected to the same URL without it, with
//   the cookie set, so the token does not linger in the address bar, history or Referer;
// - anything else: an API route answers 401 JSON, a page redirects to /login?next=<path>.
// Whether a token matches is lib/guard's checkAccessToken (constant time). Pure: decides only.

import type { Config } from '../config/config.ts';
import { accessTokenCookie, checkAccessToken } from '../guard/access-token.ts';

export const OPEN_PATHS: readonly string[] = ['/api/healthz', '/api/readyz'];
export const LOGIN_PAGE = '/login';
export const LOGIN_ROUTE = '/api/login';

export type GateDecision =
  | { kind: 'pass'; setCookie: string | null }
  | { kind: 'redirect'; location: string; setCookie: string | null }
  | { kind: 'refuse'; status: number; body: { error: string; reason: string } };

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** path?query of url without the token parameter: where to go after logging in. */
export function withoutToken(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete('token');
  const q = params.toString();
  return `${url.pathname}${q ? `?${q}` : ''}`;
}

/** A same-site path to go back to after the login; anything else (//evil, https://...) is "/". */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // Control characters could split a Location header.
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  return next;
}

export function accessGate(request: Request, config: Pick<Config, 'accessToken'>): GateDecision {
  if (!config.accessToken) return { kind: 'pass', setCookie: null };
  const url = new URL(request.url);
  const path = url.pathname;
  if (OPEN_PATHS.includes(path) || path === LOGIN_PAGE || path === LOGIN_ROUTE) return { kind: 'pass', setCookie: null };
  const check = checkAccessToken(request, config);
  if (check.ok) {
    if (check.via !== 'query') return { kind: 'pass', setCookie: null };
    const cookie = accessTokenCookie(config.accessToken, request);
    const method = request.method.toUpperCase();
    if ((method === 'GET' || method === 'HEAD') && !isApiPath(path)) return { kind: 'redirect', location: withoutToken(url), setCookie: cookie };
    return { kind: 'pass', setCookie: cookie };
  }
  if (isApiPath(path)) return { kind: 'refuse', status: check.refusal.status, body: { error: check.refusal.error, reason: check.refusal.reason } };
  const next = withoutToken(url);
  return { kind: 'redirect', location: next === '/' ? LOGIN_PAGE : `${LOGIN_PAGE}?next=${encodeURIComponent(next)}`, setCookie: null };
}
