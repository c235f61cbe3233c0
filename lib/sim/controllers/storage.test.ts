import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import { aPod, aPvc, newTestCluster, type TestCluster } from './testing.ts';

let c: TestCluster;
afterEach(() => c?.stop());

const pvc = (name: string) => c.store.get(R.pvcs, 'default', name) as (KubeObject & { spec: Record<string, unknown>; status: Record<string, unknown> }) | undefined;
const pv = (name: string) => c.store.get(R.pvs, undefined, name) as (KubeObject & { spec: Record<string, unknown>; status: Record<string, unknown> }) | undefined;

function boundWeb0() {
  c = newTestCluster();
  c.store.create(R.pvcs, aPvc('www-web-0'));
  c.store.create(R.pods, aPod('web-0', { claims: ['www-web-0'] }));
  c.advanceUntil(() => pvc('www-web-0')!.status.phase === 'Bound', 5000, 10);
  return pvc('www-web-0')!;
}

describe('storage: default class and WaitForFirstConsumer provisioning', () => {
  it('creates the default StorageClass standard', () => {
    c = newTestCluster({ controllers: ['storage'] });
    expect(c.store.get(R.storageClasses, undefined, 'standard')).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
  });

  it('keeps a PVC Pending until a pod using it is scheduled, then binds it to a new PV', () => {
    c = newTestCluster();
    c.store.create(R.pvcs, aPvc('www-web-0'));
    c.advance(5000);
    expect(pvc('www-web-0')!.status.phase).toBe('Pending');
    expect(pvc('www-web-0')!.spec.storageClassName).toBe('standard');
    expect(pvc('www-web-0')!.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(c.store.list(R.pvs)).toEqual([]);

    c.store.create(R.pods, aPod('web-0', { claims: ['www-web-0'] }));
    c.advance(100);
    const claim = pvc('www-web-0')!;
    expect(claim.metadata.annotations!['volume.kubernetes.io/selected-node']).toBe('sim-node-1');
    expect(claim.status.phase).toBe('Pending');
    c.advance(200);

    const bound = pvc('www-web-0')!;
    const name = `pvc-${bound.metadata.uid}`;
    expect(bound.spec.volumeName).toBe(name);
    expect(bound.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    expect(bound.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/selected-node': 'sim-node-1',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    const vol = pv(name)!;
    expect(vol.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(vol.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'www-web-0', uid: bound.metadata.uid },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
    });
    expect(vol.status.phase).toBe('Bound');
    expect(c.events('www-web-0').map((e) => e.reason)).toEqual(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
    expect(c.events('www-web-0').at(-1)!.message).toBe(`Successfully provisioned volume ${name}`);
  });

  it('an Immediate class provisions without waiting for a consumer', () => {
    c = newTestCluster({ controllers: ['storage'] });
    c.store.create(R.storageClasses, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'example.com/fast', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    c.store.create(R.pvcs, aPvc('data', { storageClassName: 'fast' }));
    c.advance(200);
    expect(pvc('data')!.status.phase).toBe('Bound');
    expect(pv(`pvc-${pvc('data')!.metadata.uid}`)!.spec.nodeAffinity).toBeUndefined();
  });

  it('a PVC naming a missing StorageClass stays Pending with a ProvisioningFailed warning', () => {
    c = newTestCluster();
    c.store.create(R.pvcs, aPvc('redis-100m-pvc-redis-pv-sts-0', { storageClassName: 'nfs-client', accessModes: ['ReadWriteMany'] }));
    c.advance(60_000);
    expect(pvc('redis-100m-pvc-redis-pv-sts-0')!.status.phase).toBe('Pending');
    const [ev] = c.events('redis-100m-pvc-redis-pv-sts-0');
    expect(ev).toMatchObject({ type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "nfs-client" not found' });
  });
});

describe('storage: retention and protection', () => {
  it('a PVC outlives its pod and stays Bound to the same PV', () => {
    const before = boundWeb0();
    c.advance(2000);
    c.store.delete(R.pods, 'default', 'web-0', {});
    c.advance(5000);
    expect(c.pod('web-0')).toBeUndefined();
    const after = pvc('www-web-0')!;
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.status.phase).toBe('Bound');
    expect(pv(after.spec.volumeName as string)!.status.phase).toBe('Bound');
  });

  it('pvc-protection holds a deleted PVC while a pod mounts it; then the PV is released and reclaimed', () => {
    const claim = boundWeb0();
    const volume = claim.spec.volumeName as string;
    c.advance(2000);
    c.store.delete(R.pvcs, 'default', 'www-web-0', {});
    c.advance(10_000);
    expect(pvc('www-web-0')!.metadata.deletionTimestamp).toBeDefined();
    expect(pv(volume)!.status.phase).toBe('Bound');

    c.store.delete(R.pods, 'default', 'web-0', {});
    c.advance(1499);
    expect(pvc('www-web-0')).toBeDefined();
    c.advance(1);
    expect(pvc('www-web-0')).toBeUndefined();
    expect(pv(volume)!.status.phase).toBe('Released');
    c.advance(300);
    expect(pv(volume)).toBeUndefined();
  });

  it('reclaimPolicy Retain leaves the PV Released', () => {
    c = newTestCluster();
    c.store.create(R.storageClasses, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'keep' }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' });
    c.store.create(R.pvcs, aPvc('data', { storageClassName: 'keep' }));
    c.store.create(R.pods, aPod('p', { claims: ['data'] }));
    c.advance(400);
    const volume = pvc('data')!.spec.volumeName as string;
    c.store.delete(R.pods, 'default', 'p', {});
    c.store.delete(R.pvcs, 'default', 'data', {});
    c.advance(60_000);
    expect(pvc('data')).toBeUndefined();
    expect(pv(volume)!.status.phase).toBe('Released');
    expect(pv(volume)!.spec.persistentVolumeReclaimPolicy).toBe('Retain');
  });

  it('a deleted PV stays Terminating while Bound (pv-protection)', () => {
    const claim = boundWeb0();
    const volume = claim.spec.volumeName as string;
    c.store.delete(R.pvs, undefined, volume, {});
    c.advance(5000);
    expect(pv(volume)!.metadata.deletionTimestamp).toBeDefined();
    expect(pv(volume)!.status.phase).toBe('Bound');
  });
});
