// Issue 7: the server as the container image runs it (`node server.js` in .next/standalone,
// PORT/HOSTNAME=0.0.0.0, configuration from the environment), pointed at the embedded cluster with
// a token-only kubeconfig for the deploy/ ServiceAccount:
// - serves the graph page, /api/healthz, /api/readyz, /api/metrics (Prometheus text format);
// - pages carry the CSP (nonce, no unsafe-eval) and the app runs under it without violations;
// - logs are JSON lines, one per API request and per action, with no token in them;
// - with STS_ACCESS_TOKEN, every page and API route refuses a request without the token, the
//   probes stay open, and a ?token= link or the login form opens the dashboard (also on
//   localhost:<port>, as through `kubectl port-forward`);
// - a malformed variable keeps the probes answering and is named by every other route;
// - SIGTERM closes the SSE streams and the process exits at once.

import { expect, test, type Page } from '@playwright/test';
import { hasKubectl } from '../deploy/render.ts';
import { appRoutes } from './tools/app-routes.ts';
import { EVERY_ACTION, runActions, startDeployedServer, startRbacEnv, type RbacEnv } from './tools/deployed.ts';
import type { Standalone } from './tools/standalone.ts';

test.skip(!hasKubectl(), 'kubectl is not installed: deploy/ is rendered with `kubectl kustomize`');
test.describe.configure({ mode: 'serial' });

const ACCESS_TOKEN = 'workshop-access-token-7f3a9c';

let env: RbacEnv;
let server: Standalone | null = null;

test.beforeAll(async () => {
  env = await startRbacEnv();
  await env.apply('default');
});
test.afterEach(async () => { await server?.stop(); server = null; });
test.afterAll(async () => { await env?.stop(); });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text()); });
  return violations;
}

test('serves the graph page, the probes and the metrics; pages carry the CSP and run under it', async ({ page }) => {
  server = await startDeployedServer(env);
  const s = server;
  expect((await fetch(`${s.url}/api/healthz`)).status).toBe(200);
  await expect.poll(async () => (await fetch(`${s.url}/api/readyz`)).status, { timeout: 30_000 }).toBe(200);

  const violations = watchCsp(page);
  const response = await page.goto(`${s.url}/namespaces/default/statefulsets/web`);
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
  expect(response!.headers()['permissions-policy']).toContain('camera=()');
  await expect(node(page, 'Pod/default/web-1')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  // The theme boot script (allowed by hash) ran before hydration.
  expect(await page.evaluate(() => document.documentElement.style.colorScheme)).toMatch(/^(light|dark)$/);
  expect(violations).toEqual([]);

  await runActions(page, [EVERY_ACTION[0]]);
  const metrics = await fetch(`${s.url}/api/metrics`);
  expect(metrics.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = await metrics.text();
  expect(text).toMatch(/^sts_sse_clients 1$/m);
  expect(Number(/^sts_upstream_watches (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(7);
  expect(text).toMatch(/^sts_upstream_events_total\{resource="pods",type="ADDED"\} \d+$/m);
  expect(text).toMatch(/^sts_sse_messages_total\{event="snapshot"\} \d+$/m);
  expect(text).toMatch(/^sts_actions_total\{action="scale",outcome="ok"\} 1$/m);
  expect(text).toMatch(/^sts_event_to_send_seconds_count [1-9]\d*$/m);
  // The PV watch is refused by RBAC (no optional ClusterRole): counted and logged as a cluster error.
  expect(text).toMatch(/^sts_upstream_list_failures_total\{resource="persistentvolumes"\} [1-9]/m);

  const logs = s.logs();
  expect(logs.find((l) => l.msg === 'request' && l.path === '/api/namespaces/default/statefulsets/web/scale')).toMatchObject({ level: 'info', method: 'POST', status: 200 });
  expect(logs.find((l) => l.msg === 'action')).toMatchObject({ action: 'scale', namespace: 'default', name: 'web', outcome: 'ok' });
  expect(logs.find((l) => l.msg === 'cluster error' && l.resource === 'persistentvolumes')).toMatchObject({ level: 'warn', status: 403, reason: 'Forbidden' });
});

test('with STS_ACCESS_TOKEN every page and API route refuses a request without it; the probes stay open', async () => {
  server = await startDeployedServer(env, { STS_ACCESS_TOKEN: ACCESS_TOKEN });
  const routes = appRoutes();
  expect(routes.filter((r) => r.kind === 'api').length).toBeGreaterThanOrEqual(12);
  const open = new Set(['/api/healthz', '/api/readyz', '/login', '/api/login']);
  for (const r of routes) {
    for (const method of r.methods) {
      const res = await fetch(server.url + r.path, { method, redirect: 'manual', headers: { 'content-type': 'application/json', Origin: server.url } });
      const what = `${method} ${r.path}`;
      if (open.has(r.path)) {
        // Open: answered by the route itself (readyz may still be 503 while syncing).
        expect(res.status, what).not.toBe(401);
        expect(res.headers.get('location') ?? '', what).not.toMatch(/^\/login/);
      } else if (r.kind === 'api') {
        expect(res.status, what).toBe(401);
        expect(await res.json(), what).toMatchObject({ reason: 'Unauthorized' });
      } else {
        expect(res.status, what).toBe(303);
        expect(res.headers.get('location'), what).toMatch(/^\/login/);
      }
    }
  }
  // A wrong token is refused too; the right one opens the API.
  expect((await fetch(`${server.url}/api/namespaces`, { headers: { Authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
  expect((await fetch(`${server.url}/api/namespaces`, { headers: { Authorization: `Bearer ${ACCESS_TOKEN}` } })).status).toBe(200);
  expect(server.output.join('\n')).not.toContain(ACCESS_TOKEN);
});

test('through a port-forward (Host localhost:<port>): a ?token= link sets the cookie once; the login form works', async ({ page, context }) => {
  server = await startDeployedServer(env, { STS_ACCESS_TOKEN: ACCESS_TOKEN });
  const base = `http://localhost:${server.port}`;
  const violations = watchCsp(page);
  await page.goto(`${base}/namespaces/default/statefulsets/web?token=${ACCESS_TOKEN}`);
  await expect(page).toHaveURL(`${base}/namespaces/default/statefulsets/web`);
  await expect(node(page, 'Pod/default/web-1')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const cookie = (await context.cookies()).find((c) => c.name === 'sts_token');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
  // The page's own API calls and actions go through with the cookie alone.
  const [scaled] = await runActions(page, [{ method: 'POST', path: '/api/namespaces/default/statefulsets/web/scale', body: { replicas: 2 } }]);
  expect(scaled.status).toBe(200);

  await context.clearCookies();
  await page.goto(`${base}/namespaces/default/statefulsets/web`);
  await expect(page).toHaveURL(`${base}/login?next=%2Fnamespaces%2Fdefault%2Fstatefulsets%2Fweb`);
  await page.getByLabel('Access token').fill('wrong-token-wrong-token');
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That access token is wrong.' })).toBeVisible();
  await page.getByLabel('Access token').fill(ACCESS_TOKEN);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await expect(page).toHaveURL(`${base}/namespaces/default/statefulsets/web`);
  await expect(node(page, 'Pod/default/web-0')).toBeVisible();
  expect(violations).toEqual([]);
});

test('a malformed variable: the probes still answer (liveness up, readiness down), every other route names the variable', async () => {
  server = await startDeployedServer(env, { STS_LOG_LEVEL: 'loud', STS_ACCESS_TOKEN: 'too-short' });
  expect((await fetch(`${server.url}/api/healthz`)).status).toBe(200);
  expect((await fetch(`${server.url}/api/readyz`)).status).toBe(503);
  const res = await fetch(`${server.url}/api/namespaces`);
  expect(res.status).toBe(500);
  const body = (await res.json()) as { error: string };
  expect(body.error).toContain('STS_LOG_LEVEL="loud" is not valid');
  expect(body.error).toContain('STS_ACCESS_TOKEN=(value hidden) is not valid');
  expect(body.error).not.toContain('too-short');
  expect(server.logs().find((l) => l.msg === 'configuration error')).toBeDefined();
});

test('SIGTERM closes the SSE streams and the server exits at once', async ({ page }) => {
  server = await startDeployedServer(env);
  await page.goto(`${server.url}/namespaces/default/statefulsets/web`);
  await expect(node(page, 'Pod/default/web-1')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const { ms } = await server.signal('SIGTERM');
  // Without closing the streams, Next.js would wait for them until killed.
  expect(ms).toBeLessThan(3_000);
  expect(server.logs().find((l) => l.msg === 'shutdown')).toMatchObject({ signal: 'SIGTERM', sseClientsClosed: 1 });
});
