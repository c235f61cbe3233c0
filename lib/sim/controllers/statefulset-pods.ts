// Pod and PVC objects the StatefulSet controller builds, and the identity/storage checks it
// repairs (statefulset-semantics.md §1.2–§1.4; stateful_set_utils.go). Pure: the objects are
// what the controller sends; the API server's defaulting is applied by the caller.

import type { OwnerReference } from '../../kube/types.ts';
import { statefulSetControllerRef } from './revision.ts';
import {
  claimName,
  ordinalOf,
  parseName,
  podName,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  type ClaimTemplate,
  type Pod,
  type Pvc,
  type StatefulSet,
  type Volume,
} from './statefulset-model.ts';

export function controllerRefTo(set: StatefulSet): OwnerReference {
  return statefulSetControllerRef(set);
}

function sortedLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** updateIdentity: name, namespace and the two index labels (what later repairs may fix). */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = sortedLabels({ ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ordinal) });
}

export interface PodClaim {
  templateName: string;
  claimName: string;
  template: ClaimTemplate;
}

/**
 * The set's claims for the pod's ordinal, in template order: names only, so that checks stay
 * cheap; newClaim builds the object when one has to be created.
 */
export function claimsForPod(set: StatefulSet, ordinal: number): PodClaim[] {
  const templates = set.spec.volumeClaimTemplates ?? [];
  const out: PodClaim[] = new Array(templates.length);
  for (let i = 0; i < templates.length; i++) {
    const tmpl = templates[i];
    out[i] = { templateName: tmpl.metadata.name ?? '', claimName: claimName(set, tmpl, ordinal), template: tmpl };
  }
  return out;
}

/** A PVC from a claim template: its metadata and spec, the pod-specific name, selector labels win. */
export function newClaim(set: StatefulSet, tmpl: ClaimTemplate, ordinal: number): Pvc {
  const { creationTimestamp: _ts, ...meta } = structuredClone(tmpl.metadata);
  const labels = { ...(tmpl.metadata.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) };
  const claim: Pvc = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { ...meta, name: claimName(set, tmpl, ordinal), namespace: set.metadata.namespace },
    spec: structuredClone(tmpl.spec ?? {}),
  };
  if (Object.keys(labels).length) claim.metadata.labels = sortedLabels(labels);
  else delete claim.metadata.labels;
  return claim;
}

/** updateStorage: claim volumes replace same-named template volumes; the others follow. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = claimsForPod(set, ordinalOf(pod));
  const names = new Set(claims.map((c) => c.templateName));
  const volumes: Volume[] = claims.map((c) => ({ name: c.templateName, persistentVolumeClaim: { claimName: c.claimName } }));
  for (const v of pod.spec?.volumes ?? []) if (!names.has(v.name)) volumes.push(v);
  pod.spec = { ...(pod.spec ?? {}) };
  if (volumes.length) pod.spec.volumes = volumes;
}

/**
 * newStatefulSetPod: GetPodFromTemplate (labels, annotations, finalizers, spec; generateName
 * "<set>-"; controller ref), then initIdentity (hostname/subdomain, creation only) and storage.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const tmpl = set.spec.template ?? {};
  const meta: Pod['metadata'] = { generateName: `${set.metadata.name}-`, name: podName(set, ordinal), namespace: set.metadata.namespace };
  if (tmpl.metadata?.labels) meta.labels = { ...tmpl.metadata.labels };
  if (tmpl.metadata?.annotations && Object.keys(tmpl.metadata.annotations).length) meta.annotations = { ...tmpl.metadata.annotations };
  if (tmpl.metadata?.finalizers?.length) meta.finalizers = [...tmpl.metadata.finalizers];
  meta.ownerReferences = [controllerRefTo(set)];
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: structuredClone(tmpl.spec ?? {}) };
  updateIdentity(set, pod);
  pod.spec!.hostname = pod.metadata.name;
  pod.spec!.subdomain = set.spec.serviceName;
  if (!set.spec.serviceName) delete pod.spec!.subdomain;
  updateStorage(set, pod);
  return pod;
}

export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parseName(pod.metadata.name);
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name
  );
}

export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = pod.spec?.volumes ?? [];
  // Go's map of volumes by name keeps the last volume of a name.
  const byName = (name: string) => volumes.findLast((v) => v.name === name);
  return (set.spec.volumeClaimTemplates ?? []).every((tmpl) => byName(tmpl.metadata.name ?? '')?.persistentVolumeClaim?.claimName === claimName(set, tmpl, ordinal));
}
