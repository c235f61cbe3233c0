// The mutating routes (app/api) as Next.js calls them, against the embedded API server without
// controllers: every guard and every bad input is refused with its status, and NOTHING reaches
// the cluster (no non-GET request arrives, the store's resourceVersion does not move). A good
// request does exactly what kubectl would (one merge PATCH on /scale).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as session } from '../../app/api/session/route.ts';
import { DELETE as deletePod } from '../../app/api/namespaces/[ns]/pods/[name]/route.ts';
import { POST as deletePods } from '../../app/api/namespaces/[ns]/statefulsets/[name]/delete-pods/route.ts';
import { POST as image } from '../../app/api/namespaces/[ns]/statefulsets/[name]/image/route.ts';
import { POST as partition } from '../../app/api/namespaces/[ns]/statefulsets/[name]/partition/route.ts';
import { POST as restart } from '../../app/api/namespaces/[ns]/statefulsets/[name]/restart/route.ts';
import { POST as scale } from '../../app/api/namespaces/[ns]/statefulsets/[name]/scale/route.ts';
import { startTestCluster, type TestCluster } from '../k8s/testdata/cluster.ts';
import { R } from '../sim/resources.ts';

let tc: TestCluster;
const saved = { ...process.env };
const writes: string[] = [];
const BASE = 'http://localhost:3000';

function recordWrites(req: IncomingMessage, _res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET') writes.push(`${req.method} ${url.pathname} ${req.headers['content-type'] ?? ''}`);
  return false;
}

beforeAll(async () => {
  tc = await startTestCluster({ bare: true, interceptors: [recordWrites] });
  process.env.STS_KUBECONFIG = tc.kubeconfigPath;
  for (const v of ['STS_NAMESPACES', 'STS_CONTEXT', 'STS_READ_ONLY', 'STS_ALLOWED_HOSTS', 'STS_MAX_REPLICAS']) delete process.env[v];
});

afterAll(async () => {
  for (const key of Object.getOwnPropertySymbols(globalThis)) {
    if (String(key).includes('sts-topology')) delete (globalThis as Record<symbol, unknown>)[key];
  }
  process.env = saved;
  await tc.stop();
});

type Handler = (request: Request, ctx: { params: Promise<{ ns: string; name: string }> }) => Promise<Response>;
interface Route { label: string; handler: Handler; method: string; path: string; body: unknown; kind?: 'pod' }

const ROUTES: Route[] = [
  { label: 'scale', handler: scale, method: 'POST', path: 'statefulsets/web/scale', body: { replicas: 3 } },
  { label: 'delete-pods', handler: deletePods, method: 'POST', path: 'statefulsets/web/delete-pods', body: {} },
  { label: 'restart', handler: restart, method: 'POST', path: 'statefulsets/web/restart', body: {} },
  { label: 'image', handler: image, method: 'POST', path: 'statefulsets/web/image', body: { container: 'nginx', image: 'nginx:1.25' } },
  { label: 'partition', handler: partition, method: 'POST', path: 'statefulsets/web/partition', body: { partition: 1 } },
  { label: 'delete pod', handler: deletePod, method: 'DELETE', path: 'pods/web-0', body: undefined, kind: 'pod' },
];

let token = '';

interface Call { ns?: string; name?: string; body?: unknown; raw?: string; headers?: Record<string, string | null> }

async function call(route: Route, c: Call = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = {
    host: 'localhost:3000', origin: BASE, 'content-type': 'application/json', 'x-csrf-token': token, cookie: `sts_csrf=${token}`,
  };
  for (const [k, v] of Object.entries(c.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  const body = c.raw ?? (c.body !== undefined ? JSON.stringify(c.body) : route.body !== undefined ? JSON.stringify(route.body) : undefined);
  const ns = c.ns ?? 'default';
  const name = c.name ?? (route.kind === 'pod' ? 'web-0' : 'web');
  const res = await route.handler(new Request(`${BASE}/api/namespaces/${ns}/${route.path}`, { method: route.method, headers, body }), { params: Promise.resolve({ ns, name }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The cluster saw no write and its state did not move. */
function unchanged(): () => void {
  const rv = tc.cluster.store.currentRV();
  const seen = writes.length;
  return () => {
    expect(writes.slice(seen)).toEqual([]);
    expect(tc.cluster.store.currentRV()).toBe(rv);
  };
}

beforeEach(async () => {
  delete process.env.STS_READ_ONLY;
  delete process.env.STS_NAMESPACES;
  const res = session(new Request(`${BASE}/api/session`, { headers: { host: 'localhost:3000' } }));
  token = ((await res.json()) as { csrfToken: string }).csrfToken;
});

describe('GET /api/session', () => {
  it('gives the CSRF token and sets it as an HttpOnly SameSite=Strict cookie, with the settings the page needs', async () => {
    process.env.STS_MAX_REPLICAS = '20';
    try {
      const res = session(new Request(`${BASE}/api/session`, { headers: { host: 'localhost:3000' } }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { csrfToken: string };
      expect(body).toEqual({ csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), readOnly: false, maxReplicas: 20, namespaces: null });
      expect(res.headers.get('set-cookie')).toBe(`sts_csrf=${body.csrfToken}; Path=/; HttpOnly; SameSite=Strict`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      // The same browser keeps its token (several tabs).
      const again = session(new Request(`${BASE}/api/session`, { headers: { host: 'localhost:3000', cookie: `sts_csrf=${body.csrfToken}` } }));
      expect(((await again.json()) as { csrfToken: string }).csrfToken).toBe(body.csrfToken);
    } finally {
      delete process.env.STS_MAX_REPLICAS;
    }
  });

  it('refuses a foreign Host (a DNS-rebinding page gets no token)', async () => {
    const res = session(new Request(`${BASE}/api/session`, { headers: { host: 'evil.example:3000' } }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ reason: 'HostNotAllowed' });
  });
});

describe.each(ROUTES)('$label: refused before anything reaches the cluster', (route) => {
  it.each([
    ['a foreign Origin', { headers: { origin: 'http://evil.example' } }, 403, 'OriginNotAllowed'],
    ['no Origin', { headers: { origin: null } }, 403, 'OriginNotAllowed'],
    ['a Host not allowed', { headers: { host: 'evil.example:3000', origin: 'http://evil.example:3000' } }, 403, 'HostNotAllowed'],
    ['no CSRF header', { headers: { 'x-csrf-token': null } }, 403, 'CsrfFailed'],
    ['no CSRF cookie', { headers: { cookie: null } }, 403, 'CsrfFailed'],
    ['a wrong CSRF token', { headers: { 'x-csrf-token': 'A'.repeat(43) } }, 403, 'CsrfFailed'],
    ['a malformed namespace', { ns: 'Bad_NS' }, 422, 'Invalid'],
    ['a malformed name', { name: 'web!' }, 422, 'Invalid'],
  ] as Array<[string, Call, number, string]>)('%s', async (_what, c, status, reason) => {
    const check = unchanged();
    const r = await call(route, c);
    expect(r.status).toBe(status);
    expect(r.json).toMatchObject({ reason, error: expect.any(String) });
    check();
  });

  it('read-only mode', async () => {
    process.env.STS_READ_ONLY = 'true';
    const check = unchanged();
    const r = await call(route);
    expect(r).toEqual({ status: 403, json: { reason: 'ReadOnly', error: 'the dashboard runs read-only (--read-only / STS_READ_ONLY): it changes nothing in the cluster' } });
    check();
  });

  it('a namespace STS_NAMESPACES excludes', async () => {
    process.env.STS_NAMESPACES = 'workshop';
    const check = unchanged();
    const r = await call(route);
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ reason: 'Forbidden', field: 'namespace' });
    check();
  });
});

describe('input validation', () => {
  const scaleRoute = ROUTES[0];

  it.each([[-1], [1.5], ['x'], [1e9], [51], [null]])('replicas %j is a 422 on field replicas', async (replicas) => {
    const check = unchanged();
    const r = await call(scaleRoute, { body: { replicas } });
    expect(r.status).toBe(422);
    expect(r.json).toMatchObject({ reason: 'Invalid', field: 'replicas', error: expect.stringMatching(/^replicas must be a whole number from 0 to 50/) });
    check();
  });

  it('malformed JSON and non-JSON bodies are a 400', async () => {
    const check = unchanged();
    expect(await call(scaleRoute, { raw: '{"replicas": 3' })).toMatchObject({ status: 400, json: { reason: 'BadRequest' } });
    expect(await call(scaleRoute, { raw: 'replicas=3', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toMatchObject({ status: 400 });
    expect(await call(ROUTES[3], { body: { container: 'nginx' } })).toMatchObject({ status: 422, json: { field: 'image' } });
    check();
  });

  it('the guards come first: a bad body from a foreign origin is refused as a foreign origin', async () => {
    expect(await call(scaleRoute, { body: { replicas: -1 }, headers: { origin: 'http://evil.example' } })).toMatchObject({ status: 403, json: { reason: 'OriginNotAllowed' } });
  });
});

describe('a request that passes', () => {
  it('scales through the /scale subresource with a merge patch, as kubectl does', async () => {
    const seen = writes.length;
    const r = await call(ROUTES[0], { body: { replicas: 5 } });
    expect(r).toEqual({ status: 200, json: { ok: true, message: 'Scaled web from 2 to 5' } });
    expect(writes.slice(seen)).toEqual(['PATCH /apis/apps/v1/namespaces/default/statefulsets/web/scale application/merge-patch+json']);
    expect((tc.cluster.store.get(R.statefulsets, 'default', 'web')?.spec as { replicas: number }).replicas).toBe(5);
  });

  it('answers 404 for a set that does not exist', async () => {
    expect(await call(ROUTES[0], { name: 'nope' })).toEqual({ status: 404, json: { reason: 'NotFound', error: 'StatefulSet "nope" in namespace "default" not found' } });
  });
});
