// StorageClass facts shared by the scheduler, kubelet and provisioner: kind's default class
// `standard` (rancher.io/local-path, WaitForFirstConsumer) and which class is the default.

import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import type { Store } from '../store/store.ts';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

export const STANDARD_STORAGE_CLASS: KubeObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
  provisioner: LOCAL_PATH_PROVISIONER,
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};

export function ensureDefaultStorageClass(store: Store): void {
  if (!store.get(R.storageClasses, undefined, 'standard')) store.create(R.storageClasses, STANDARD_STORAGE_CLASS);
}

/** The default class; with several, the newest wins (as the API server picks since 1.26). */
export function defaultStorageClass(store: Store): KubeObject | undefined {
  const defaults = store.list(R.storageClasses).filter((sc) => {
    const a = sc.metadata.annotations ?? {};
    return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
  });
  defaults.sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
  return defaults[0];
}

export function bindingMode(sc: KubeObject | undefined): string {
  return (sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode ?? 'Immediate';
}

export function reclaimPolicyOf(sc: KubeObject | undefined): string {
  return (sc as { reclaimPolicy?: string } | undefined)?.reclaimPolicy ?? 'Delete';
}

export function provisionerOf(sc: KubeObject | undefined): string {
  return (sc as { provisioner?: string } | undefined)?.provisioner ?? LOCAL_PATH_PROVISIONER;
}
