// PVC ownerReferences for persistentVolumeClaimRetentionPolicy (statefulset-semantics.md §4.2;
// stateful_set_utils.go isClaimOwnerUpToDate / updateClaimOwnerRefForSetAndPod). Pure.
//
//   whenScaled  whenDeleted   in-range pod's claim   condemned pod's claim
//   Retain      Retain        no refs                no refs
//   Retain      Delete        ref -> set             ref -> set
//   Delete      Retain        no refs                ref -> pod
//   Delete      Delete        ref -> set             ref -> pod only
//
// All refs are controller refs. A ref to our set or pod with another UID ("stale") or another
// controller means: leave the claim alone (the latter after scrubbing our own refs).

import type { KubeObject, OwnerReference } from '../../kube/types.ts';
import { inOrdinalRange, retentionPolicy, type Pod, type Pvc, type StatefulSet } from './statefulset-model.ts';

interface Gvk {
  apiVersion: string;
  kind: string;
}

export const SET_KIND: Gvk = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
export const POD_KIND: Gvk = { apiVersion: 'v1', kind: 'Pod' };

function refs(claim: Pvc): OwnerReference[] {
  return claim.metadata.ownerReferences ?? [];
}

/** Same kind and name (the UID may differ). */
function matchesRef(ref: OwnerReference, obj: KubeObject, gvk: Gvk): boolean {
  return ref.apiVersion === gvk.apiVersion && ref.kind === gvk.kind && ref.name === obj.metadata.name;
}

export function hasOwnerRef(target: KubeObject, owner: KubeObject): boolean {
  const uid = owner.metadata.uid ?? '';
  return (target.metadata.ownerReferences ?? []).some((r) => r.uid === uid);
}

/** A ref that names obj but carries another UID (an earlier incarnation, or a pod not yet created). */
export function hasStaleOwnerRef(claim: Pvc, obj: KubeObject, gvk: Gvk): boolean {
  const ref = refs(claim).find((r) => matchesRef(r, obj, gvk));
  return !!ref && ref.uid !== (obj.metadata.uid ?? '');
}

export function hasUnexpectedController(claim: Pvc, set: StatefulSet, pod: Pod): boolean {
  const policy = retentionPolicy(set);
  if (policy.whenScaled === 'Retain' && policy.whenDeleted === 'Retain') return false;
  for (const ref of refs(claim)) {
    if (matchesRef(ref, set, SET_KIND)) {
      if (ref.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesRef(ref, pod, POD_KIND)) {
      if (ref.uid !== (pod.metadata.uid ?? '')) return true;
      continue;
    }
    if (ref.controller) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: Pvc, set: StatefulSet, pod: Pod): boolean {
  return refs(claim).some((r) => (r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && !r.controller);
}

/** Whether the claim's refs already match the policy for this (set, pod). */
export function isClaimOwnerUpToDate(claim: Pvc, set: StatefulSet, pod: Pod): boolean {
  if (hasStaleOwnerRef(claim, set, SET_KIND) || hasStaleOwnerRef(claim, pod, POD_KIND)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const { wantSet, wantPod } = wantedRefs(set, pod);
  return hasOwnerRef(claim, set) === wantSet && hasOwnerRef(claim, pod) === wantPod;
}

function wantedRefs(set: StatefulSet, pod: Pod): { wantSet: boolean; wantPod: boolean } {
  const policy = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  const delScaled = policy.whenScaled === 'Delete';
  const delDeleted = policy.whenDeleted === 'Delete';
  if (delScaled && delDeleted) return { wantSet: !scaledDown, wantPod: scaledDown };
  if (delScaled) return { wantSet: false, wantPod: scaledDown };
  if (delDeleted) return { wantSet: true, wantPod: false };
  return { wantSet: false, wantPod: false };
}

function controllerRef(owner: KubeObject, gvk: Gvk): OwnerReference {
  return { apiVersion: gvk.apiVersion, kind: gvk.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** The claim's ownerReferences after scrubbing our refs and adding the ones the policy wants. */
export function claimOwnerRefsFor(claim: Pvc, set: StatefulSet, pod: Pod): OwnerReference[] {
  const unexpected = hasUnexpectedController(claim, set, pod);
  const out = refs(claim).filter((r) => !matchesRef(r, set, SET_KIND) && !matchesRef(r, pod, POD_KIND));
  if (unexpected) return out;
  const { wantSet, wantPod } = wantedRefs(set, pod);
  const add = (owner: KubeObject, gvk: Gvk) => {
    if (!out.some((r) => r.uid === owner.metadata.uid)) out.push(controllerRef(owner, gvk));
  };
  if (wantPod) add(pod, POD_KIND);
  if (wantSet) add(set, SET_KIND);
  return out;
}
