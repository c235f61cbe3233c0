import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../kube/types.ts';
import { R } from '../resources.ts';
import { startGarbageCollector } from './garbage-collector.ts';
import { aPod, newTestCluster, type TestCluster } from './testing.ts';

let c: TestCluster;
afterEach(() => c?.stop());

function owner(name: string): KubeObject {
  return c.store.create(R.statefulsets, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default' }, spec: { replicas: 0 } });
}

function refTo(o: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference {
  return { apiVersion: o.apiVersion!, kind: o.kind!, name: o.metadata.name!, uid: o.metadata.uid!, ...extra };
}

function dependent(name: string, refs: OwnerReference[]): KubeObject {
  return c.store.create(R.configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ownerReferences: refs } });
}

const cm = (name: string) => c.store.get(R.configMaps, 'default', name);

describe('garbage collector', () => {
  it('background: deletes dependents once their only owner is gone', () => {
    c = newTestCluster({ controllers: ['gc'] });
    const web = owner('web');
    dependent('a', [refTo(web, { controller: true, blockOwnerDeletion: true })]);
    dependent('b', [refTo(web)]);
    c.store.delete(R.statefulsets, 'default', 'web', { propagationPolicy: 'Background' });
    expect(cm('a')).toBeUndefined();
    expect(cm('b')).toBeUndefined();
  });

  it('keeps a dependent that still has a live owner, minus the dangling reference', () => {
    c = newTestCluster({ controllers: ['gc'] });
    const a = owner('a');
    const b = owner('b');
    dependent('shared', [refTo(a), refTo(b)]);
    c.store.delete(R.statefulsets, 'default', 'a', {});
    expect(cm('shared')!.metadata.ownerReferences).toEqual([refTo(b)]);
  });

  it('treats an owner recreated with the same name (different uid) as gone', () => {
    c = newTestCluster({ controllers: ['gc'] });
    const old = owner('web');
    c.store.delete(R.statefulsets, 'default', 'web', {});
    const recreated = owner('web');
    dependent('stale', [refTo(old)]);
    dependent('fresh', [refTo(recreated)]);
    expect(cm('stale')).toBeUndefined();
    expect(cm('fresh')).toBeDefined();
  });

  it('collects at start what became garbage while it was not running', () => {
    c = newTestCluster({ controllers: [] });
    const web = owner('web');
    dependent('a', [refTo(web)]);
    c.store.delete(R.statefulsets, 'default', 'web', {});
    expect(cm('a')).toBeDefined();
    const gc = startGarbageCollector(c.store, { clock: c.clock });
    expect(cm('a')).toBeUndefined();
    gc.stop();
  });

  it('foreground: deletes blocking dependents first, then the owner', () => {
    c = newTestCluster({ controllers: ['gc', 'kubelet'] });
    const web = owner('web');
    c.store.create(R.pods, aPod('web-0', { ownerReferences: [refTo(web, { controller: true, blockOwnerDeletion: true })] }));
    c.advance(2000);
    c.store.delete(R.statefulsets, 'default', 'web', { propagationPolicy: 'Foreground' });
    const deleting = c.store.get(R.statefulsets, 'default', 'web')!;
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    expect(deleting.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(c.pod('web-0')!.metadata.deletionTimestamp).toBeDefined();
    c.advance(1499);
    expect(c.store.get(R.statefulsets, 'default', 'web')).toBeDefined();
    c.advance(1);
    expect(c.pod('web-0')).toBeUndefined();
    expect(c.store.get(R.statefulsets, 'default', 'web')).toBeUndefined();
  });

  it('foreground: non-blocking dependents are deleted but do not hold the owner', () => {
    c = newTestCluster({ controllers: ['gc', 'kubelet'] });
    const web = owner('web');
    c.store.create(R.pods, aPod('web-0', { ownerReferences: [refTo(web)] }));
    c.advance(2000);
    c.store.delete(R.statefulsets, 'default', 'web', { propagationPolicy: 'Foreground' });
    expect(c.store.get(R.statefulsets, 'default', 'web')).toBeUndefined();
    expect(c.pod('web-0')!.metadata.deletionTimestamp).toBeDefined();
  });

  it('orphan: removes the owner reference from dependents, then the owner', () => {
    c = newTestCluster({ controllers: ['gc'] });
    const web = owner('web');
    const other = owner('other');
    dependent('a', [refTo(web, { controller: true, blockOwnerDeletion: true })]);
    dependent('b', [refTo(web), refTo(other)]);
    c.store.delete(R.statefulsets, 'default', 'web', { propagationPolicy: 'Orphan' });
    expect(c.store.get(R.statefulsets, 'default', 'web')).toBeUndefined();
    expect(cm('a')!.metadata.ownerReferences).toBeUndefined();
    expect(cm('b')!.metadata.ownerReferences).toEqual([refTo(other)]);
  });

  it('never collects dependents of kinds the cluster does not serve', () => {
    c = newTestCluster({ controllers: ['gc'] });
    dependent('x', [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'u-1' }]);
    c.advance(60_000);
    expect(cm('x')).toBeDefined();
  });
});
