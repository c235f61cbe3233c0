// Issue 7: the dashboard's Role is exactly what it uses. The standalone server (as the image runs
// it) talks to the embedded cluster with RBAC enforced, as the deploy/ ServiceAccount (token-only
// kubeconfig). Every feature that reaches the cluster is exercised (page load, watch stream, each
// action route); the authorizer records every (verb, group, resource, subresource) and:
// - no call may be refused except the documented optional ones (the dashboard degrades: it
//   lists namespaces when it may, reads PVs/StorageClasses only with the optional ClusterRole);
// - nothing the Role grants may go unused (least privilege), for the full and read-only variants.

import { expect, test, type Page } from '@playwright/test';
import type { AccessRecord } from '../lib/sim/rbac/authorizer.ts';
import { grantKey, recordGrant, rulesInManifests, unusedGrants } from '../lib/sim/rbac/coverage.ts';
import { hasKubectl } from '../deploy/render.ts';
import { EVERY_ACTION, runActions, SA_USER, startDeployedServer, startRbacEnv, type RbacEnv } from './tools/deployed.ts';
import type { Standalone } from './tools/standalone.ts';

test.skip(!hasKubectl(), 'kubectl is not installed: deploy/ is rendered with `kubectl kustomize`');
test.describe.configure({ mode: 'serial' });

/** Calls the dashboard makes knowing they may be refused, and handles (see the header). */
const OPTIONAL = new Set([
  'list namespaces',
  'list persistentvolumes', 'watch persistentvolumes',
  'list storageclasses.storage.k8s.io', 'watch storageclasses.storage.k8s.io',
]);

let env: RbacEnv;
let server: Standalone | null = null;

test.beforeAll(async () => { env = await startRbacEnv(); });
test.afterAll(async () => { await server?.stop(); await env?.stop(); });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

async function openDashboard(page: Page, base: string): Promise<void> {
  await page.goto(base);
  await expect(page).toHaveURL(/\/namespaces\/default\/statefulsets\/web$/);
  await expect(node(page, 'Pod/default/web-1')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(node(page, 'PersistentVolumeClaim/default/www-web-1')).toBeVisible();
}

function byDashboard(records: AccessRecord[]): AccessRecord[] {
  // Nothing else talks to the cluster over HTTP in this test; a record by anyone else would
  // mean the dashboard did not authenticate as its ServiceAccount.
  expect(records.map((r) => r.user).filter((u) => u !== SA_USER)).toEqual([]);
  return records.filter((r) => r.resource !== '');
}

function refusedNonOptional(records: AccessRecord[]): string[] {
  return records.filter((r) => !r.allowed).map((r) => grantKey(recordGrant(r))).filter((k) => !OPTIONAL.has(k));
}

test('full variant: every dashboard feature works with deploy/ RBAC, and the Role grants nothing unused', async ({ page }) => {
  const manifests = await env.apply('default');
  server = await startDeployedServer(env);
  env.authz.reset();
  await openDashboard(page, server.url);
  const answers = await runActions(page, EVERY_ACTION);
  expect(answers.map((a) => a.status), JSON.stringify(answers)).toEqual(EVERY_ACTION.map(() => 200));
  // The stream keeps working after the actions: the scaled-up pod appears.
  await expect(node(page, 'Pod/default/web-2')).toBeVisible({ timeout: 30_000 });
  // PVs are hidden by RBAC (the optional ClusterRole is not applied) and the page says so.
  await expect(page.getByText(/PersistentVolumes: forbidden by RBAC/).first()).toBeVisible();

  const records = byDashboard(env.authz.records());
  expect(refusedNonOptional(records)).toEqual([]);
  expect(unusedGrants(rulesInManifests(manifests), records).map(grantKey)).toEqual([]);
  // Sanity: the calls that matter were seen and allowed.
  const allowed = new Set(records.filter((r) => r.allowed).map((r) => grantKey(recordGrant(r))));
  for (const k of ['watch pods', 'list statefulsets.apps', 'patch statefulsets/scale.apps', 'delete pods', 'patch statefulsets.apps']) expect(allowed).toContain(k);
  await server.stop();
  server = null;
});

test('with the optional PV component: PVs are read and nothing is refused', async ({ page }) => {
  const manifests = await env.apply('with-volumes');
  server = await startDeployedServer(env);
  env.authz.reset();
  await openDashboard(page, server.url);
  const pvc = env.cluster.store.get('persistentvolumeclaims', 'default', 'www-web-1');
  await expect(node(page, `PersistentVolume/${(pvc?.spec as { volumeName: string }).volumeName}`)).toBeVisible();
  const records = byDashboard(env.authz.records());
  expect(records.filter((r) => !r.allowed).map((r) => grantKey(recordGrant(r)))).toEqual(['list namespaces']);
  const clusterRules = rulesInManifests(manifests, ['ClusterRole']);
  expect(unusedGrants(clusterRules, records).map(grantKey)).toEqual([]);
  await server.stop();
  server = null;
});

test('read-only variant: the read-only Role grants nothing beyond what read-only mode uses', async ({ page }) => {
  const manifests = await env.apply('read-only');
  server = await startDeployedServer(env, { STS_READ_ONLY: 'true' });
  env.authz.reset();
  await openDashboard(page, server.url);
  await expect(page.getByRole('button', { name: /^Delete pod/ })).toHaveCount(0);
  const answers = await runActions(page, EVERY_ACTION);
  expect(answers.every((a) => a.status === 403 && a.body.reason === 'ReadOnly'), JSON.stringify(answers)).toBe(true);
  const records = byDashboard(env.authz.records());
  expect(refusedNonOptional(records)).toEqual([]);
  expect(records.filter((r) => !['get', 'list', 'watch'].includes(r.verb))).toEqual([]);
  expect(unusedGrants(rulesInManifests(manifests, ['Role']), records).map(grantKey)).toEqual([]);
  await server.stop();
  server = null;
});

test('a Role without `delete pods`: Delete pod answers "forbidden by RBAC", on the route and on the card', async ({ page }) => {
  await env.apply('default');
  const role = structuredClone(env.cluster.store.get('roles.rbac.authorization.k8s.io', 'default', 'sts-topology')!) as unknown as { rules: Array<{ resources: string[]; verbs: string[] }> };
  for (const r of role.rules) if (r.resources.includes('pods')) r.verbs = r.verbs.filter((v) => v !== 'delete');
  env.cluster.store.update('roles.rbac.authorization.k8s.io', role as never);
  server = await startDeployedServer(env);
  await openDashboard(page, server.url);
  const [answer] = await runActions(page, [{ method: 'DELETE', path: '/api/namespaces/default/pods/web-1' }]);
  expect(answer.status).toBe(403);
  expect(answer.body.reason).toBe('Forbidden');
  expect(answer.body.error).toBe(`forbidden by RBAC: pods "web-1" is forbidden: User "${SA_USER}" cannot delete resource "pods" in API group "" in the namespace "default"`);
  expect(env.cluster.store.get('pods', 'default', 'web-1')?.metadata.deletionTimestamp).toBeUndefined();

  await node(page, 'Pod/default/web-0').getByRole('button', { name: 'Delete pod web-0' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(node(page, 'Pod/default/web-0').getByRole('alert')).toContainText('forbidden by RBAC');
  await server.stop();
  server = null;
});
