// Test helper: calls the mutating route handlers as the dashboard page would (same Host and
// Origin, the CSRF token from GET /api/session in header and cookie). Test-only.

import { GET as session } from '../../../app/api/session/route.ts';
import { DELETE as deletePod } from '../../../app/api/namespaces/[ns]/pods/[name]/route.ts';
import { POST as deletePods } from '../../../app/api/namespaces/[ns]/statefulsets/[name]/delete-pods/route.ts';
import { POST as image } from '../../../app/api/namespaces/[ns]/statefulsets/[name]/image/route.ts';
import { POST as partition } from '../../../app/api/namespaces/[ns]/statefulsets/[name]/partition/route.ts';
import { POST as restart } from '../../../app/api/namespaces/[ns]/statefulsets/[name]/restart/route.ts';
import { POST as scale } from '../../../app/api/namespaces/[ns]/statefulsets/[name]/scale/route.ts';

export const BASE = 'http://localhost:3000';

type Handler = (request: Request, ctx: { params: Promise<{ ns: string; name: string }> }) => Promise<Response>;

export interface Answer {
  status: number;
  json: Record<string, unknown>;
}

async function send(handler: Handler, method: string, path: string, ns: string, name: string, token: string, body?: unknown): Promise<Answer> {
  const headers = { host: 'localhost:3000', origin: BASE, 'content-type': 'application/json', 'x-csrf-token': token, cookie: `sts_csrf=${token}` };
  const request = new Request(`${BASE}/api/namespaces/${ns}/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const res = await handler(request, { params: Promise.resolve({ ns, name }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A client with a fresh session; ns defaults to "default". */
export async function dashboardClient(ns = 'default') {
  const res = session(new Request(`${BASE}/api/session`, { headers: { host: 'localhost:3000' } }));
  const token = ((await res.json()) as { csrfToken: string }).csrfToken;
  return {
    token,
    scale: (name: string, replicas: unknown) => send(scale, 'POST', `statefulsets/${name}/scale`, ns, name, token, { replicas }),
    deletePods: (name: string) => send(deletePods, 'POST', `statefulsets/${name}/delete-pods`, ns, name, token, {}),
    restart: (name: string) => send(restart, 'POST', `statefulsets/${name}/restart`, ns, name, token, {}),
    image: (name: string, container: string, img: string) => send(image, 'POST', `statefulsets/${name}/image`, ns, name, token, { container, image: img }),
    partition: (name: string, p: unknown) => send(partition, 'POST', `statefulsets/${name}/partition`, ns, name, token, { partition: p }),
    deletePod: (pod: string) => send(deletePod, 'DELETE', `pods/${pod}`, ns, pod, token),
  };
}
