// POST /api/login (form: token, next): checks the access token in constant time; when right,
// sets the sts_token cookie (HttpOnly, SameSite=Strict) and redirects (303) to `next` (a path
// on this site only), else back to the login form saying it was wrong. Open without a token
// (proxy.ts lets it through): it is where the token is entered.

import { getConfig } from '../../../lib/config/config.ts';
import { accessTokenCookie } from '../../../lib/guard/access-token.ts';
import { sameSecret } from '../../../lib/guard/secrets.ts';
import { LOGIN_PAGE, safeNext } from '../../../lib/http/access-gate.ts';
import { jsonError } from '../_lib/http.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const MAX_BODY = 4096;

// A relative Location: behind `kubectl port-forward` the browser's origin (localhost:<port>) is
// not the address the server listens on, and relative redirects need neither.
function seeOther(location: string, cookie?: string): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  if (cookie) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

export async function POST(request: Request): Promise<Response> {
  const expected = getConfig().accessToken;
  if (!expected) return seeOther('/');
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return jsonError(413, 'the login form is larger than expected');
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return jsonError(400, 'send the login form (application/x-www-form-urlencoded: token, next)');
  }
  const token = form.get('token');
  const next = safeNext(typeof form.get('next') === 'string' ? (form.get('next') as string) : '/');
  if (typeof token === 'string' && sameSecret(token.trim(), expected)) {
    return seeOther(next, accessTokenCookie(expected, request));
  }
  return seeOther(`${LOGIN_PAGE}?error=wrong${next === '/' ? '' : `&next=${encodeURIComponent(next)}`}`);
}
