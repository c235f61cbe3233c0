// PersistentVolumeClaims, PersistentVolumes and StorageClasses (printPersistentVolumeClaim,
// printPersistentVolume, printStorageClass). Quantities print as stored: a real server would
// have canonicalised them on write ("1024Mi" -> "1Gi"); the embedded cluster does not.

import type { KubeObject } from '../../../kube/types.ts';
import { PV, PVC, STORAGE_CLASS } from './descriptions.ts';
import { ageColumn, ageOf, column, nameColumn, nameOf, part, wide, type Printer } from './common.ts';

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** helper.GetAccessModesAsString: fixed order RWO, ROX, RWX, RWOP, comma-joined. */
function accessModes(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  const order: Array<[string, string]> = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return order.filter(([mode]) => m.has(mode)).map(([, short]) => short).join(',');
}

/** The beta annotation wins over spec.storageClassName, as in GetPersistentVolume(Claim)Class. */
function storageClassOf(obj: KubeObject, specClass: string | null | undefined): string {
  const ann = obj.metadata.annotations ?? {};
  return Object.prototype.hasOwnProperty.call(ann, BETA_STORAGE_CLASS) ? ann[BETA_STORAGE_CLASS] : (specClass ?? '');
}

const unsetIfNull = (v: string | null | undefined): string => (v == null ? '<unset>' : v);

interface ClaimSpecLike {
  volumeName: string;
  storageClassName: string | null;
  volumeAttributesClassName: string | null;
  volumeMode: string | null;
}

interface ClaimStatusLike {
  phase: string;
  capacity: Record<string, string>;
  accessModes: string[];
}

export const pvcPrinter: Printer = {
  columns: [
    nameColumn,
    column('Status', PVC.phase),
    column('Volume', PVC.volumeName),
    column('Capacity', PVC.capacity),
    column('Access Modes', PVC.accessModes),
    column('StorageClass', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    wide('VolumeMode', PVC.volumeMode),
  ],
  print(pvc, now) {
    const spec = part<ClaimSpecLike>(pvc, 'spec');
    const status = part<ClaimStatusLike>(pvc, 'status');
    const phase = pvc.metadata.deletionTimestamp ? 'Terminating' : (status.phase ?? '');
    // Capacity and access modes describe the bound volume, so an unbound claim shows neither.
    const bound = !!spec.volumeName;
    const capacity = bound ? (status.capacity?.storage ?? '0') : '';
    const modes = bound ? accessModes(status.accessModes) : '';
    return {
      cells: [
        nameOf(pvc), phase, spec.volumeName ?? '', capacity, modes, storageClassOf(pvc, spec.storageClassName),
        unsetIfNull(spec.volumeAttributesClassName), ageOf(pvc, now), unsetIfNull(spec.volumeMode),
      ],
    };
  },
};

interface VolumeSpecLike {
  capacity: Record<string, string>;
  accessModes: string[];
  persistentVolumeReclaimPolicy: string;
  claimRef: { namespace?: string; name?: string };
  storageClassName: string;
  volumeAttributesClassName: string | null;
  volumeMode: string | null;
}

export const pvPrinter: Printer = {
  columns: [
    nameColumn,
    column('Capacity', PV.capacity),
    column('Access Modes', PV.accessModes),
    column('Reclaim Policy', PV.reclaimPolicy),
    column('Status', PV.phase),
    column('Claim', PV.claimRef),
    column('StorageClass', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
    column('Reason', PV.reason),
    ageColumn,
    wide('VolumeMode', PV.volumeMode),
  ],
  print(pv, now) {
    const spec = part<VolumeSpecLike>(pv, 'spec');
    const status = part<{ phase: string; reason: string }>(pv, 'status');
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const phase = pv.metadata.deletionTimestamp ? 'Terminating' : (status.phase ?? '');
    return {
      cells: [
        nameOf(pv), spec.capacity?.storage ?? '0', accessModes(spec.accessModes), spec.persistentVolumeReclaimPolicy ?? '',
        phase, claim, storageClassOf(pv, spec.storageClassName), unsetIfNull(spec.volumeAttributesClassName),
        status.reason ?? '', ageOf(pv, now), unsetIfNull(spec.volumeMode),
      ],
    };
  },
};

function isDefaultClass(sc: KubeObject): boolean {
  const ann = sc.metadata.annotations ?? {};
  return ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClassPrinter: Printer = {
  columns: [
    nameColumn,
    column('Provisioner', STORAGE_CLASS.provisioner),
    column('ReclaimPolicy', STORAGE_CLASS.reclaimPolicy),
    column('VolumeBindingMode', STORAGE_CLASS.volumeBindingMode),
    column('AllowVolumeExpansion', STORAGE_CLASS.allowVolumeExpansion),
    ageColumn,
  ],
  print(sc, now) {
    const name = isDefaultClass(sc) ? `${nameOf(sc)} (default)` : nameOf(sc);
    const provisioner = typeof sc.provisioner === 'string' ? sc.provisioner : '';
    const reclaim = typeof sc.reclaimPolicy === 'string' ? sc.reclaimPolicy : 'Delete';
    const binding = typeof sc.volumeBindingMode === 'string' ? sc.volumeBindingMode : 'Immediate';
    const expansion = sc.allowVolumeExpansion === true;
    return { cells: [name, provisioner, reclaim, binding, expansion, ageOf(sc, now)] };
  },
};
