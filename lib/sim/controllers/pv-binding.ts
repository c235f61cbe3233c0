// Pure builders for dynamic provisioning and binding, shaped like what kind's local-path
// provisioner and the PV controller write (statefulset-semantics.md §4.3).

import type { KubeObject } from '../../kube/types.ts';
import { rfc3339 } from './controller-kit.ts';
import { SELECTED_NODE_ANNOTATION } from './scheduler.ts';
import { HOSTNAME_LABEL } from './sim-nodes.ts';
import { LOCAL_PATH_PROVISIONER, provisionerOf, reclaimPolicyOf } from './storage-classes.ts';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';
export const STORAGE_PROVISIONER_ANNOTATION = 'volume.kubernetes.io/storage-provisioner';
export const BETA_STORAGE_PROVISIONER_ANNOTATION = 'volume.beta.kubernetes.io/storage-provisioner';
export const PROVISIONED_BY_ANNOTATION = 'pv.kubernetes.io/provisioned-by';

export interface PvcSpec {
  storageClassName?: string;
  volumeName?: string;
  accessModes?: string[];
  volumeMode?: string;
  resources?: { requests?: { storage?: string } };
}

export type Pvc = KubeObject & { spec?: PvcSpec; status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string> } };

export interface PvSpec {
  claimRef?: { apiVersion?: string; kind?: string; namespace?: string; name?: string; uid?: string; resourceVersion?: string };
  persistentVolumeReclaimPolicy?: string;
  capacity?: Record<string, string>;
  storageClassName?: string;
}

export type Pv = KubeObject & { spec?: PvSpec; status?: { phase?: string; lastPhaseTransitionTime?: string } };

export function pvNameFor(pvc: KubeObject): string {
  return `pvc-${pvc.metadata.uid}`;
}

/** The component string a provisioner's events carry (the provisioner's leader identity). */
export function provisionerComponent(sc: KubeObject | undefined): string {
  const p = provisionerOf(sc);
  return p === LOCAL_PATH_PROVISIONER ? `${p}_local-path-provisioner-sim` : `${p}_sim-provisioner`;
}

/** The PV a provisioner creates for `pvc` on `node` (undefined for Immediate classes). */
export function provisionedPv(pvc: Pvc, sc: KubeObject | undefined, node: string | undefined, now: number): Pv {
  const name = pvNameFor(pvc);
  const ns = pvc.metadata.namespace;
  const spec = pvc.spec ?? {};
  const annotations: Record<string, string> = { [PROVISIONED_BY_ANNOTATION]: provisionerOf(sc) };
  if (node) annotations['local.path.provisioner/selected-node'] = node;
  const pvSpec: Record<string, unknown> = {
    accessModes: spec.accessModes ?? ['ReadWriteOnce'],
    capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
    claimRef: {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name: pvc.metadata.name,
      uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion,
    },
    hostPath: { path: `/var/local-path-provisioner/${name}_${ns}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
    persistentVolumeReclaimPolicy: reclaimPolicyOf(sc),
    storageClassName: spec.storageClassName,
    volumeMode: spec.volumeMode ?? 'Filesystem',
  };
  if (node) {
    pvSpec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [node] }] }] } };
  }
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations, finalizers: [PV_PROTECTION] },
    spec: pvSpec,
    status: { phase: 'Bound', lastPhaseTransitionTime: rfc3339(now) },
  };
}

/** The PVC after the PV controller bound it to `pv` (a clone). */
export function boundClaim(pvc: Pvc, pv: Pv): Pvc {
  const next = structuredClone(pvc) as Pvc;
  next.spec = { ...next.spec, volumeName: pv.metadata.name };
  next.metadata.annotations = {
    ...next.metadata.annotations,
    'pv.kubernetes.io/bind-completed': 'yes',
    'pv.kubernetes.io/bound-by-controller': 'yes',
  };
  const pvSpec = pv.spec as { accessModes?: string[]; capacity?: Record<string, string> };
  next.status = { ...next.status, phase: 'Bound', accessModes: pvSpec.accessModes, capacity: pvSpec.capacity };
  return next;
}

/** The PVC annotated for provisioning (selected node and provisioner), a clone. */
export function claimForProvisioning(pvc: Pvc, sc: KubeObject | undefined, node: string | undefined): Pvc {
  const next = structuredClone(pvc) as Pvc;
  const p = provisionerOf(sc);
  next.metadata.annotations = {
    ...next.metadata.annotations,
    [BETA_STORAGE_PROVISIONER_ANNOTATION]: p,
    [STORAGE_PROVISIONER_ANNOTATION]: p,
    ...(node ? { [SELECTED_NODE_ANNOTATION]: node } : {}),
  };
  return next;
}

export function withoutFinalizer(obj: KubeObject, finalizer: string): KubeObject {
  const next = structuredClone(obj) as KubeObject;
  next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return next;
}
