// The RBAC authorizer over HTTP: a ServiceAccount token gets what its Role grants and nothing
// more; refusals are the Status kube-apiserver sends, word for word; every decision is recorded.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../api/server.ts';
import { R } from '../resources.ts';
import { seedSystem, seedWorkshop } from '../seed.ts';
import { newClusterStore } from '../store/new-store.ts';
import type { Store } from '../store/store.ts';
import { createRbacAuthorizer, type RbacAuthorizer } from './authorizer.ts';
import { loadRbacManifests } from './coverage.ts';
import { serviceAccountUser } from './policy.ts';

const SA = 'system:serviceaccount:default:sts-topology';
const ROLE = `
apiVersion: v1
kind: ServiceAccount
metadata: {name: sts-topology, namespace: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: sts-topology, namespace: default}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch, delete]
- apiGroups: [apps]
  resources: [statefulsets/scale]
  verbs: [patch]
- apiGroups: [""]
  resources: [configmaps]
  resourceNames: [allowed]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: sts-topology, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: sts-topology}
subjects:
- {kind: ServiceAccount, name: sts-topology, namespace: default}
`;

let store: Store;
let api: ApiServer;
let authz: RbacAuthorizer;

beforeAll(async () => {
  store = newClusterStore();
  seedSystem(store);
  seedWorkshop(store);
  authz = createRbacAuthorizer({
    store,
    tokens: { 'sa-token': serviceAccountUser('default', 'sts-topology'), 'admin-token': { username: 'admin', groups: ['system:masters', 'system:authenticated'] } },
  });
  api = await startApiServer({ store, interceptors: [authz.interceptor] });
  loadRbacManifests(store, ROLE);
  store.create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });
});
afterAll(async () => { await api.close(); });
beforeEach(() => authz.reset());

async function call(token: string | null, method: string, path: string, body?: unknown, contentType = 'application/json', extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'content-type': contentType, ...extra };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(api.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, json: await r.json().catch(() => ({})) as Record<string, unknown> };
}

describe('a ServiceAccount token', () => {
  it('may do what its Role grants', async () => {
    expect((await call('sa-token', 'GET', '/api/v1/namespaces/default/pods')).status).toBe(200);
    const scale = await call('sa-token', 'PATCH', '/apis/apps/v1/namespaces/default/statefulsets/web/scale', { spec: { replicas: 3 } }, 'application/merge-patch+json');
    expect(scale.status).toBe(200);
    expect(store.get(R.statefulsets, 'default', 'web')!.spec).toMatchObject({ replicas: 3 });
  });

  it('is refused anything else with the Status kube-apiserver sends', async () => {
    const before = store.currentRV();
    const r = await call('sa-token', 'PUT', '/apis/apps/v1/namespaces/default/statefulsets/web/scale', { spec: { replicas: 1 } });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403,
      message: `statefulsets.apps "web" is forbidden: User "${SA}" cannot update resource "statefulsets/scale" in API group "apps" in the namespace "default"`,
      details: { name: 'web', group: 'apps', kind: 'statefulsets' },
    });
    expect(store.currentRV()).toBe(before);

    const list = await call('sa-token', 'GET', '/api/v1/namespaces/kube-system/pods');
    expect(list.json.message).toBe(`pods is forbidden: User "${SA}" cannot list resource "pods" in API group "" in the namespace "kube-system"`);
    expect(list.json.details).toEqual({ kind: 'pods' });

    const pv = await call('sa-token', 'GET', '/api/v1/persistentvolumes?watch=true');
    expect(pv.json.message).toBe(`persistentvolumes is forbidden: User "${SA}" cannot watch resource "persistentvolumes" in API group "" at the cluster scope`);
  });

  it('is held to resourceNames', async () => {
    store.create(R.configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'allowed', namespace: 'default' } });
    store.create(R.configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'default' } });
    expect((await call('sa-token', 'GET', '/api/v1/namespaces/default/configmaps/allowed')).status).toBe(200);
    expect((await call('sa-token', 'GET', '/api/v1/namespaces/default/configmaps/other')).status).toBe(403);
    expect((await call('sa-token', 'GET', '/api/v1/namespaces/default/configmaps')).status).toBe(403);
  });

  it('loses a right as soon as the Role loses it (read live from the store)', async () => {
    const role = structuredClone(store.get(R.roles, 'default', 'sts-topology')!) as unknown as { rules: Array<{ verbs: string[] }> };
    role.rules[0].verbs = ['list', 'watch'];
    store.update(R.roles, role as never);
    try {
      const r = await call('sa-token', 'DELETE', '/api/v1/namespaces/default/pods/web-0');
      expect(r.status).toBe(403);
      expect(r.json.message).toBe(`pods "web-0" is forbidden: User "${SA}" cannot delete resource "pods" in API group "" in the namespace "default"`);
      expect(store.get(R.pods, 'default', 'web-0')?.metadata.deletionTimestamp).toBeUndefined();
      loadRbacManifests(store, ROLE);
      expect((await call('sa-token', 'DELETE', '/api/v1/namespaces/default/pods/web-0?gracePeriodSeconds=30')).status).toBe(200);
    } finally {
      loadRbacManifests(store, ROLE);
    }
  });

  it('names a binding whose Role is missing, as upstream appends it', async () => {
    loadRbacManifests(store, `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dangling, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: gone}
subjects: [{kind: ServiceAccount, name: sts-topology, namespace: default}]
`);
    try {
      const r = await call('sa-token', 'GET', '/api/v1/namespaces/default/services');
      expect(r.json.message).toBe(`services is forbidden: User "${SA}" cannot list resource "services" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "gone" not found`);
    } finally {
      store.delete(R.roleBindings, 'default', 'dangling');
    }
  });
});

describe('ClusterRoles', () => {
  it('bound by a RoleBinding count in that namespace only; by a ClusterRoleBinding everywhere', async () => {
    loadRbacManifests(store, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: status-reader}
rules: [{apiGroups: ["*"], resources: ["*/status"], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: status-reader, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: status-reader}
subjects: [{kind: ServiceAccount, name: sts-topology, namespace: default}]
`);
    expect((await call('sa-token', 'GET', '/apis/apps/v1/namespaces/default/statefulsets/web/status')).status).toBe(200);
    expect((await call('sa-token', 'GET', '/apis/apps/v1/namespaces/default/statefulsets/web')).status).toBe(403);
    expect((await call('sa-token', 'GET', '/api/v1/namespaces/kube-system/pods/x/status')).status).toBe(403);
    loadRbacManifests(store, `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: status-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: status-reader}
subjects: [{kind: Group, name: "system:serviceaccounts:default"}]
`);
    expect((await call('sa-token', 'GET', '/api/v1/namespaces/kube-system/pods/x/status')).status).toBe(404);
  });
});

describe('authentication', () => {
  it('answers an unknown token 401 Unauthorized', async () => {
    const r = await call('nope', 'GET', '/api/v1/namespaces/default/pods');
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
  });

  it('lets anonymous requests see health and version, nothing else', async () => {
    expect((await call(null, 'GET', '/version')).status).toBe(200);
    expect((await call(null, 'GET', '/healthz')).status).toBe(200);
    const r = await call(null, 'GET', '/api');
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('forbidden: User "system:anonymous" cannot get path "/api"');
    expect((await call(null, 'GET', '/api/v1/namespaces/default/pods')).status).toBe(403);
  });

  it('lets authenticated users read discovery, and system:masters do anything', async () => {
    expect((await call('sa-token', 'GET', '/apis')).status).toBe(200);
    expect((await call('sa-token', 'GET', '/openapi/v3')).status).toBe(200);
    expect((await call('admin-token', 'GET', '/api/v1/namespaces/kube-system/configmaps')).status).toBe(200);
  });
});

describe('impersonation (kubectl --as)', () => {
  const asSA = { 'impersonate-user': SA };
  it('lets system:masters act as the ServiceAccount, with its groups and rights', async () => {
    expect((await call('admin-token', 'GET', '/api/v1/namespaces/default/pods', undefined, 'application/json', asSA)).status).toBe(200);
    const r = await call('admin-token', 'GET', '/api/v1/namespaces/default/services', undefined, 'application/json', asSA);
    expect(r.status).toBe(403);
    expect(r.json.message).toBe(`services is forbidden: User "${SA}" cannot list resource "services" in API group "" in the namespace "default"`);
    expect(authz.records().filter((x) => x.user === SA).map((x) => `${x.verb} ${x.resource} ${x.allowed}`)).toEqual(['list pods true', 'list services false']);
  });

  it('refuses it to anyone without the impersonate verb', async () => {
    const r = await call('sa-token', 'GET', '/api/v1/namespaces/default/pods', undefined, 'application/json', { 'impersonate-user': 'admin' });
    expect(r.status).toBe(403);
    expect(r.json.message).toBe(`users "admin" is forbidden: User "${SA}" cannot impersonate resource "users" in API group "" at the cluster scope`);
    const groupOnly = await call('admin-token', 'GET', '/api', undefined, 'application/json', { 'impersonate-group': 'system:masters' });
    expect(groupOnly.status).toBe(400);
  });
});

describe('records', () => {
  it('keeps every distinct decision with a count', async () => {
    await call('sa-token', 'GET', '/api/v1/namespaces/default/pods');
    await call('sa-token', 'GET', '/api/v1/namespaces/default/pods?limit=500');
    await call('sa-token', 'DELETE', '/api/v1/namespaces/default/services/nginx');
    expect(authz.records()).toEqual([
      { user: SA, verb: 'list', apiGroup: '', resource: 'pods', subresource: '', namespace: 'default', path: '', allowed: true, count: 2 },
      { user: SA, verb: 'delete', apiGroup: '', resource: 'services', subresource: '', namespace: 'default', path: '', allowed: false, count: 1 },
    ]);
  });
});
