// Secret handling shared by the guards: constant-time comparison and cookie reading.

import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when a and b are equal, in time independent of where they differ and of their lengths
 * (both are hashed first, so timingSafeEqual always compares 32 bytes).
 */
export function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

/** The value of cookie `name` from the request's Cookie header, or null. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/** The request arrived over https (as Next.js reports it: the socket, or X-Forwarded-Proto). */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:';
}
