// The optional access token (STS_ACCESS_TOKEN): when set, every request must carry it, as
// `Authorization: Bearer <token>`, as the `sts_token` cookie, or as `?token=<token>` (a link
// to open the dashboard). Compared in constant time. The function only decides; the caller
// (Next.js middleware) answers, and after a `?token=` login may set the cookie with
// accessTokenCookie() and redirect to the URL without the token.

import type { Config } from '../config/config.ts';
import { refuse, type Refusal } from './refusal.ts';
import { isHttps, readCookie, sameSecret } from './secrets.ts';

export const ACCESS_TOKEN_COOKIE = 'sts_token';

export type AccessTokenSource = 'none-required' | 'header' | 'cookie' | 'query';

export type AccessCheck = { ok: true; via: AccessTokenSource } | { ok: false; refusal: Refusal };

function presented(request: Request): Array<{ via: AccessTokenSource; token: string }> {
  const out: Array<{ via: AccessTokenSource; token: string }> = [];
  const auth = request.headers.get('authorization');
  const bearer = auth?.match(/^Bearer\s+(\S+)\s*$/i);
  if (bearer) out.push({ via: 'header', token: bearer[1] });
  const cookie = readCookie(request, ACCESS_TOKEN_COOKIE);
  if (cookie) out.push({ via: 'cookie', token: cookie });
  const query = new URL(request.url).searchParams.get('token');
  if (query) out.push({ via: 'query', token: query });
  return out;
}

export function checkAccessToken(request: Request, config: Pick<Config, 'accessToken'>): AccessCheck {
  const expected = config.accessToken;
  if (!expected) return { ok: true, via: 'none-required' };
  const given = presented(request);
  // Every presented token is compared, so the time taken does not tell which one matched.
  let match: AccessTokenSource | null = null;
  for (const g of given) if (sameSecret(g.token, expected) && match === null) match = g.via;
  if (match) return { ok: true, via: match };
  if (given.length === 0) {
    return { ok: false, refusal: refuse(401, 'Unauthorized', 'this dashboard needs its access token: open it with ?token=<token>, or send Authorization: Bearer <token>') };
  }
  return { ok: false, refusal: refuse(401, 'Unauthorized', 'the access token is wrong') };
}

/** The Set-Cookie value that keeps a token given as ?token= (HttpOnly, SameSite=Strict, Secure over https). */
export function accessTokenCookie(token: string, request: Request): string {
  return `${ACCESS_TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict${isHttps(request) ? '; Secure' : ''}`;
}
