// getPodsForStatefulSet (statefulset-semantics.md §1.5; ClaimPods in controller_ref_manager.go):
// the pods a set manages are the ones it controls that still match its selector and are members
// by name, plus matching orphans it adopts. Controlled pods that no longer match are released.

import { fromLabelSelector, isEmptySelector, matches, type Requirement } from '../../kube/labels.ts';
import { R } from '../resources.ts';
import { hasReason, type SyncContext } from './statefulset-context.ts';
import { controllerOf, isMemberOf, type Pod, type StatefulSet } from './statefulset-model.ts';
import { controllerRefTo } from './statefulset-pods.ts';

function selectorOf(set: StatefulSet): Requirement[] | undefined {
  // An empty selector selects nothing for a workload (validation forbids it anyway).
  return isEmptySelector(set.spec.selector) ? undefined : fromLabelSelector(set.spec.selector);
}

function matchesSet(set: StatefulSet, reqs: Requirement[] | undefined, pod: Pod): boolean {
  return !!reqs && matches(reqs, pod.metadata.labels) && isMemberOf(set, pod);
}

/** Removes the set's ownerRef (a "$patch: delete" by uid upstream). NotFound is fine. */
function release(ctx: SyncContext, set: StatefulSet, pod: Pod): void {
  const next = structuredClone(pod) as Pod;
  next.metadata.ownerReferences = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid);
  if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
  try {
    ctx.store.update(R.pods, next);
  } catch (e) {
    if (!(hasReason(e, 'NotFound'))) throw e;
  }
}

/** Adds the set as controller; undefined if the pod went away meanwhile. */
function adopt(ctx: SyncContext, set: StatefulSet, pod: Pod): Pod | undefined {
  const next = structuredClone(pod) as Pod;
  next.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid), controllerRefTo(set)];
  try {
    return ctx.store.update(R.pods, next) as Pod;
  } catch (e) {
    if (hasReason(e, 'NotFound')) return undefined;
    throw e;
  }
}

/** RecheckDeletionTimestamp: adopt only for the very same set, and not while it is being deleted. */
function canAdopt(ctx: SyncContext, set: StatefulSet): boolean {
  const fresh = ctx.store.get(R.statefulsets, set.metadata.namespace, set.metadata.name ?? '');
  return !!fresh && fresh.metadata.uid === set.metadata.uid && !fresh.metadata.deletionTimestamp;
}

/** The pods the set manages now (terminating ones included), adopting and releasing on the way. */
export function claimPods(ctx: SyncContext, set: StatefulSet): Pod[] {
  const reqs = selectorOf(set);
  const deleting = !!set.metadata.deletionTimestamp;
  const claimed: Pod[] = [];
  let adoptable: boolean | undefined;
  const pods = (ctx.listPods ? ctx.listPods(set.metadata.namespace) : ctx.store.list(R.pods, set.metadata.namespace)) as readonly Pod[];
  for (const pod of pods) {
    const ref = controllerOf(pod);
    const match = matchesSet(set, reqs, pod);
    if (ref) {
      if (ref.uid !== set.metadata.uid) continue;
      if (match) claimed.push(pod);
      else if (!deleting) release(ctx, set, pod);
      continue;
    }
    if (deleting || !match || pod.metadata.deletionTimestamp) continue;
    adoptable ??= canAdopt(ctx, set);
    if (!adoptable) continue;
    const adopted = adopt(ctx, set, pod);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}
