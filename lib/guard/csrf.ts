// CSRF defence for the mutating routes: the double-submit pattern. GET /api/session hands the page
// a random token and sets the same value as the `sts_csrf` cookie (HttpOnly, SameSite=Strict);
// every mutating request must send it back in the X-CSRF-Token header. A page on another origin
// can make the browser send the cookie but cannot read it, so it cannot fill in the header.
// Limit: a sibling host that can set cookies for this host could plant a token of its own; the
// Origin check (mutation-guard.ts) and SameSite=Strict cover that case.

import { randomBytes } from 'node:crypto';
import { isHttps, readCookie, sameSecret } from './secrets.ts';

export const CSRF_COOKIE = 'sts_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url (43 characters). */
export function newCsrfToken(random: (n: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

export function isWellFormedCsrfToken(token: string | null | undefined): token is string {
  return typeof token === 'string' && TOKEN_RE.test(token);
}

/**
 * The token of this browser: its existing cookie when well formed (so several tabs share one
 * token instead of invalidating each other's), else a new one.
 */
export function sessionCsrfToken(request: Request): { token: string; fresh: boolean } {
  const existing = readCookie(request, CSRF_COOKIE);
  return isWellFormedCsrfToken(existing) ? { token: existing, fresh: false } : { token: newCsrfToken(), fresh: true };
}

/** The Set-Cookie value for the token; Secure when the request came over https. */
export function csrfCookie(token: string, request: Request): string {
  return `${CSRF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${isHttps(request) ? '; Secure' : ''}`;
}

export type CsrfCheck = 'ok' | 'missing-cookie' | 'missing-header' | 'mismatch';

/** Header equals cookie (constant-time). */
export function checkCsrfToken(request: Request): CsrfCheck {
  const cookie = readCookie(request, CSRF_COOKIE);
  const header = request.headers.get(CSRF_HEADER);
  if (!cookie) return 'missing-cookie';
  if (!header) return 'missing-header';
  return sameSecret(cookie, header) && isWellFormedCsrfToken(cookie) ? 'ok' : 'mismatch';
}
