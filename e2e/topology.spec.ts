// Issue 4: the live topology of a StatefulSet, against the embedded cluster, driven by kubectl.

import { expect, test, type Page } from '@playwright/test';
import { hasKubectl, startInstance, type Instance } from './tools/instance.ts';

test.skip(!hasKubectl(), 'kubectl is not installed: these tests drive the cluster with kubectl');

let inst: Instance;
test.beforeAll(async () => { inst = await startInstance(['--speed', '10']); });
test.afterAll(async () => { await inst?.stop(); });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

function kubectlOk(args: string[], input?: string): string {
  const r = inst.kubectl(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function x(page: Page, id: string): Promise<number> {
  const box = await node(page, id).boundingBox();
  if (!box) throw new Error(`${id} has no box`);
  return box.x;
}

test('the seeded web set: pods in ordinal order with DNS names, IPs, PVCs bound to PVs, the headless Service', async ({ page }) => {
  await page.goto(inst.url);
  await expect(page).toHaveURL(/\/namespaces\/default\/statefulsets\/web$/);
  for (const n of [0, 1]) {
    const pod = node(page, `Pod/default/web-${n}`);
    await expect(pod).toHaveAttribute('data-status', 'Running');
    await expect(pod).toHaveAttribute('data-ready', 'true');
    await expect(pod).toContainText(`web-${n}.nginx.default.svc.cluster.local`);
    const ip = kubectlOk(['get', 'pod', `web-${n}`, '-o', 'jsonpath={.status.podIP}']);
    expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
    await expect(pod).toContainText(ip);
    await expect(node(page, `PersistentVolumeClaim/default/www-web-${n}`)).toHaveAttribute('data-status', 'Bound');
    const pv = kubectlOk(['get', 'pvc', `www-web-${n}`, '-o', 'jsonpath={.spec.volumeName}']);
    await expect(node(page, `PersistentVolume/${pv}`)).toBeVisible();
  }
  expect(await x(page, 'Pod/default/web-0')).toBeLessThan(await x(page, 'Pod/default/web-1'));
  const svc = node(page, 'Service/default/nginx');
  await expect(svc).toContainText('Headless');
  await expect(page.getByRole('button', { name: 'Connection' }).or(page.getByLabel('Connection'))).toContainText('Live');
});

test('a set page opens its watch stream and asks for its session from <head>, before the bundle runs; the page adopts both, and the controls come with the first drawing of the graph', async ({ page }) => {
  const watches: string[] = [];
  const sessions: string[] = [];
  const cspErrors: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/watch')) watches.push(r.url());
    if (new URL(r.url()).pathname === '/api/session') sessions.push(r.url());
  });
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
  // Whether the controls were on the page when the graph's first node was: a bar that comes later
  // shrinks the graph's pane and makes it refit right after the first drawing.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('.react-flow__node')) return;
      (window as unknown as { controlsAtFirstDraw: boolean }).controlsAtFirstDraw = document.querySelector('section[aria-label="Controls"]') !== null;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${inst.url}/namespaces/default/statefulsets/web`);
  await expect(node(page, 'Pod/default/web-0')).toHaveAttribute('data-status', 'Running');
  await expect(page.getByRole('region', { name: 'Controls' })).toBeVisible();
  // Blocked by the CSP, the page would log it; not adopted, the hook would open a second stream
  // and useSession would ask again.
  expect(cspErrors).toEqual([]);
  expect(watches).toEqual([`${inst.url}/api/namespaces/default/statefulsets/web/watch`]);
  expect(sessions).toEqual([`${inst.url}/api/session`]);
  expect(await page.evaluate(() => (window as unknown as { controlsAtFirstDraw?: boolean }).controlsAtFirstDraw)).toBe(true);
  await expect(page.getByLabel('Connection')).toContainText('Live');
});

test('the page\'s scripts are served as built: not gzipped by the Node process, cached for good', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (r) => { if (r.request().resourceType() === 'script' && new URL(r.url()).pathname.startsWith('/_next/static/')) scripts.push(r.url()); });
  await page.goto(`${inst.url}/namespaces/default/statefulsets/web`);
  await expect(node(page, 'Pod/default/web-0')).toBeVisible();
  expect(scripts.length).toBeGreaterThan(0);
  for (const url of scripts) {
    const res = await page.request.get(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.status()).toBe(200);
    // Compressing on every first visit cost CPU the browser needed (next.config.js compress).
    expect(res.headers()['content-encoding']).toBeUndefined();
    // Content-hashed names: a browser keeps them, so the raw bytes cross the wire once.
    expect(res.headers()['cache-control']).toContain('immutable');
  }
});

test('kubectl changes appear without a reload: scale, pod deletion (new IP), image patch', async ({ page }) => {
  await page.goto(`${inst.url}/namespaces/default/statefulsets/web`);
  await expect(node(page, 'Pod/default/web-1')).toHaveAttribute('data-ready', 'true');
  const marker = await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; return 42; });

  kubectlOk(['scale', 'sts', 'web', '--replicas=3']);
  await expect(node(page, 'Pod/default/web-2')).toHaveAttribute('data-ready', 'true');
  await expect(node(page, 'PersistentVolumeClaim/default/www-web-2')).toHaveAttribute('data-status', 'Bound');

  const oldIP = kubectlOk(['get', 'pod', 'web-1', '-o', 'jsonpath={.status.podIP}']);
  kubectlOk(['delete', 'pod', 'web-1', '--wait=false']);
  await expect(node(page, 'Pod/default/web-1')).toContainText(`was ${oldIP}`, { timeout: 20_000 });
  await expect(node(page, 'Pod/default/web-1')).toHaveAttribute('data-ready', 'true');

  kubectlOk(['patch', 'sts', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx-slim:0.7"}]']);
  await expect.poll(() => inst.kubectl(['get', 'sts', 'web', '-o', 'jsonpath={.status.updatedReplicas}']).stdout, { timeout: 30_000 }).toBe('3');
  await expect(page.getByText(/roll out complete/).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(marker);
});

const set = (name: string, service: string, replicas: number, policy = 'Parallel') => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
  spec: {
    serviceName: service, replicas, podManagementPolicy: policy,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } },
  },
});

test('a 12-replica set is laid out by ordinal: big-2 left of big-10', async ({ page }) => {
  kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'big' }, spec: { clusterIP: 'None', selector: { app: 'big' }, ports: [{ port: 80, name: 'web' }] } }));
  kubectlOk(['apply', '-f', '-'], set('big', 'big', 12));
  await page.goto(`${inst.url}/namespaces/default/statefulsets/big`);
  await expect(node(page, 'Pod/default/big-10')).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  expect(await x(page, 'Pod/default/big-2')).toBeLessThan(await x(page, 'Pod/default/big-10'));
  // Large sets wrap into rows: reading order (row by row, left to right) is ordinal order.
  const boxes: Array<{ i: number; x: number; y: number }> = [];
  for (let i = 0; i < 12; i++) {
    const b = (await node(page, `Pod/default/big-${i}`).boundingBox())!;
    boxes.push({ i, x: b.x, y: b.y });
  }
  const reading = [...boxes].sort((a, b) => (Math.abs(a.y - b.y) > 5 ? a.y - b.y : a.x - b.x)).map((b) => b.i);
  expect(reading).toEqual([...Array(12).keys()]);
});

test('a 60-replica set is drawn as tiles: each pod a tile with its status, live; a click opens its details', async ({ page }) => {
  kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'many' }, spec: { clusterIP: 'None', selector: { app: 'many' }, ports: [{ port: 80, name: 'web' }] } }));
  kubectlOk(['apply', '-f', '-'], set('many', 'many', 60));
  await page.goto(`${inst.url}/namespaces/default/statefulsets/many`);
  const tile = (n: number) => page.locator(`[data-tile][data-id="Pod/default/many-${n}"]`);
  await expect(tile(59)).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.locator('[data-tile][data-kind="Pod"]')).toHaveCount(60);
  // The set and its Service keep their cards; no pod is a React Flow node of its own.
  await expect(node(page, 'StatefulSet/default/many')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-kind="Pod"]')).toHaveCount(0);
  // Reading order is ordinal order here too.
  const a = (await tile(2).boundingBox())!;
  const b = (await tile(10).boundingBox())!;
  expect(a.y < b.y - 5 || (Math.abs(a.y - b.y) <= 5 && a.x < b.x)).toBe(true);
  // Live: a deleted pod's tile leaves Ready and comes back.
  kubectlOk(['delete', 'pod', 'many-7', '--wait=false']);
  await expect(tile(7)).not.toHaveAttribute('data-ready', 'true');
  await expect(tile(7)).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await tile(3).click();
  await expect(page.getByRole('region', { name: 'Details of Pod many-3' }).or(page.locator('[data-detail-id="Pod/default/many-3"]'))).toBeVisible();
  // Keyboard: the field is one tab stop; the arrow keys move the active tile (announced through
  // aria-activedescendant), Enter opens its details. The clicked tile is where it starts.
  const field = page.getByRole('group', { name: /pods, claims and volumes/ });
  await field.focus();
  await expect(field).toHaveAttribute('aria-activedescendant', 'tile:Pod/default/many-3');
  await field.press('ArrowRight');
  await expect(field).toHaveAttribute('aria-activedescendant', 'tile:Pod/default/many-4');
  await expect(page.locator('[id="tile:Pod/default/many-4"]')).toHaveAttribute('aria-label', /^Pod many-4: /);
  await field.press('ArrowDown');
  await expect(field).toHaveAttribute('aria-activedescendant', /^tile:Pod\/default\/many-\d+$/);
  const below = (await field.getAttribute('aria-activedescendant'))!.replace('tile:Pod/default/', '');
  expect(below).not.toBe('many-4');
  await field.press('Enter');
  await expect(page.getByRole('region', { name: `Details of Pod ${below}` }).or(page.locator(`[data-detail-id="Pod/default/${below}"]`))).toBeVisible();
  kubectlOk(['delete', 'sts', 'many']);
});

test('a Service that is not headless, and a missing one, show their warnings', async ({ page }) => {
  kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'plain' }, spec: { selector: { app: 'plain' }, ports: [{ port: 80, name: 'web' }] } }));
  kubectlOk(['apply', '-f', '-'], set('plain', 'plain', 1));
  await page.goto(`${inst.url}/namespaces/default/statefulsets/plain`);
  await expect(page.getByText(/Service 'plain' is not headless/).first()).toBeVisible();

  kubectlOk(['apply', '-f', '-'], set('lonely', 'nowhere', 1));
  await page.goto(`${inst.url}/namespaces/default/statefulsets/lonely`);
  await expect(page.getByText(/No Service named 'nowhere' in namespace 'default'/).first()).toBeVisible();
});
