// Bad input against every dashboard route (issue 9, part 4), called in process as Next.js calls
// them (a Request in, a Response out) with the embedded API server behind. The routes are found
// on disk (app/api/**/route.ts), so a new route is covered without touching this file.
// Each generated request is broken in one chosen way (the guard headers, a path parameter, the
// target, or the body) and otherwise arbitrary: unicode and traversal names, junk query
// parameters, wrong content types, bodies that are not objects, unknown fields, huge bodies.
// Every answer must be below 500 and, from 400 up, JSON with an `error` message; nothing may
// throw; the cluster must not change (no controllers run, so any new resourceVersion is a write).

import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { R } from '../sim/resources.ts';
import { startTestCluster, type TestCluster } from '../k8s/testdata/cluster.ts';
import { getHub } from '../stream/server-hub.ts';
import { badSegmentName, fuzzParams, fuzzRuns, fuzzTimeoutMs, junkQuery, notAnObjectText, withQuery, wrongContentType } from './arbitraries.ts';

const API_DIR = resolve(import.meta.dirname, '..', '..', 'app', 'api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

interface Route {
  /** "/api/namespaces/[ns]/statefulsets/[name]/scale" */
  template: string;
  params: string[];
  handlers: Partial<Record<Method, Handler>>;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return e.name === 'route.ts' ? [p] : [];
  });
}

async function loadRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for (const file of routeFiles(API_DIR).sort()) {
    const template = `/api/${relative(API_DIR, file).split(/[\\/]/).slice(0, -1).join('/')}`.replace(/\/$/, '');
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const handlers: Route['handlers'] = {};
    for (const m of METHODS) if (typeof mod[m] === 'function') handlers[m] = mod[m] as Handler;
    routes.push({ template, params: [...template.matchAll(/\[(\w+)\]/g)].map((x) => x[1]), handlers });
  }
  return routes;
}

let tc: TestCluster;
let routes: Route[] = [];
const saved = { ...process.env };
const TOKEN = 'A'.repeat(43);
const ORIGIN = 'http://localhost:3000';

beforeAll(async () => {
  tc = await startTestCluster({ bare: true, empty: false });
  tc.cluster.store.create(R.pods, {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', labels: { app: 'nginx' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: tc.cluster.store.get(R.statefulsets, 'default', 'web')?.metadata.uid ?? '', controller: true }] },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
  });
  for (const k of Object.keys(process.env)) if (k.startsWith('STS_')) delete process.env[k];
  process.env.STS_KUBECONFIG = tc.kubeconfigPath;
  routes = await loadRoutes();
  // Readiness answers 503 until the default namespace synced (its contract): start from synced.
  await getHub().pin('default').whenSynced();
});

afterAll(async () => {
  getHub().stop();
  for (const key of Object.getOwnPropertySymbols(globalThis)) {
    if (String(key).includes('sts-topology')) delete (globalThis as Record<symbol, unknown>)[key];
  }
  process.env = saved;
  await tc.stop();
});

/** Which part of the request is broken; the rest may be valid. */
type Broken = 'guard' | 'param' | 'target' | 'body';

const GOOD: Record<string, string> = { ns: 'default', name: 'web', pod: 'web-0' };
const MISSING: Record<string, string> = { ns: 'default', name: 'nope', pod: 'nope-0' };

const guardHeaders = (broken: boolean) => (broken
  ? fc.constantFrom<Record<string, string>>(
    {},
    { host: 'evil.example', origin: 'http://evil.example', cookie: `sts_csrf=${TOKEN}`, 'x-csrf-token': TOKEN },
    { host: 'localhost:3000', origin: 'http://evil.example', cookie: `sts_csrf=${TOKEN}`, 'x-csrf-token': TOKEN },
    { host: 'localhost:3000', origin: ORIGIN, cookie: `sts_csrf=${TOKEN}`, 'x-csrf-token': 'B'.repeat(43) },
    { host: 'localhost:3000', origin: ORIGIN, 'x-csrf-token': TOKEN },
    { host: 'localhost:3000', origin: ORIGIN, cookie: `sts_csrf=${TOKEN}` },
    { host: 'localhost:3000', origin: 'null', cookie: 'sts_csrf=short', 'x-csrf-token': 'short' },
  )
  : fc.constant<Record<string, string>>({ host: 'localhost:3000', origin: ORIGIN, cookie: `sts_csrf=${TOKEN}`, 'x-csrf-token': TOKEN }));

/** A body no action accepts: not JSON, not an object, an unknown field, or too big. */
const badBody = fc.oneof(
  notAnObjectText,
  fc.record({ replicas: fc.anything(), partition: fc.anything(), image: fc.anything(), container: fc.anything() }, { requiredKeys: [] })
    .chain((known) => fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['replicas', 'partition', 'image', 'container'].includes(k))
      .map((unknown) => JSON.stringify({ ...known, [unknown]: 1 }))),
  fc.constant(JSON.stringify({ replicas: 1, pad: 'x'.repeat(20_000) })),
);

function requestFor(route: Route) {
  return fc.constantFrom<Broken>('guard', 'param', 'target', 'body').chain((broken) => fc.record({
    broken: fc.constant(broken),
    params: fc.tuple(...route.params.map((p) => (broken === 'param' ? fc.oneof(badSegmentName, fc.constant(GOOD[p] ?? 'web')) : fc.constant((broken === 'target' ? MISSING : GOOD)[p] ?? 'web')))),
    // "param" must break at least one: the first parameter is always bad then.
    firstBad: badSegmentName,
    headers: guardHeaders(broken === 'guard'),
    contentType: broken === 'body' ? fc.oneof(fc.constant('application/json'), wrongContentType.map((t) => t ?? 'application/json')) : fc.constant('application/json'),
    body: broken === 'body' ? badBody : fc.oneof(fc.constant(''), badBody, fc.constant('{}')),
    query: junkQuery,
    lastEventId: fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('-1', '1e309', '99999999999999999999', '0')), { nil: undefined }),
  }));
}

type GeneratedRequest = ReturnType<typeof requestFor> extends fc.Arbitrary<infer T> ? T : never;

async function call(route: Route, method: Method, g: GeneratedRequest): Promise<Response> {
  const values = [...g.params];
  if (g.broken === 'param' && values.length > 0) values[0] = g.firstBad;
  const params = Object.fromEntries(route.params.map((p, i) => [p, values[i]]));
  let path = route.template;
  for (const [p, v] of Object.entries(params)) path = path.replace(`[${p}]`, encodeURIComponent(v));
  const headers = new Headers(g.headers);
  if (method !== 'GET') headers.set('content-type', g.contentType);
  if (g.lastEventId !== undefined) headers.set('last-event-id', g.lastEventId);
  const init: RequestInit = { method, headers, signal: AbortSignal.timeout(15_000) };
  if (method !== 'GET' && g.body !== '') init.body = g.body;
  const request = new Request(`${ORIGIN}${withQuery(path, g.query)}`, init);
  return route.handlers[method]!(request, { params: Promise.resolve(params) });
}

async function judge(route: Route, method: Method, res: Response): Promise<string | null> {
  const what = `${method} ${route.template} -> ${res.status}`;
  // The one 5xx by contract: readiness while the informers have not synced (with the reason).
  if (res.status === 503 && route.template === '/api/readyz') return /"reason":"[^"]+"/.test(await res.text()) ? null : `readiness without a reason: ${what}`;
  if (res.status >= 500) return `server error: ${what} ${await res.text().catch(() => '')}`;
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return null;
  }
  if (res.status < 400) {
    await res.body?.cancel();
    return null;
  }
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error !== 'string' || body.error.length === 0) return `no error message: ${what} ${text.slice(0, 200)}`;
  } catch {
    return `not JSON: ${what} ${text.slice(0, 200)}`;
  }
  return null;
}

describe('dashboard routes: generated bad input', () => {
  it('finds the routes', () => {
    expect(routes.map((r) => r.template)).toEqual(expect.arrayContaining([
      '/api/namespaces', '/api/namespaces/[ns]/statefulsets', '/api/namespaces/[ns]/statefulsets/[name]', '/api/namespaces/[ns]/statefulsets/[name]/watch',
    ]));
  });

  it('control: a well-formed request with the guard headers gets through (so the fuzz reaches the body checks)', async () => {
    const scale = routes.find((r) => r.template.endsWith('/scale'))?.handlers.POST;
    if (!scale) return;
    const send = (body: string) => scale(new Request(`${ORIGIN}/api/namespaces/default/statefulsets/web/scale`, {
      method: 'POST', body, headers: { host: 'localhost:3000', origin: ORIGIN, cookie: `sts_csrf=${TOKEN}`, 'x-csrf-token': TOKEN, 'content-type': 'application/json' },
    }), { params: Promise.resolve({ ns: 'default', name: 'web' }) });
    const refused = await send('{"replicas":"x"}');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ field: 'replicas', error: expect.stringContaining('replicas') });
    const rv = tc.cluster.store.currentRV();
    expect((await send('{"replicas":3}')).status).toBe(200);
    expect(tc.cluster.store.currentRV()).toBeGreaterThan(rv);
    expect((await send('{"replicas":2}')).status).toBe(200);
  });

  it('every route answers every bad request below 500 with a message, and changes nothing', async () => {
    // Each route and method gets its share of the runs (at least 30 each).
    const targets = routes.flatMap((r) => METHODS.filter((m) => r.handlers[m]).map((m) => ({ r, m })));
    const runs = Math.max(30, Math.ceil(fuzzRuns() / 2));
    const seen = new Set<string>();
    for (const { r, m } of targets) {
      await fc.assert(fc.asyncProperty(requestFor(r), async (g) => {
        const rv = tc.cluster.store.currentRV();
        let res: Response;
        try {
          res = await call(r, m, g);
        } catch (e) {
          throw new Error(`${m} ${r.template} threw: ${(e as Error).stack ?? String(e)}`);
        }
        seen.add(`${m} ${r.template} ${res.status}`);
        const problem = await judge(r, m, res);
        if (problem) throw new Error(problem);
        if (tc.cluster.store.currentRV() !== rv) throw new Error(`the cluster changed: ${m} ${r.template} (${g.broken} broken) -> ${res.status}`);
      }), fuzzParams(runs));
    }
    // The generated requests reached past the guards: bodies were refused as bodies (400/422).
    for (const { r, m } of targets.filter((t) => t.m !== 'GET')) {
      if (r.template.startsWith('/api/namespaces/')) expect([...seen].filter((x) => x.startsWith(`${m} ${r.template} 4`) && !x.endsWith(' 403'))).not.toEqual([]);
    }
  }, fuzzTimeoutMs() * 4);
});
