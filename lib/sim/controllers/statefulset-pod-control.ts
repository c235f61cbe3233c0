// The pod side of StatefulPodControl (stateful_pod_control.go): create a pod after its claims,
// repair identity/storage/claim refs with an update, delete gracefully. Each write records the
// event of statefulset-semantics.md §6 on the StatefulSet.

import { R } from '../resources.ts';
import { asError, hasReason, type SyncContext } from './statefulset-context.ts';
import {
  claimsMatchRetentionPolicy,
  createPersistentVolumeClaims,
  updatePodClaimForRetentionPolicy,
} from './statefulset-claim-control.ts';
import { recordPodEvent } from './statefulset-events.ts';
import type { Pod, StatefulSet } from './statefulset-model.ts';
import { identityMatches, storageMatches, updateIdentity, updateStorage } from './statefulset-pods.ts';

const UPDATE_ATTEMPTS = 5;

/** Claims first (a failure there is the pod's FailedCreate too), then the pod, then claim refs. */
export function createStatefulPod(ctx: SyncContext, set: StatefulSet, pod: Pod): void {
  try {
    createPersistentVolumeClaims(ctx, set, pod);
  } catch (e) {
    recordPodEvent(ctx, 'create', set, pod, asError(e));
    throw e;
  }
  let err: Error | undefined;
  try {
    ctx.create(R.pods, pod);
  } catch (e) {
    if (hasReason(e, 'AlreadyExists')) throw e; // a stale cache, not worth an event
    err = asError(e);
  }
  if (!err) {
    try {
      // Upstream passes the pod as sent (no UID yet); only set refs can be added at this point.
      updatePodClaimForRetentionPolicy(ctx, set, pod);
    } catch (e) {
      recordPodEvent(ctx, 'update', set, pod, asError(e));
      throw e;
    }
  }
  recordPodEvent(ctx, 'create', set, pod, err);
  if (err) throw err;
}

/** Makes the pod's own fields consistent; returns whether the pod itself must be written. */
function repair(ctx: SyncContext, set: StatefulSet, pod: Pod): boolean {
  let dirty = false;
  if (!identityMatches(set, pod)) {
    updateIdentity(set, pod);
    dirty = true;
  }
  if (!storageMatches(set, pod)) {
    updateStorage(set, pod);
    dirty = true;
    createPersistentVolumeClaims(ctx, set, pod);
  }
  if (!claimsMatchRetentionPolicy(ctx, set, pod)) {
    updatePodClaimForRetentionPolicy(ctx, set, pod);
    dirty = true;
  }
  return dirty;
}

/** UpdateStatefulPod: repair and PUT, retrying on conflicts with a fresh copy. */
export function updateStatefulPod(ctx: SyncContext, set: StatefulSet, original: Pod): void {
  let pod = structuredClone(original) as Pod;
  let attempted = false;
  let err: Error | undefined;
  for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
    try {
      if (!repair(ctx, set, pod)) return;
    } catch (e) {
      recordPodEvent(ctx, 'update', set, pod, asError(e));
      throw e;
    }
    attempted = true;
    try {
      ctx.store.update(R.pods, pod);
      err = undefined;
      break;
    } catch (e) {
      err = asError(e);
      const fresh = ctx.store.get(R.pods, original.metadata.namespace, original.metadata.name ?? '');
      if (!hasReason(e, 'Conflict') || !fresh) break;
      pod = structuredClone(fresh) as Pod;
    }
  }
  if (attempted) recordPodEvent(ctx, 'update', set, pod, err);
  if (err) throw err;
}

/** A graceful DELETE (the pod's own grace period); the kubelet finishes it. */
export function deleteStatefulPod(ctx: SyncContext, set: StatefulSet, pod: Pod): void {
  let err: Error | undefined;
  try {
    ctx.store.delete(R.pods, pod.metadata.namespace, pod.metadata.name ?? '');
  } catch (e) {
    err = asError(e);
  }
  recordPodEvent(ctx, 'delete', set, pod, err);
  if (err) throw err;
}
