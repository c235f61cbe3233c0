// GET /api/session: what the page needs before it offers any control (actions contract):
// { csrfToken, readOnly, maxReplicas, namespaces } and the `sts_csrf` cookie holding the same
// token (double submit, lib/guard/csrf.ts). The Host check runs here too, so a DNS-rebinding
// page cannot even obtain a token.

import { csrfCookie, sessionCsrfToken } from '../../../lib/guard/csrf.ts';
import { checkHost } from '../../../lib/guard/mutation-guard.ts';
import type { SessionInfo } from '../../../lib/stream/api-types.ts';
import { configOrError, refusalResponse } from '../_lib/mutation.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const c = configOrError();
  if ('response' in c) return c.response;
  const refused = checkHost(request, c.config);
  if (refused) return refusalResponse(refused);
  const { token } = sessionCsrfToken(request);
  const body: SessionInfo = { csrfToken: token, readOnly: c.config.readOnly, maxReplicas: c.config.maxReplicas, namespaces: c.config.namespaces };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store', 'Set-Cookie': csrfCookie(token, request) } });
}
