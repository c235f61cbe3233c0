// The core of one StatefulSet sync, statefulset-semantics.md §2.2 steps 2–12
// (stateful_set_control.go updateStatefulSet, processReplica, processCondemned, runForAll,
// slowStartBatch), baseline v1.34–1.36 with MaxUnavailableStatefulSet off.
//
// OrderedReady ("monotonic") makes at most one create, one condemned delete or one update
// delete per sync and stops at the first pod that is not Running, Ready and Available.
// Parallel processes every slot in slow-start batches (1, 2, 4, … ≤ 500) and stops only on
// errors. The caller writes the returned status even when an error is returned.

import { applyRevision, type ControllerRevision } from './revision.ts';
import {
  claimsMatchRetentionPolicy,
  createMissingPersistentVolumeClaims,
  podClaimIsStale,
  updatePodClaimForRetentionPolicy,
} from './statefulset-claim-control.ts';
import { aggregateError, asError, type SyncContext } from './statefulset-context.ts';
import {
  endOrdinal,
  inOrdinalRange,
  isCreated,
  isFailed,
  isParallel,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
  minReadySecondsOf,
  ordinalOf,
  replicasOf,
  startOrdinal,
  type Pod,
  type StatefulSet,
} from './statefulset-model.ts';
import { createStatefulPod, deleteStatefulPod, updateStatefulPod } from './statefulset-pod-control.ts';
import { checkShape, podIsConsistent } from './statefulset-pod-checks.ts';
import { newWorkingStatus, recount, type WorkingStatus } from './statefulset-status.ts';
import { newVersionedStatefulSetPod, rollingUpdateStep, strategyType } from './statefulset-update.ts';

export const MAX_BATCH_SIZE = 500;

export interface UpdateResult {
  status: WorkingStatus;
  error?: Error;
}

interface Buckets {
  replicas: Pod[];
  condemned: Pod[];
}

/** In-range pods by index (missing slots get placeholders); condemned by descending ordinal. */
function bucketPods(set: StatefulSet, pods: readonly Pod[], currentSet: StatefulSet, updateSet: StatefulSet, current: string, update: string): Buckets {
  const start = startOrdinal(set);
  const replicas: Pod[] = new Array(replicasOf(set));
  const condemned: Pod[] = [];
  for (const pod of pods) {
    if (inOrdinalRange(pod, set)) replicas[ordinalOf(pod) - start] = pod;
    else if (ordinalOf(pod) >= 0) condemned.push(pod);
  }
  for (let ord = start; ord <= endOrdinal(set); ord++) {
    replicas[ord - start] ??= newVersionedStatefulSetPod(currentSet, updateSet, current, update, ord);
  }
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  return { replicas, condemned };
}

function firstUnavailablePod({ replicas, condemned }: Buckets, mrs: number, now: number): Pod | undefined {
  const inRange = replicas.find((p) => isUnavailable(p, mrs, now));
  if (inRange) return inRange;
  for (let i = condemned.length - 1; i >= 0; i--) if (isUnavailable(condemned[i], mrs, now)) return condemned[i];
  return undefined;
}

/** slowStartBatch: batches of 1, 2, 4, …; a batch runs fully, then its errors end the run. */
export function slowStartBatch(count: number, fn: (i: number) => unknown): void {
  let remaining = count;
  let next = 0;
  for (let size = Math.min(remaining, 1); size > 0; size = Math.min(2 * size, remaining, MAX_BATCH_SIZE)) {
    const errs: Error[] = [];
    for (let k = 0; k < size; k++) {
      try {
        fn(next++);
      } catch (e) {
        errs.push(asError(e));
      }
    }
    const err = aggregateError(errs);
    if (err) throw err;
    remaining -= size;
  }
}

/** runForAll: true if the sync must end here (monotonic only; Parallel ends only by throwing). */
function runForAll(count: number, fn: (i: number) => boolean, monotonic: boolean): boolean {
  if (!monotonic) {
    slowStartBatch(count, fn);
    return false;
  }
  for (let i = 0; i < count; i++) if (fn(i)) return true;
  return false;
}

function processReplica(ctx: SyncContext, set: StatefulSet, updateSet: StatefulSet, shape: string, monotonic: boolean, pod: Pod): boolean {
  const mrs = minReadySecondsOf(set);
  if (isFailed(pod) || isSucceeded(pod)) {
    // Replaced on a later sync, once the old pod has left the API.
    if (!isTerminating(pod)) deleteStatefulPod(ctx, set, pod);
    return true;
  }
  if (!isCreated(pod)) {
    if (podClaimIsStale(ctx, set, pod)) return true;
    createStatefulPod(ctx, set, pod);
    if (monotonic) return true;
  }
  if (isPending(pod)) createMissingPersistentVolumeClaims(ctx, set, pod);
  if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, mrs, ctx.now))) return true;
  if (podIsConsistent(ctx, set, updateSet, shape, pod)) return false;
  updateStatefulPod(ctx, updateSet, pod);
  return false;
}

function processCondemned(ctx: SyncContext, set: StatefulSet, firstUnavailable: Pod | undefined, monotonic: boolean, pod: Pod): boolean {
  if (isTerminating(pod)) return monotonic; // OrderedReady waits until it is gone
  const mrs = minReadySecondsOf(set);
  const healthy = isRunningAndReady(pod) && isRunningAndAvailable(pod, mrs, ctx.now);
  if (monotonic && !healthy && pod !== firstUnavailable) return true;
  deleteStatefulPod(ctx, set, pod);
  return true;
}

function fixPodClaim(ctx: SyncContext, updateSet: StatefulSet, pod: Pod): boolean {
  if (!claimsMatchRetentionPolicy(ctx, updateSet, pod)) updatePodClaimForRetentionPolicy(ctx, updateSet, pod);
  return false;
}

/** Creates, deletes and repairs pods toward the set's spec; returns the status to write. */
export function updateStatefulSet(ctx: SyncContext, set: StatefulSet, current: ControllerRevision, update: ControllerRevision, collisionCount: number, pods: readonly Pod[]): UpdateResult {
  const currentSet = applyRevision(set, current);
  const updateSet = applyRevision(set, update);
  const currentName = current.metadata.name ?? '';
  const updateName = update.metadata.name ?? '';
  const status = newWorkingStatus(set, currentName, updateName, collisionCount);
  const mrs = minReadySecondsOf(set);
  if (set.metadata.deletionTimestamp) {
    recount(status, mrs, ctx.now, pods);
    return { status };
  }
  // Every path below recounts over replicas and condemned before returning.
  const buckets = bucketPods(set, pods, currentSet, updateSet, currentName, updateName);
  const { replicas, condemned } = buckets;
  const firstUnavailable = firstUnavailablePod(buckets, mrs, ctx.now);

  const monotonic = !isParallel(set);
  const finish = (error?: Error): UpdateResult => {
    recount(status, mrs, ctx.now, replicas, condemned);
    return { status, error };
  };
  try {
    const shape = checkShape(set);
    if (runForAll(replicas.length, (i) => processReplica(ctx, set, updateSet, shape, monotonic, replicas[i]), monotonic)) return finish();
    if (runForAll(condemned.length, (i) => fixPodClaim(ctx, updateSet, condemned[i]), monotonic)) return finish();
    if (runForAll(condemned.length, (i) => processCondemned(ctx, set, firstUnavailable, monotonic, condemned[i]), monotonic)) return finish();
  } catch (e) {
    return finish(asError(e));
  }
  recount(status, mrs, ctx.now, replicas, condemned);
  if (strategyType(set) === 'OnDelete') return { status };
  try {
    rollingUpdateStep(ctx, set, replicas, updateName, status);
  } catch (e) {
    return { status, error: asError(e) };
  }
  return { status };
}
