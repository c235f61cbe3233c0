// Builders for PVCs, PVs and StorageClasses as a local-path provisioner leaves them (§4.3).
// Test-only.

import type { KubeObject } from '../../kube/types.ts';
import { NS, at } from './builders.ts';

export class ClaimBuilder {
  obj: KubeObject;

  constructor(name: string) {
    this.obj = {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: NS, uid: `uid-${name}`, labels: { app: 'nginx' }, finalizers: ['kubernetes.io/pvc-protection'], creationTimestamp: at(0) },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    };
  }

  private get spec(): Record<string, unknown> { return this.obj.spec as Record<string, unknown>; }

  storageClass(name: string | null): this {
    if (name === null) delete this.spec.storageClassName; else this.spec.storageClassName = name;
    return this;
  }
  accessModes(modes: string[]): this { this.spec.accessModes = modes; return this; }
  size(storage: string): this { this.spec.resources = { requests: { storage } }; return this; }
  /** Bound to `pv-<claim>` (the volume name a test passes to aVolume). */
  bound(volumeName: string, capacity = '1Gi'): this {
    this.spec.volumeName = volumeName;
    this.obj.status = { phase: 'Bound', accessModes: this.spec.accessModes, capacity: { storage: capacity } };
    return this;
  }
  terminating(): this { this.obj.metadata.deletionTimestamp = at(290); return this; }
  build(): KubeObject { return structuredClone(this.obj); }
}

export function aClaim(name: string): ClaimBuilder {
  return new ClaimBuilder(name);
}

/** The PV a dynamic provisioner makes for `claim` (claimRef set, phase Bound, reclaim Delete). */
export function aVolumeFor(claim: KubeObject): KubeObject {
  const spec = claim.spec as { volumeName: string; storageClassName?: string; accessModes?: string[] };
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name: spec.volumeName, uid: `uid-${spec.volumeName}`, finalizers: ['kubernetes.io/pv-protection'], creationTimestamp: at(1) },
    spec: {
      capacity: { storage: '1Gi' }, accessModes: spec.accessModes, persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: spec.storageClassName, volumeMode: 'Filesystem',
      claimRef: { kind: 'PersistentVolumeClaim', namespace: NS, name: claim.metadata.name, uid: claim.metadata.uid },
    },
    status: { phase: 'Bound' },
  };
}

export function aStorageClass(name: string, o: { isDefault?: boolean; waitForFirstConsumer?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: { name, annotations: o.isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: o.waitForFirstConsumer ? 'WaitForFirstConsumer' : 'Immediate',
  };
}
