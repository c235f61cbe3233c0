// The manifests in deploy/: they render with kustomize, validate against the Kubernetes JSON
// schemas (kubernetes-models), pass `kubectl apply -k --dry-run=client` against a running API
// server (the embedded cluster, with its discovery and OpenAPI), and say what the README says:
// non-root, read-only root filesystem, probes on the open endpoints, read-only variant without
// a single write verb. Skipped with a message where kubectl is not installed.

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../lib/kube/types.ts';
import type { EmbeddedCluster } from '../lib/sim/cluster.ts';
import { writeKubeconfig } from '../lib/sim/kubeconfig.ts';
import { parseManifests } from '../lib/sim/rbac/coverage.ts';
import type { PolicyRule } from '../lib/sim/rbac/policy.ts';
import { ADMIN_USER, startRbacCluster } from '../lib/sim/rbac/rbac-cluster.ts';
import { DEPLOY_DIR, hasKubectl, kubectl, renderVariant, type Variant } from './render.ts';

const HAS_KUBECTL = hasKubectl();
if (!HAS_KUBECTL) console.warn('kubectl not found on PATH: skipping the deploy/ manifest tests (install kubectl to run them)');

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Deployment, Service, ServiceAccount, Role, RoleBinding, ClusterRole, ClusterRoleBinding,
};

const rendered = new Map<Variant, KubeObject[]>();
const objectsOf = (v: Variant) => rendered.get(v)!;
const find = (v: Variant, kind: string) => objectsOf(v).filter((o) => o.kind === kind);

type Container = {
  name: string; ports?: Array<{ name?: string; containerPort: number }>; env?: Array<{ name: string; value?: string }>;
  securityContext?: Record<string, unknown>; readinessProbe?: { httpGet?: { path: string } }; livenessProbe?: { httpGet?: { path: string } };
};

describe('deploy/ manifest files (no kubectl needed)', () => {
  it.each(['base', 'components/persistent-volumes'])('%s: every object validates against the Kubernetes schema', (dir) => {
    const files = readdirSync(join(DEPLOY_DIR, dir)).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    const objects = files.flatMap((f) => parseManifests(readFileSync(join(DEPLOY_DIR, dir, f), 'utf8')));
    expect(objects.length).toBeGreaterThanOrEqual(files.length);
    for (const o of objects) {
      const Model = MODELS[o.kind ?? ''];
      expect(Model, `no schema for ${o.kind}`).toBeDefined();
      expect(() => new Model(o as never).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
    }
  });
});

describe.skipIf(!HAS_KUBECTL)('deploy/ manifests', () => {
  let cluster: EmbeddedCluster;
  let admin: string;
  const AS_SA = '--as=system:serviceaccount:default:sts-topology';

  beforeAll(async () => {
    for (const v of ['default', 'read-only', 'with-volumes'] as const) rendered.set(v, parseManifests(await renderVariant(v)));
    const dir = mkdtempSync(join(tmpdir(), 'sts-deploy-'));
    admin = join(dir, 'admin.kubeconfig');
    // kubectl sends no bearer token over plain http: its requests are the admin's, and it acts
    // as the ServiceAccount by impersonation (--as), as a cluster admin checks RBAC.
    ({ cluster } = await startRbacCluster({ speed: 'instant', tokens: {}, unauthenticated: ADMIN_USER }));
    writeKubeconfig(admin, { server: cluster.url });
  });
  afterAll(async () => { await cluster?.stop(); });

  it.each(['default', 'read-only', 'with-volumes'] as const)('%s: every object validates against the Kubernetes schema', (v) => {
    const kinds = objectsOf(v).map((o) => o.kind);
    expect(kinds).toEqual(expect.arrayContaining(['ServiceAccount', 'Role', 'RoleBinding', 'Service', 'Deployment']));
    for (const o of objectsOf(v)) {
      const Model = MODELS[o.kind ?? ''];
      expect(Model, `no schema for ${o.kind}`).toBeDefined();
      expect(() => new Model(o as never).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
      if (o.kind !== 'ClusterRole' && o.kind !== 'ClusterRoleBinding') expect(o.metadata.namespace).toBe('default');
    }
  });

  it('kubectl apply -k deploy/ --dry-run=client -o yaml renders against a running API server', async () => {
    for (const dir of ['deploy/', 'deploy/read-only/']) {
      const r = await kubectl(['apply', '-k', dir, '--dry-run=client', '-o', 'yaml'], { kubeconfig: admin });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const items = parseManifests(r.out);
      expect(items.map((o) => o.kind).sort()).toEqual(['Deployment', 'Role', 'RoleBinding', 'Service', 'ServiceAccount']);
    }
  });

  it('applied for real, the ServiceAccount gets what the Role says and kubectl prints the API server\'s refusal', async () => {
    const applied = await kubectl(['apply', '-k', 'deploy/'], { kubeconfig: admin });
    expect(applied.err).toBe('');
    expect(applied.out).toContain('role.rbac.authorization.k8s.io/sts-topology created');
    const pods = await kubectl(['get', 'pods', '-n', 'default', AS_SA], { kubeconfig: admin });
    expect(pods.code).toBe(0);
    const del = await kubectl(['delete', 'service', 'nginx', '-n', 'default', AS_SA], { kubeconfig: admin });
    expect(del.code).not.toBe(0);
    expect(del.err.trim()).toBe('Error from server (Forbidden): services "nginx" is forbidden: User "system:serviceaccount:default:sts-topology" cannot delete resource "services" in API group "" in the namespace "default"');
    const other = await kubectl(['get', 'pods', '-n', 'kube-system', AS_SA], { kubeconfig: admin });
    expect(other.err).toContain('cannot list resource "pods" in API group "" in the namespace "kube-system"');
  });

  it('the Deployment runs as a non-root user on a read-only root filesystem, probed on the open endpoints', () => {
    const [deploy] = find('default', 'Deployment') as Array<KubeObject & { spec: { template: { spec: Record<string, unknown> } } }>;
    const pod = deploy.spec.template.spec as { serviceAccountName: string; securityContext: Record<string, unknown>; containers: Container[] };
    expect(pod.serviceAccountName).toBe(find('default', 'ServiceAccount')[0].metadata.name);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const [c] = pod.containers;
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    // Kubernetes sets HOSTNAME to the pod name; server.js would listen on the pod IP only and
    // `kubectl port-forward` (which dials 127.0.0.1 in the pod) would be refused.
    expect(c.env).toContainEqual({ name: 'HOSTNAME', value: '0.0.0.0' });
    expect(c.readinessProbe?.httpGet?.path).toBe('/api/readyz');
    expect(c.livenessProbe?.httpGet?.path).toBe('/api/healthz');
    const [svc] = find('default', 'Service') as Array<KubeObject & { spec: { type: string; ports: Array<{ targetPort: string }> } }>;
    expect(svc.spec.type).toBe('ClusterIP');
    expect(c.ports?.map((p) => p.name)).toContain(svc.spec.ports[0].targetPort);
  });

  it('the read-only variant grants no write verb and sets STS_READ_ONLY', () => {
    const rules = find('read-only', 'Role').flatMap((r) => (r as { rules?: PolicyRule[] }).rules ?? []);
    expect(rules.flatMap((r) => r.verbs ?? []).filter((v) => !['list', 'watch'].includes(v))).toEqual([]);
    const [deploy] = find('read-only', 'Deployment') as Array<KubeObject & { spec: { template: { spec: { containers: Container[] } } } }>;
    expect(deploy.spec.template.spec.containers[0].env).toContainEqual({ name: 'STS_READ_ONLY', value: 'true' });
    expect(find('read-only', 'ClusterRole')).toEqual([]);
  });

  it('the PersistentVolume component adds cluster-wide reads of PVs and StorageClasses, bound to the same ServiceAccount', () => {
    const [role] = find('with-volumes', 'ClusterRole') as Array<KubeObject & { rules: PolicyRule[] }>;
    expect(role.rules.flatMap((r) => r.verbs ?? []).every((v) => ['list', 'watch'].includes(v))).toBe(true);
    expect(role.rules.flatMap((r) => r.resources ?? []).sort()).toEqual(['persistentvolumes', 'storageclasses']);
    const [binding] = find('with-volumes', 'ClusterRoleBinding') as Array<KubeObject & { subjects: Array<Record<string, string>> }>;
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'sts-topology', namespace: 'default' }]);
  });
});
