// Issue 6: the DNS lookup panel against the embedded cluster (its DNS server answers over UDP):
// the search path of `nslookup web-0.nginx` in a pod, the failure reasons of lesson 2's
// "Why does nslookup fail?", and a pod card's DNS name opening the lookup.

import { expect, test, type Page } from '@playwright/test';
import { hasKubectl, startInstance, type Instance } from './tools/instance.ts';

test.skip(!hasKubectl(), 'kubectl is not installed: these tests drive the cluster with kubectl');

let inst: Instance;
test.beforeAll(async () => { inst = await startInstance(['--speed', '10']); });
test.afterAll(async () => { await inst?.stop(); });

const NEVER_READY = 'sim.sts-topology.dev/never-ready';

function kubectlOk(args: string[]): string {
  const r = inst.kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const podReady = (name: string) => inst.kubectl(['get', 'pod', name, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']).stdout;

async function openDashboard(page: Page): Promise<void> {
  await page.goto(inst.url);
  await expect(page).toHaveURL(/\/namespaces\/default\/statefulsets\/web$/);
  await expect(page.locator('.react-flow__node[data-id="Pod/default/web-1"]')).toHaveAttribute('data-ready', 'true');
}

async function lookUp(page: Page, name: string, from: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'DNS lookup' });
  await panel.getByLabel('Name', { exact: true }).fill(name);
  await panel.getByLabel('From namespace', { exact: true }).selectOption(from);
  await panel.getByRole('button', { name: 'Look up' }).click();
}

const panel = (page: Page) => page.getByRole('region', { name: 'DNS lookup' });
const steps = (page: Page) => panel(page).getByRole('list', { name: 'Search path' }).getByRole('listitem');

test('web-0.nginx from default: the search-path steps, and web-0 IP as the answer', async ({ page }) => {
  await openDashboard(page);
  const ip = kubectlOk(['get', 'pod', 'web-0', '-o', 'jsonpath={.status.podIP}']);
  expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
  await lookUp(page, 'web-0.nginx', 'default');

  const first = steps(page).first();
  await expect(first).toHaveAttribute('data-candidate', 'web-0.nginx.default.svc.cluster.local');
  await expect(first).toHaveAttribute('data-answered', 'true');
  await expect(first).toContainText('answered');
  await expect(first).toContainText(`answer: ${ip}`);
  // The rest of the search path is listed, not tried: the resolver stopped at the answer.
  await expect(steps(page)).toHaveCount(4);
  await expect(steps(page).nth(1)).toHaveAttribute('data-candidate', 'web-0.nginx.svc.cluster.local');
  await expect(steps(page).nth(1)).toContainText('not tried');
  await expect(panel(page).getByRole('list', { name: 'Records' })).toHaveText(`A ${ip}`);
  await expect(panel(page).locator('[data-dns-reason]')).toContainText('web-0 is Ready and published');
  await expect(panel(page).locator('[data-dns-source]')).toHaveAttribute('data-dns-source', 'embedded-dns');
  await expect(panel(page).locator('[data-dns-source]')).toContainText("Asked the embedded cluster's DNS server");
});

test('the wrong namespace: from kube-system, no Service named nginx there', async ({ page }) => {
  await openDashboard(page);
  await lookUp(page, 'web-0.nginx', 'kube-system');
  await expect(steps(page).first()).toHaveAttribute('data-candidate', 'web-0.nginx.kube-system.svc.cluster.local');
  await expect(steps(page).first()).toHaveAttribute('data-rcode', 'NXDOMAIN');
  await expect(panel(page).locator('[data-dns-answer]')).toContainText('No answer');
  await expect(panel(page).locator('[data-dns-reason]')).toContainText("no Service named 'nginx' in namespace 'kube-system'");
});

test("clicking a pod's DNS name opens the lookup with the answer", async ({ page }) => {
  await openDashboard(page);
  const ip = kubectlOk(['get', 'pod', 'web-0', '-o', 'jsonpath={.status.podIP}']);
  await page.locator('.react-flow__node[data-id="Pod/default/web-0"]').getByRole('button', { name: 'DNS lookup web-0.nginx.default.svc.cluster.local' }).click();
  await expect(panel(page).getByLabel('Name', { exact: true })).toHaveValue('web-0.nginx');
  await expect(panel(page).getByLabel('From namespace', { exact: true })).toHaveValue('default');
  await expect(steps(page).first()).toHaveAttribute('data-answered', 'true');
  await expect(panel(page).getByRole('list', { name: 'Records' })).toHaveText(`A ${ip}`);
  await expect(panel(page)).toBeInViewport();
});

test('a pod that is not Ready: NXDOMAIN, and the reason says so', async ({ page }) => {
  await openDashboard(page);
  kubectlOk(['annotate', 'pod', 'web-1', `${NEVER_READY}=true`, '--overwrite']);
  try {
    // The simulated kubelet drops readiness on the annotation.
    await expect.poll(() => podReady('web-1'), { timeout: 20_000 }).toBe('False');
    await expect(page.locator('.react-flow__node[data-id="Pod/default/web-1"]')).toHaveAttribute('data-ready', 'false');
    await lookUp(page, 'web-1.nginx', 'default');
    await expect(steps(page).first()).toHaveAttribute('data-candidate', 'web-1.nginx.default.svc.cluster.local');
    await expect(steps(page).first()).toHaveAttribute('data-rcode', 'NXDOMAIN');
    await expect(steps(page)).toHaveCount(4);
    await expect(panel(page).locator('[data-dns-answer]')).toContainText('No answer');
    await expect(panel(page).locator('[data-dns-reason]')).toContainText('web-1 is not Ready, so it is not published');
  } finally {
    kubectlOk(['annotate', 'pod', 'web-1', `${NEVER_READY}-`]);
  }
  await expect.poll(() => podReady('web-1'), { timeout: 20_000 }).toBe('True');
});
