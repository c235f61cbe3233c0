// The kinds the dashboard watches, and where they live on the API server. Namespaced kinds are
// watched per namespace; PersistentVolumes and StorageClasses cluster-wide. Optional kinds may be
// forbidden by RBAC: the dashboard then shows less (a notice says what) instead of failing.

export type WatchedKind =
  | 'statefulsets' | 'pods' | 'services' | 'endpointslices' | 'persistentvolumeclaims'
  | 'controllerrevisions' | 'events' | 'persistentvolumes' | 'storageclasses';

export interface KindDef {
  kind: WatchedKind;
  /** The object kind, filled in on objects (list items come without it). */
  objectKind: string;
  apiVersion: string;
  /** '' for the core group. */
  group: string;
  plural: string;
  namespaced: boolean;
  /** When RBAC forbids it: the notice shown; absent for kinds the dashboard cannot do without. */
  forbiddenNotice?: string;
}

function def(objectKind: string, apiVersion: string, plural: WatchedKind, namespaced: boolean, forbiddenNotice?: string): KindDef {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return { kind: plural, objectKind, apiVersion, group, plural, namespaced, forbiddenNotice };
}

export const KINDS: readonly KindDef[] = [
  def('StatefulSet', 'apps/v1', 'statefulsets', true),
  def('Pod', 'v1', 'pods', true),
  def('Service', 'v1', 'services', true),
  def('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', true),
  def('PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', true),
  def('ControllerRevision', 'apps/v1', 'controllerrevisions', true, 'ControllerRevisions: forbidden by RBAC (revision details are not shown)'),
  def('Event', 'v1', 'events', true, 'Events: forbidden by RBAC (warnings from events are not shown)'),
  def('PersistentVolume', 'v1', 'persistentvolumes', false, 'PersistentVolumes: forbidden by RBAC (the dashboard shows PVCs without their PVs)'),
  def('StorageClass', 'storage.k8s.io/v1', 'storageclasses', false, 'StorageClasses: forbidden by RBAC (storage class details are not shown)'),
];

export function kindDef(kind: WatchedKind): KindDef {
  const d = KINDS.find((k) => k.kind === kind);
  if (!d) throw new Error(`unknown kind ${kind}`);
  return d;
}

/** The collection path: /api/v1/namespaces/ns/pods, /apis/storage.k8s.io/v1/storageclasses, ... */
export function collectionPath(d: KindDef, namespace: string | null): string {
  const base = d.group ? `/apis/${d.apiVersion}` : `/api/${d.apiVersion}`;
  if (!d.namespaced) return `${base}/${d.plural}`;
  if (!namespace) throw new Error(`${d.plural} are namespaced: a namespace is needed`);
  return `${base}/namespaces/${encodeURIComponent(namespace)}/${d.plural}`;
}
