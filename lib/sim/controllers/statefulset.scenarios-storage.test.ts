// Acceptance scenarios 23–30 of statefulset-semantics.md §10 (availability, storage retention,
// API surface, ordinals, EndpointSlices; for 30 only the EndpointSlice part).

import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { startApiServer } from '../api/server.ts';
import { R } from '../resources.ts';
import type { Pod, StatefulSet } from './statefulset-model.ts';
import { startWeb, waitSettled, type StsCluster } from './statefulset-testing.ts';

let c: StsCluster;
afterEach(() => c?.stop());

const uidOf = (name: string) => c.pod(name)?.metadata.uid;
const status = () => c.set().status!;
const claim = (n: number, set = 'web') => c.store.get(R.pvcs, 'default', `www-${set}-${n}`) as (KubeObject & { spec?: { volumeName?: string }; status?: { phase?: string } }) | undefined;

describe('StatefulSet scenarios: availability and storage', () => {
  it('scenario 23: minReadySeconds', () => {
    c = startWeb({ replicas: 2, spec: { minReadySeconds: 30 } });
    c.advanceUntil(() => c.readyNames().includes('web-0'));
    expect(status()).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    c.advance(29_000);
    expect(c.pod('web-1')).toBeUndefined();
    expect(status().availableReplicas).toBe(0);
    c.advanceUntil(() => !!c.pod('web-1'), 3_000);
    expect(status().availableReplicas).toBe(1);
    c.advanceUntil(() => c.readyNames().includes('web-1'));
    expect(status()).toMatchObject({ readyReplicas: 2, availableReplicas: 1 });
    c.advance(29_000);
    expect(status().availableReplicas).toBe(1);
    c.advanceUntil(() => status().availableReplicas === 2, 3_000);
    c.apiUpdate(R.statefulsets, 'web', (s) => { (s as StatefulSet).spec.minReadySeconds = 3600; });
    expect(status()).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    c.apiUpdate(R.statefulsets, 'web', (s) => { (s as StatefulSet).spec.minReadySeconds = 0; });
    expect(status().availableReplicas).toBe(2);
  });

  it('scenario 24: PVCs are retained and re-bound (default Retain)', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    const before = [1, 2].map((n) => [claim(n)!.metadata.uid, claim(n)!.spec!.volumeName]);
    const claimCreates = () => c.events('web').filter((e) => String(e.message).startsWith('create Claim')).reduce((n, e) => n + Number(e.count ?? 1), 0);
    const created = claimCreates();
    c.scale(1);
    waitSettled(c);
    expect(c.podNames()).toEqual(['web-0']);
    for (const n of [1, 2]) {
      expect(claim(n)!.status!.phase).toBe('Bound');
      expect(claim(n)!.metadata.ownerReferences).toBeUndefined();
    }
    c.scale(3);
    waitSettled(c);
    expect([1, 2].map((n) => [claim(n)!.metadata.uid, claim(n)!.spec!.volumeName])).toEqual(before);
    expect(claimCreates()).toBe(created);
  });

  it('scenario 25: whenScaled Delete', () => {
    c = startWeb({ replicas: 3, spec: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } } });
    waitSettled(c);
    const podUids = [1, 2].map((n) => uidOf(`web-${n}`));
    c.scale(1);
    for (const n of [1, 2]) {
      expect(claim(n)!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: `web-${n}`, uid: podUids[n - 1], controller: true, blockOwnerDeletion: true }]);
    }
    c.advanceUntil(() => !claim(1) && !claim(2));
    expect(c.podNames()).toEqual(['web-0']);
    expect(claim(0)!.metadata.ownerReferences).toBeUndefined();
  });

  it('scenario 26: whenDeleted Delete', () => {
    c = startWeb({ replicas: 3, spec: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' } } });
    waitSettled(c);
    const setRef = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: c.set().metadata.uid, controller: true, blockOwnerDeletion: true };
    for (const pvc of c.store.list(R.pvcs, 'default')) expect(pvc.metadata.ownerReferences).toEqual([setRef]);
    const podLeft: Record<string, boolean> = {};
    c.store.subscribe((ch) => {
      if (ch.resource === R.pvcs && ch.type === 'DELETED') podLeft[ch.object.metadata.name!] = !!c.pod(ch.object.metadata.name!.replace(/^www-/, ''));
    });
    c.store.delete(R.statefulsets, 'default', 'web', { propagationPolicy: 'Background' });
    c.advanceUntil(() => c.podNames().length === 0 && c.store.list(R.pvcs, 'default').length === 0);
    expect(podLeft).toEqual({ 'www-web-0': false, 'www-web-1': false, 'www-web-2': false });
  });
});

describe('StatefulSet scenarios: API surface, ordinals, endpoints', () => {
  it('scenario 27: scale subresource', async () => {
    c = startWeb({ replicas: 1 });
    waitSettled(c);
    const api = await startApiServer({ store: c.store, host: '127.0.0.1', port: 0 });
    try {
      const url = `${api.url}/apis/apps/v1/namespaces/default/statefulsets/web/scale`;
      const send = (method: string, body: unknown, type = 'application/json') =>
        fetch(url, { method, headers: { 'Content-Type': type }, body: JSON.stringify(body) });
      const scale = await (await fetch(url)).json();
      expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { replicas: 1, selector: 'app=nginx' } });
      const staleRv = scale.metadata.resourceVersion;
      const put = await send('PUT', { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web', namespace: 'default', resourceVersion: '' }, spec: { replicas: 2 } });
      expect(put.status).toBe(200);
      expect(c.set().spec.replicas).toBe(2);
      const patch = await send('PATCH', { spec: { replicas: 4 } }, 'application/merge-patch+json');
      expect(patch.status).toBe(200);
      expect(c.set().spec.replicas).toBe(4);
      expect((await send('PUT', { ...scale, metadata: { ...scale.metadata, resourceVersion: staleRv }, spec: { replicas: 3 } })).status).toBe(409);
      expect((await send('PUT', { ...scale, metadata: { ...scale.metadata, resourceVersion: '' }, spec: { replicas: -1 } })).status).toBe(422);
    } finally {
      await api.close();
    }
    waitSettled(c);
    expect(c.podNames()).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
  });

  it('scenario 28: immutable fields', async () => {
    c = startWeb({ replicas: 1 });
    const api = await startApiServer({ store: c.store, host: '127.0.0.1', port: 0 });
    const forbidden = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
    const mutations: Array<(s: StatefulSet) => void> = [
      (s) => { s.spec.volumeClaimTemplates![0].spec!.resources = { requests: { storage: '2Gi' } }; },
      (s) => { s.spec.selector = { matchLabels: { app: 'nginx', tier: 'web' } }; },
      (s) => { s.spec.serviceName = 'other'; },
      (s) => { s.spec.podManagementPolicy = 'Parallel'; },
    ];
    try {
      for (const mutate of mutations) {
        const s = structuredClone(c.set());
        mutate(s);
        const r = await fetch(`${api.url}/apis/apps/v1/namespaces/default/statefulsets/web`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(s) });
        expect(r.status).toBe(422);
        expect((await r.json()).message).toContain(forbidden);
      }
    } finally {
      await api.close();
    }
  });

  it('scenario 29: start ordinal changes', () => {
    c = startWeb({ name: 'ss', replicas: 2 });
    waitSettled(c, 'ss');
    expect(c.podNames()).toEqual(['ss-0', 'ss-1']);
    const step = (mutate: (s: StatefulSet) => void, want: string[], removed: string[], lastNew: string) => {
      const mark = c.log.length;
      c.apiUpdate(R.statefulsets, 'ss', (s) => mutate(s as StatefulSet));
      waitSettled(c, 'ss');
      expect(c.podNames()).toEqual(want);
      const log = c.log.slice(mark);
      expect(log.filter((l) => l.startsWith('delete'))).toEqual(removed.map((n) => `delete ${n}`));
      expect(log.indexOf(`delete ${removed[0]}`)).toBeGreaterThan(log.indexOf(`ready ${lastNew}`));
      expect(log.indexOf(`delete ${removed[1]}`)).toBeGreaterThan(log.indexOf(`gone ${removed[0]}`));
    };
    step((s) => { s.spec.ordinals = { start: 2 }; s.spec.replicas = 3; }, ['ss-2', 'ss-3', 'ss-4'], ['ss-1', 'ss-0'], 'ss-4');
    step((s) => { s.spec.ordinals = { start: 4 }; s.spec.replicas = 2; }, ['ss-4', 'ss-5'], ['ss-3', 'ss-2'], 'ss-5');
    step((s) => { delete s.spec.ordinals; }, ['ss-0', 'ss-1'], ['ss-5', 'ss-4'], 'ss-1');
  });

  it('scenario 30: EndpointSlice of the headless Service', () => {
    c = startWeb({ replicas: 2 });
    waitSettled(c);
    c.setReadiness('web-1', false);
    c.advanceUntil(() => status().readyReplicas === 1);
    type Endpoint = { hostname?: string; conditions?: { ready?: boolean }; targetRef?: { name?: string } };
    const slice = () => c.store.list(R.endpointSlices, 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'nginx') as (KubeObject & { endpoints?: Endpoint[] }) | undefined;
    const byPod = () => Object.fromEntries((slice()?.endpoints ?? []).map((e) => [e.targetRef?.name, { hostname: e.hostname, ready: e.conditions?.ready }]));
    c.advance(1_000);
    expect(slice()!.metadata.labels).toMatchObject({ 'service.kubernetes.io/headless': '' });
    expect(byPod()).toEqual({ 'web-0': { hostname: 'web-0', ready: true }, 'web-1': { hostname: 'web-1', ready: false } });
    c.apiUpdate(R.services, 'nginx', (svc) => { (svc.spec as { publishNotReadyAddresses?: boolean }).publishNotReadyAddresses = true; });
    c.advance(1_000);
    expect(byPod()['web-1']).toEqual({ hostname: 'web-1', ready: true });
    expect((c.pod('web-1') as Pod).status!.phase).toBe('Running');
  });
});

describe('StatefulSet claims: whenScaled Delete and stale claims', () => {
  it('does not create a pod on a claim still owned by an earlier pod of that name (PodClaimIsStale)', () => {
    // Without the garbage collector, so the leftover claim below stays un-deleted until we act.
    const policy = { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } };
    c = startWeb({ replicas: 1, spec: policy }, { controllers: ['kubelet', 'storage', 'endpointslice'] });
    waitSettled(c);
    // A claim left by an earlier web-1 that the garbage collector has not removed yet.
    const leftover = c.apiCreate<KubeObject>(R.pvcs, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'www-web-1', namespace: 'default', labels: { app: 'nginx' }, finalizers: ['example.com/hold'],
        ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'web-1', uid: 'uid-of-an-earlier-web-1', controller: true, blockOwnerDeletion: true }],
      },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    c.scale(2);
    c.advance(30_000);
    expect(c.pod('web-1')).toBeUndefined();
    expect(claim(1)!.metadata.deletionTimestamp).toBeUndefined();
    c.store.delete(R.pvcs, 'default', 'www-web-1');
    c.apiUpdate(R.pvcs, 'www-web-1', (p) => { p.metadata.finalizers = (p.metadata.finalizers ?? []).filter((f) => f !== 'example.com/hold'); });
    waitSettled(c);
    expect(claim(1)!.metadata.uid).not.toBe(leftover.metadata.uid);
    expect(claim(1)!.metadata.ownerReferences).toBeUndefined();
    expect(c.pod('web-1')!.spec!.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
  });
});
