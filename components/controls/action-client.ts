// The browser side of the action routes (issue 5 contract): the session (CSRF token, read-only,
// replica limit), the request each control sends, and the answer turned into one plain sentence.
// Contract: every mutating request is same-origin JSON with the token in `X-CSRF-Token` (the
// server compares it with the `sts_csrf` cookie GET /api/session set). Never throws: network
// failures and odd answers become an ActionResult too.

import type { SessionInfo } from '../../lib/stream/api-types.ts';
import { SESSION_INIT, SESSION_URL } from '../stream-boot.ts';

export type Session = SessionInfo;

export interface ActionRequest {
  method: 'POST' | 'DELETE';
  url: string;
  body: unknown;
}

export type ActionResult =
  | { ok: true; message: string }
  | { ok: false; message: string; reason: string | null; status: number };

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

const setUrl = (ns: string, name: string, what: string) =>
  `/api/namespaces/${encodeURIComponent(ns)}/statefulsets/${encodeURIComponent(name)}/${what}`;

export const actionRequests = {
  scale: (ns: string, name: string, replicas: number): ActionRequest => ({ method: 'POST', url: setUrl(ns, name, 'scale'), body: { replicas } }),
  deletePod: (ns: string, pod: string): ActionRequest => ({ method: 'DELETE', url: `/api/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}`, body: null }),
  deleteAll: (ns: string, name: string): ActionRequest => ({ method: 'POST', url: setUrl(ns, name, 'delete-pods'), body: {} }),
  restart: (ns: string, name: string): ActionRequest => ({ method: 'POST', url: setUrl(ns, name, 'restart'), body: {} }),
  image: (ns: string, name: string, container: string, image: string): ActionRequest => ({ method: 'POST', url: setUrl(ns, name, 'image'), body: { container, image } }),
  partition: (ns: string, name: string, partition: number): ActionRequest => ({ method: 'POST', url: setUrl(ns, name, 'partition'), body: { partition } }),
};

interface AnswerBody {
  ok?: unknown;
  message?: unknown;
  error?: unknown;
  reason?: unknown;
}

/** The answer of an action route as one result; `bodyText` may be anything (a proxy's HTML page). */
export function resultFromResponse(status: number, bodyText: string): ActionResult {
  let body: AnswerBody | null = null;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed !== null && typeof parsed === 'object') body = parsed as AnswerBody;
  } catch { /* not JSON: described by status below */ }
  const reason = typeof body?.reason === 'string' ? body.reason : null;
  if (status >= 200 && status < 300) return { ok: true, message: typeof body?.message === 'string' ? body.message : 'Done' };
  if (typeof body?.error === 'string' && body.error !== '') return { ok: false, message: body.error, reason, status };
  return { ok: false, message: statusSentence(status), reason, status };
}

function statusSentence(status: number): string {
  if (status === 404) return 'the dashboard server does not offer this action (404)';
  if (status === 403) return 'not allowed (403)';
  if (status >= 500) return `the dashboard server failed (${status})`;
  return `the dashboard server refused the request (${status})`;
}

export async function sendAction(req: ActionRequest, csrfToken: string, fetcher: Fetcher): Promise<ActionResult> {
  try {
    const res = await fetcher(req.url, {
      method: req.method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: req.body === null ? undefined : JSON.stringify(req.body),
    });
    return resultFromResponse(res.status, await res.text());
  } catch (e) {
    return { ok: false, message: `could not reach the dashboard server: ${e instanceof Error ? e.message : String(e)}`, reason: 'Network', status: 0 };
  }
}

/** GET /api/session; throws with a plain sentence when it fails. */
export async function fetchSession(fetcher: Fetcher): Promise<Session> {
  const res = await fetcher(SESSION_URL, SESSION_INIT);
  const text = await res.text();
  if (!res.ok) throw new Error(resultFromResponse(res.status, text).message);
  const s = JSON.parse(text) as Partial<Session>;
  if (typeof s.csrfToken !== 'string' || typeof s.readOnly !== 'boolean') throw new Error('the session answer is malformed');
  return { csrfToken: s.csrfToken, readOnly: s.readOnly, maxReplicas: typeof s.maxReplicas === 'number' ? s.maxReplicas : 50, namespaces: s.namespaces ?? null };
}
