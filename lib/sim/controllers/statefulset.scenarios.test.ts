// Acceptance scenarios 1–14 of statefulset-semantics.md §10, against a store with the StatefulSet
// controller, simulated kubelet, storage, EndpointSlice and GC controllers on a ManualClock.

import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { toTable } from '../api/printers.ts';
import { R } from '../resources.ts';
import { ANN_FAIL } from './pod-stages.ts';
import type { Pod } from './statefulset-model.ts';
import { startWeb, waitSettled, type StsCluster } from './statefulset-testing.ts';

let c: StsCluster;
afterEach(() => c?.stop());

const names = (list: KubeObject[]) => list.map((o) => o.metadata.name);
const stsEvents = () => c.events('web').filter((e) => (e.source as { component?: string }).component === 'statefulset-controller');
const eventLines = () => stsEvents().map((e) => `${e.reason} ${e.message}`);
/** Claim-create events, counting the repeats the recorder folds into one Event object. */
const claimEvents = () => stsEvents().filter((e) => String(e.message).includes(' Claim ')).reduce((n, e) => n + Number(e.count ?? 1), 0);
const idx = (entry: string, from = 0) => c.log.indexOf(entry, from);
const uidOf = (name: string) => c.pod(name)?.metadata.uid;
const readyCount = () => c.set().status?.readyReplicas ?? 0;

describe('StatefulSet scenarios: creation, identity, events', () => {
  it('scenario 1: ordered creation', () => {
    c = startWeb({ replicas: 3 });
    const revs = c.store.list(R.controllerRevisions, 'default') as Array<KubeObject & { revision?: number }>;
    expect(revs).toHaveLength(1);
    expect(revs[0].revision).toBe(1);
    expect(revs[0].metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(c.podNames()).toEqual(['web-0']);
    expect(names(c.store.list(R.pvcs, 'default'))).toEqual(['www-web-0']);

    c.advanceUntil(() => c.podNames().length === 2);
    expect(c.readyNames()).toEqual(['web-0']);
    waitSettled(c);
    expect(c.log.filter((l) => !l.startsWith('delete'))).toEqual(['create web-0', 'ready web-0', 'create web-1', 'ready web-1', 'create web-2', 'ready web-2']);
    const rev = revs[0].metadata.name;
    expect(c.set().status).toEqual({ observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: rev, updateRevision: rev, collisionCount: 0, availableReplicas: 3 });
    const row = (toTable(R.statefulsets, [c.set()], { now: c.clock.now() }).rows as Array<{ cells: unknown[] }>)[0];
    expect(row.cells.slice(0, 2)).toEqual(['web', '3/3']);
  });

  it('scenario 2: pod identity', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    const set = c.set();
    const pod = c.pod('web-1')!;
    expect(pod.metadata.labels).toEqual({
      app: 'nginx',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': set.status!.currentRevision,
      'statefulset.kubernetes.io/pod-name': 'web-1',
    });
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
    expect(pod.spec!.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    expect(pod.status!.phase).toBe('Running');
  });

  it('scenario 3: events', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    expect(eventLines()).toEqual([0, 1, 2].flatMap((n) => [
      `SuccessfulCreate create Claim www-web-${n} Pod web-${n} in StatefulSet web success`,
      `SuccessfulCreate create Pod web-${n} in StatefulSet web successful`,
    ]));
    expect(stsEvents().every((e) => e.type === 'Normal' && (e.involvedObject as { kind?: string }).kind === 'StatefulSet')).toBe(true);
  });
});

describe('StatefulSet scenarios: scaling', () => {
  it('scenario 4: halt on unhealthy (scale up)', () => {
    c = startWeb({ replicas: 1 });
    waitSettled(c);
    c.setReadiness('web-0', false);
    c.advanceUntil(() => readyCount() === 0);
    expect(c.set().status!.readyReplicas).toBeUndefined(); // omitempty
    c.scale(3);
    c.advance(30_000);
    expect(c.podNames()).toEqual(['web-0']);
    c.setReadiness('web-0', true);
    waitSettled(c);
    const tail = c.log.slice(idx('ready web-0', idx('ready web-0') + 1));
    expect(tail.filter((l) => !l.startsWith('delete'))).toEqual(['ready web-0', 'create web-1', 'ready web-1', 'create web-2', 'ready web-2']);
  });

  it('scenario 5: ordered scale-down waits for termination', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    const mark = c.log.length;
    c.scale(1);
    expect(c.pod('web-2')!.metadata.deletionTimestamp).toBeDefined();
    expect(c.pod('web-1')!.metadata.deletionTimestamp).toBeUndefined();
    // web-1 is left alone as long as web-2 exists, terminating or not
    c.advanceUntil(() => !c.pod('web-2') || !!c.pod('web-1')!.metadata.deletionTimestamp);
    expect(c.pod('web-2')).toBeUndefined();
    waitSettled(c);
    expect(c.log.slice(mark)).toEqual(['delete web-2', 'gone web-2', 'delete web-1', 'gone web-1']);
    expect(c.podNames()).toEqual(['web-0']);
  });

  it('scenario 6: halt on unhealthy (scale down)', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    for (const n of ['web-0', 'web-1', 'web-2']) c.setReadiness(n, false);
    c.advanceUntil(() => readyCount() === 0);
    const mark = c.log.length;
    c.scale(0);
    c.advance(30_000);
    expect(c.log.slice(mark).filter((l) => l.startsWith('delete'))).toEqual([]);
    for (const n of ['web-0', 'web-1', 'web-2']) c.setReadiness(n, true);
    waitSettled(c);
    expect(c.log.slice(mark).filter((l) => l.startsWith('delete'))).toEqual(['delete web-2', 'delete web-1', 'delete web-0']);
  });

  it('scenario 7: an unhealthy top pod can be scaled away', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    c.setReadiness('web-2', false);
    c.advanceUntil(() => readyCount() === 2);
    c.scale(2);
    expect(c.pod('web-2')!.metadata.deletionTimestamp).toBeDefined();
    waitSettled(c);
    expect(c.podNames()).toEqual(['web-0', 'web-1']);
  });

  it('scenario 8: Parallel burst', () => {
    c = startWeb({ replicas: 1, policy: 'Parallel', annotations: { 'sim.sts-topology.dev/never-ready': 'true' } });
    c.advanceUntil(() => c.pod('web-0')?.status?.phase === 'Running');
    c.scale(3);
    expect(c.podNames()).toEqual(['web-0', 'web-1', 'web-2']);
    c.advance(5_000);
    expect(c.readyNames()).toEqual([]);
    c.scale(0);
    for (const n of c.podNames()) expect(c.pod(n)!.metadata.deletionTimestamp).toBeDefined();
    c.advanceUntil(() => c.podNames().length === 0);
  });
});

describe('StatefulSet scenarios: replacing pods', () => {
  it('scenario 9: a deleted pod is recreated with the same identity', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    const oldUid = uidOf('web-1');
    const pvc = c.store.get(R.pvcs, 'default', 'www-web-1')!;
    const claimsBefore = claimEvents();
    c.deletePod('web-1');
    c.advanceUntil(() => !!uidOf('web-1') && uidOf('web-1') !== oldUid);
    expect(idx('gone web-1')).toBeLessThan(c.log.lastIndexOf('create web-1'));
    waitSettled(c);
    expect(c.pod('web-1')!.spec!.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    expect(c.store.get(R.pvcs, 'default', 'www-web-1')!.metadata.uid).toBe(pvc.metadata.uid);
    expect(c.store.list(R.pvcs, 'default')).toHaveLength(3);
    expect(claimEvents()).toBe(claimsBefore);
  });

  it('scenario 10: a predecessor failure does not deadlock', () => {
    c = startWeb({ replicas: 2 });
    waitSettled(c);
    c.setReadiness('web-1', false);
    c.advanceUntil(() => readyCount() === 1);
    const oldUid = uidOf('web-0');
    c.deletePod('web-0');
    c.advanceUntil(() => !!uidOf('web-0') && uidOf('web-0') !== oldUid);
    c.advanceUntil(() => c.readyNames().includes('web-0'));
    c.setReadiness('web-1', true);
    waitSettled(c);
    expect(c.readyNames()).toEqual(['web-0', 'web-1']);
  });

  it('scenario 11: deleting all pods recreates them strictly in order', () => {
    c = startWeb({ replicas: 3 });
    waitSettled(c);
    const mark = c.log.length;
    for (const n of ['web-0', 'web-1', 'web-2']) c.deletePod(n);
    waitSettled(c);
    const after = c.log.slice(mark);
    const pos = (e: string) => after.indexOf(e);
    expect(after.filter((l) => l.startsWith('create') || l.startsWith('ready'))).toEqual(['create web-0', 'ready web-0', 'create web-1', 'ready web-1', 'create web-2', 'ready web-2']);
    for (const n of [0, 1, 2]) expect(pos(`gone web-${n}`)).toBeLessThan(pos(`create web-${n}`));
  });

  it('scenario 12: a Failed or Succeeded pod is deleted and replaced', () => {
    c = startWeb({ replicas: 2 });
    waitSettled(c);
    const first = uidOf('web-0');
    c.annotatePod('web-0', ANN_FAIL, 'Evicted');
    c.advanceUntil(() => c.pod('web-0')?.status?.phase === 'Failed' || uidOf('web-0') !== first);
    c.advanceUntil(() => !!uidOf('web-0') && uidOf('web-0') !== first);
    expect(eventLines()).toContain('SuccessfulDelete delete Pod web-0 in StatefulSet web successful');
    waitSettled(c);

    const second = uidOf('web-1');
    const done = structuredClone(c.pod('web-1')!) as Pod;
    done.status = { ...done.status, phase: 'Succeeded', conditions: (done.status?.conditions ?? []).map((x) => (x.type === 'Ready' ? { ...x, status: 'False' } : x)) };
    c.store.update(R.pods, done);
    c.advanceUntil(() => !!uidOf('web-1') && uidOf('web-1') !== second);
    expect(eventLines().filter((l) => l === 'SuccessfulDelete delete Pod web-1 in StatefulSet web successful')).toHaveLength(1);
    waitSettled(c);
  });
});

describe('StatefulSet scenarios: claims and ownership', () => {
  it('scenario 13: a missing PVC is recreated for a pending pod', () => {
    // No node matches the selector, so web-0 stays Pending (as on the e2e test's cordoned node).
    c = startWeb({ replicas: 1, podSpec: { nodeSelector: { disk: 'none' } } });
    c.advance(5_000);
    expect(c.pod('web-0')!.status!.phase).toBe('Pending');
    const before = c.store.get(R.pvcs, 'default', 'www-web-0')!.metadata.uid;
    c.store.delete(R.pvcs, 'default', 'www-web-0');
    c.advanceUntil(() => !!c.store.get(R.pvcs, 'default', 'www-web-0') && c.store.get(R.pvcs, 'default', 'www-web-0')!.metadata.uid !== before);
    // The recorder folds the identical second event into the first (count 2), as client-go does.
    const claimEvent = stsEvents().find((e) => e.message === 'create Claim www-web-0 Pod web-0 in StatefulSet web success');
    expect(claimEvent?.count).toBe(2);
  });

  it('scenario 14: adoption and release', () => {
    c = startWeb({ replicas: 1 });
    waitSettled(c);
    const setUid = c.set().metadata.uid;
    const podUid = uidOf('web-0');
    const controllerUid = () => c.pod('web-0')!.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    c.apiUpdate(R.pods, 'web-0', (p) => { delete p.metadata.ownerReferences; });
    expect(controllerUid()).toBe(setUid);
    expect(uidOf('web-0')).toBe(podUid);
    c.apiUpdate(R.pods, 'web-0', (p) => { p.metadata.labels = {}; });
    expect(controllerUid()).toBeUndefined();
    c.advance(10_000);
    expect(uidOf('web-0')).toBe(podUid);
    c.apiUpdate(R.pods, 'web-0', (p) => { p.metadata.labels = { app: 'nginx' }; });
    expect(controllerUid()).toBe(setUid);
    expect(uidOf('web-0')).toBe(podUid);
    c.advance(1_000);
    expect(c.pod('web-0')!.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
  });
});
