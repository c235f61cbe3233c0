// The PVC side of StatefulPodControl (statefulset-semantics.md §4.1–§4.2;
// stateful_pod_control.go): create missing claims before the pod, reuse existing ones as they
// are, refuse claims being deleted, and keep the retention-policy ownerRefs right. Claims are
// never deleted here: deletion is the garbage collector's, through those ownerRefs.

import { R } from '../resources.ts';
import { aggregateError, asError, hasReason, type SyncContext } from './statefulset-context.ts';
import { claimOwnerRefsFor, hasStaleOwnerRef, hasUnexpectedController, isClaimOwnerUpToDate, POD_KIND } from './statefulset-claims.ts';
import { recordClaimEvent, recordConflictingController, recordPodEvent } from './statefulset-events.ts';
import { ordinalOf, retentionPolicy, type Pod, type Pvc, type StatefulSet } from './statefulset-model.ts';
import { claimsForPod, newClaim } from './statefulset-pods.ts';

function getClaim(ctx: SyncContext, namespace: string | undefined, name: string): Pvc | undefined {
  return ctx.store.get(R.pvcs, namespace, name) as Pvc | undefined;
}

/** createPersistentVolumeClaims: throws the aggregate of every claim that is not usable. */
export function createPersistentVolumeClaims(ctx: SyncContext, set: StatefulSet, pod: Pod): void {
  const errs: Error[] = [];
  for (const { claimName: name, template } of claimsForPod(set, ordinalOf(pod))) {
    const existing = getClaim(ctx, set.metadata.namespace, name);
    if (!existing) {
      const claim = newClaim(set, template, ordinalOf(pod));
      try {
        ctx.create(R.pvcs, claim);
        recordClaimEvent(ctx, 'create', set, pod, claim);
      } catch (e) {
        const err = asError(e);
        errs.push(new Error(`failed to create PVC ${name}: ${err.message}`));
        if (!(hasReason(err, 'AlreadyExists'))) recordClaimEvent(ctx, 'create', set, pod, claim, err);
      }
    } else if (existing.metadata.deletionTimestamp) {
      errs.push(new Error(`pvc ${name} is being deleted`));
    }
  }
  const err = aggregateError(errs);
  if (err) throw err;
}

/** For a Pending pod: recreate claims that went missing, then fix their ownerRefs. */
export function createMissingPersistentVolumeClaims(ctx: SyncContext, set: StatefulSet, pod: Pod): void {
  createPersistentVolumeClaims(ctx, set, pod);
  try {
    updatePodClaimForRetentionPolicy(ctx, set, pod);
  } catch (e) {
    recordPodEvent(ctx, 'update', set, pod, asError(e));
    throw e;
  }
}

/** False if any existing claim of the pod has refs that disagree with the policy. */
export function claimsMatchRetentionPolicy(ctx: SyncContext, set: StatefulSet, pod: Pod): boolean {
  for (const { claimName } of claimsForPod(set, ordinalOf(pod))) {
    const live = getClaim(ctx, set.metadata.namespace, claimName);
    if (live && !isClaimOwnerUpToDate(live, set, pod)) return false;
  }
  return true;
}

/** Rewrites the ownerRefs of the pod's claims to match the policy (missing claims are skipped). */
export function updatePodClaimForRetentionPolicy(ctx: SyncContext, set: StatefulSet, pod: Pod): void {
  for (const { claimName: name } of claimsForPod(set, ordinalOf(pod))) {
    const live = getClaim(ctx, set.metadata.namespace, name);
    if (!live) continue;
    if (hasUnexpectedController(live, set, pod)) recordConflictingController(ctx, set, name);
    if (isClaimOwnerUpToDate(live, set, pod)) continue;
    const next = structuredClone(live) as Pvc;
    const refs = claimOwnerRefsFor(live, set, pod);
    if (refs.length) next.metadata.ownerReferences = refs;
    else delete next.metadata.ownerReferences;
    try {
      ctx.store.update(R.pvcs, next);
    } catch (e) {
      throw new Error(`could not update claim ${name} for delete policy ownerRefs: ${asError(e).message}`);
    }
  }
}

/**
 * PodClaimIsStale (whenScaled=Delete only): a claim still owned by an earlier incarnation of the
 * pod (or by any pod, when the pod is not created yet) is about to be garbage-collected; wait.
 */
export function podClaimIsStale(ctx: SyncContext, set: StatefulSet, pod: Pod): boolean {
  if (retentionPolicy(set).whenScaled === 'Retain') return false;
  return claimsForPod(set, ordinalOf(pod)).some(({ claimName }) => {
    const live = getClaim(ctx, set.metadata.namespace, claimName);
    return !!live && hasStaleOwnerRef(live, pod, POD_KIND);
  });
}
