// The actions end to end: route handler -> guards -> lib/k8s/actions -> client-node -> the
// embedded cluster with its controllers (instant speed), and the user's action on the set's
// timeline. Also what the user sees when RBAC forbids a verb, and when the cluster is down.

import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { writeKubeconfig } from '../sim/kubeconfig.ts';
import { R } from '../sim/resources.ts';
import type { WireMessage } from '../stream/messages.ts';
import { getHub } from '../stream/server-hub.ts';
import type { Subscriber } from '../stream/subscriber.ts';
import { dashboardClient } from '../guard/testdata/route-client.ts';
import { forbid, freePort, startTestCluster, until, type TestCluster } from './testdata/cluster.ts';

let tc: TestCluster;
const saved = { ...process.env };
const rbac = { deletePods: false, patchScale: false };

/** Answers 403 as RBAC would, for the verbs the test switches off. */
const denied = forbid(() => false);
function rbacInterceptor(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const deny = (rbac.deletePods && req.method === 'DELETE' && url.pathname.includes('/pods/'))
    || (rbac.patchScale && req.method === 'PATCH' && url.pathname.endsWith('/scale'));
  if (!deny) return denied(req, res, url);
  res.writeHead(403, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({
    kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403,
    message: `${url.pathname.split('/').slice(-2).join(' ')} is forbidden: User "system:serviceaccount:default:sts" cannot ${req.method?.toLowerCase()} this resource`,
  }));
  return true;
}

beforeAll(async () => {
  tc = await startTestCluster({ speed: 'instant', empty: false, interceptors: [rbacInterceptor] });
  process.env.STS_KUBECONFIG = tc.kubeconfigPath;
  for (const v of ['STS_NAMESPACES', 'STS_CONTEXT', 'STS_READ_ONLY', 'STS_ALLOWED_HOSTS', 'STS_MAX_REPLICAS']) delete process.env[v];
  await until('web-0 and web-1 Ready', () => pods().filter((p) => ready(p)).length === 2);
});

afterAll(async () => {
  getHub().stop();
  resetSingletons();
  process.env = saved;
  await tc.stop();
});

function resetSingletons(): void {
  for (const key of Object.getOwnPropertySymbols(globalThis)) {
    if (String(key).includes('sts-topology')) delete (globalThis as Record<symbol, unknown>)[key];
  }
}

const store = () => tc.cluster.store;
const web = () => store().get(R.statefulsets, 'default', 'web') as KubeObject & { spec: Record<string, unknown>; status: Record<string, unknown> };
const pods = () => store().list(R.pods, 'default').filter((p) => p.metadata.name?.startsWith('web-'));
const pod = (name: string) => store().get(R.pods, 'default', name);
const uidOf = (name: string) => pod(name)?.metadata.uid;
const ready = (p: KubeObject) => ((p.status as { conditions?: Array<{ type: string; status: string }> })?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') && !p.metadata.deletionTimestamp;
const allReady = (n: number) => () => pods().length === n && pods().every(ready);

/** Every timeline entry a subscriber receives from now on. */
function timelineOf(sub: Subscriber): { texts: string[]; snapshots: number } {
  const seen = { texts: [] as string[], snapshots: 0 };
  const pump = async () => {
    for (;;) {
      const m: WireMessage | null = await sub.next();
      if (!m) return;
      if (m.event === 'snapshot') {
        seen.snapshots++;
        seen.texts.push(...m.data.timeline.map((e) => e.text));
      }
      if (m.event === 'timeline') seen.texts.push(...m.data.map((e) => e.text));
    }
  };
  void pump();
  return seen;
}

describe('actions against the embedded cluster', () => {
  it('scale: the set gets the new replica count, the pods follow, the timeline shows the action', async () => {
    const sub = getHub().subscribe('default', 'web');
    const timeline = timelineOf(sub);
    const client = await dashboardClient();
    expect(await client.scale('web', 4)).toEqual({ status: 200, json: { ok: true, message: 'Scaled web from 2 to 4' } });
    expect(web().spec.replicas).toBe(4);
    await until('4 Ready pods', allReady(4));
    await until('the action on the timeline', () => timeline.texts.includes('Scale 2 -> 4'));
    expect(await client.scale('web', 4)).toEqual({ status: 200, json: { ok: true, message: 'web already has 4 replicas' } });
    expect(await client.scale('web', 2)).toMatchObject({ status: 200, json: { message: 'Scaled web from 4 to 2' } });
    await until('back to 2 Ready pods', allReady(2));
    await until('both actions on the timeline', () => timeline.texts.filter((t) => t.startsWith('Scale')).length === 2);
    sub.close();
  });

  it('delete pod: only a StatefulSet pod, which comes back with the same name', async () => {
    const client = await dashboardClient();
    const before = uidOf('web-1');
    expect(await client.deletePod('web-1')).toEqual({ status: 200, json: { ok: true, message: 'Deleted pod web-1: StatefulSet web re-creates it with the same name' } });
    await until('web-1 re-created and Ready', () => uidOf('web-1') !== before && allReady(2)());

    store().create(R.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lonely', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const lonely = uidOf('lonely');
    const refused = await client.deletePod('lonely');
    expect(refused).toEqual({ status: 409, json: { reason: 'Conflict', error: 'pod "lonely" is not managed by a StatefulSet: the dashboard deletes only StatefulSet pods (which come back with the same name)' } });
    expect(uidOf('lonely')).toBe(lonely);
    expect(await client.deletePod('web-7')).toEqual({ status: 404, json: { reason: 'NotFound', error: 'pod "web-7" in namespace "default" not found' } });
  });

  it('delete-pods: every pod of the set is deleted and re-created', async () => {
    const client = await dashboardClient();
    const before = pods().map((p) => p.metadata.uid);
    const r = await client.deletePods('web');
    expect(r).toEqual({ status: 200, json: { ok: true, message: 'Deleted 2 pods of web (web-0, web-1): the controller re-creates them' } });
    expect(uidOf('lonely')).toBeDefined();
    await until('both re-created and Ready', () => allReady(2)() && pods().every((p) => !before.includes(p.metadata.uid)));
  });

  it('restart: the template gets kubectl.kubernetes.io/restartedAt (RFC 3339, now) and the pods roll', async () => {
    const client = await dashboardClient();
    const revision = web().status.updateRevision;
    expect(await client.restart('web')).toMatchObject({ status: 200, json: { ok: true, message: expect.stringMatching(/^Rolling restart of web started/) } });
    const annotations = (web().spec.template as { metadata: { annotations: Record<string, string> } }).metadata.annotations;
    const at = annotations['kubectl.kubernetes.io/restartedAt'];
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Date.parse(at) - Date.now())).toBeLessThan(5_000);
    await until('every pod on the new revision and Ready', () => {
      const rev = web().status.updateRevision;
      return rev !== revision && allReady(2)() && pods().every((p) => p.metadata.labels?.['controller-revision-hash'] === rev);
    });
  });

  it('image: sets the named container’s image; an unknown container is a 422', async () => {
    const client = await dashboardClient();
    expect(await client.image('web', 'nginx', 'nginx:1.25')).toEqual({ status: 200, json: { ok: true, message: 'Set the image of nginx in web: nginx:1.9.1 -> nginx:1.25' } });
    const containers = (web().spec.template as { spec: { containers: Array<{ name: string; image: string }> } }).spec.containers;
    expect(containers.map((c) => [c.name, c.image])).toEqual([['nginx', 'nginx:1.25']]);
    const rv = web().metadata.resourceVersion;
    expect(await client.image('web', 'sidecar', 'busybox')).toEqual({ status: 422, json: { reason: 'Invalid', field: 'container', error: 'StatefulSet "web" has no container "sidecar" (it has: nginx)' } });
    expect(web().metadata.resourceVersion).toBe(rv);
    await until('the update rolled out', () => allReady(2)() && pods().every((p) => (p.spec as { containers: Array<{ image: string }> }).containers[0].image === 'nginx:1.25'));
  });

  it('partition: sets spec.updateStrategy.rollingUpdate.partition; OnDelete has none (422)', async () => {
    const client = await dashboardClient();
    expect(await client.partition('web', 1)).toEqual({ status: 200, json: { ok: true, message: 'Set the partition of web from 0 to 1: updates now reach pods with ordinal 1 and above' } });
    expect(web().spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 1 } });
    const onDelete = structuredClone(web());
    onDelete.spec.updateStrategy = { type: 'OnDelete' };
    store().update(R.statefulsets, onDelete);
    const rv = web().metadata.resourceVersion;
    expect(await client.partition('web', 0)).toEqual({ status: 422, json: { reason: 'Invalid', field: 'partition', error: 'StatefulSet "web" uses the OnDelete update strategy, which has no partition' } });
    expect(web().metadata.resourceVersion).toBe(rv);
  });

  it('a verb RBAC forbids is a 403 "forbidden by RBAC: ..." and changes nothing', async () => {
    const sub = getHub().subscribe('default', 'web');
    const timeline = timelineOf(sub);
    await until('the snapshot', () => timeline.snapshots > 0);
    const seen = timeline.texts.length;
    const client = await dashboardClient();
    const uids = pods().map((p) => p.metadata.uid);
    rbac.deletePods = true;
    rbac.patchScale = true;
    try {
      const one = await client.deletePod('web-0');
      expect(one.status).toBe(403);
      expect(one.json).toEqual({ reason: 'Forbidden', error: expect.stringMatching(/^forbidden by RBAC: pods web-0 is forbidden: User "system:serviceaccount:default:sts" cannot delete/) });
      expect((await client.deletePods('web')).json).toMatchObject({ reason: 'Forbidden', error: expect.stringMatching(/^forbidden by RBAC:/) });
      const scaled = await client.scale('web', 3);
      expect(scaled).toMatchObject({ status: 403, json: { reason: 'Forbidden', error: expect.stringMatching(/^forbidden by RBAC: web scale is forbidden/) } });
    } finally {
      rbac.deletePods = false;
      rbac.patchScale = false;
    }
    expect(pods().map((p) => p.metadata.uid)).toEqual(uids);
    expect(web().spec.replicas).toBe(2);
    // Each attempt is on the timeline, followed by its failure.
    await until('three failures on the timeline', () => timeline.texts.filter((t) => t.includes(' failed: ')).length === 3);
    expect(timeline.texts.slice(seen).map((t) => t.replace(/: forbidden by RBAC: .*/, ': forbidden by RBAC'))).toEqual([
      'Delete pod web-0', 'Delete pod web-0 failed: forbidden by RBAC',
      'Delete all pods', 'Delete all pods failed: forbidden by RBAC',
      'Scale 2 -> 3', 'Scale 2 -> 3 failed: forbidden by RBAC',
    ]);
    sub.close();
  });

  it('a cluster that cannot be reached is a 503', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-actions-'));
    try {
      const path = join(dir, 'kubeconfig');
      writeKubeconfig(path, { server: `http://127.0.0.1:${await freePort()}` });
      getHub().stop();
      resetSingletons();
      process.env.STS_KUBECONFIG = path;
      const r = await (await dashboardClient()).scale('web', 3);
      expect(r).toMatchObject({ status: 503, json: { reason: 'ClusterUnreachable', error: expect.stringMatching(/^cannot reach the cluster's API server/) } });
    } finally {
      resetSingletons();
      process.env.STS_KUBECONFIG = tc.kubeconfigPath;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
