// Revisions of pods (statefulset-semantics.md §3.2–§3.3): which revision a (re-)created pod gets,
// and the baseline RollingUpdate step (MaxUnavailableStatefulSet off: at most one deletion per
// sync, highest index first, down to the partition, which is an index relative to ordinals.start).

import { hasReason, type SyncContext } from './statefulset-context.ts';
import {
  isTerminating,
  isUnavailable,
  markPlaceholder,
  minReadySecondsOf,
  podRevision,
  REVISION_LABEL,
  startOrdinal,
  type Pod,
  type StatefulSet,
} from './statefulset-model.ts';
import { deleteStatefulPod } from './statefulset-pod-control.ts';
import { newStatefulSetPod } from './statefulset-pods.ts';
import type { WorkingStatus } from './statefulset-status.ts';

export function strategyType(set: StatefulSet): 'RollingUpdate' | 'OnDelete' {
  return set.spec.updateStrategy?.type ?? 'RollingUpdate';
}

function setPodRevision(pod: Pod, revision: string): void {
  const labels = { ...(pod.metadata.labels ?? {}), [REVISION_LABEL]: revision };
  pod.metadata.labels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * newVersionedStatefulSetPod: the current revision below the partition (ordinal < start +
 * partition), else the update revision. OnDelete always uses the update revision. The result
 * is an in-memory placeholder ("not created").
 */
export function newVersionedStatefulSetPod(currentSet: StatefulSet, updateSet: StatefulSet, currentRevision: string, updateRevision: string, ordinal: number): Pod {
  const strategy = currentSet.spec.updateStrategy;
  const ru = strategy?.rollingUpdate;
  const start = startOrdinal(currentSet);
  // Upstream's precedence: (RollingUpdate && ru == nil && ...) || (ru != nil && ...).
  const useCurrent =
    (strategyType(currentSet) === 'RollingUpdate' && !ru && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (!!ru && ordinal < start + (ru.partition ?? 0));
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal);
  setPodRevision(pod, useCurrent ? currentRevision : updateRevision);
  return markPlaceholder(pod);
}

/**
 * One RollingUpdate step over the in-range replicas (index = ordinal - start): delete the
 * highest-index pod not on the update revision and not terminating, then stop; or stop at the
 * first unavailable pod (wait). Pods below the partition are never touched.
 */
export function rollingUpdateStep(ctx: SyncContext, set: StatefulSet, replicas: readonly Pod[], updateRevision: string, status: WorkingStatus): void {
  const updateMin = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  const mrs = minReadySecondsOf(set);
  for (let target = replicas.length - 1; target >= updateMin; target--) {
    const pod = replicas[target];
    if (podRevision(pod) !== updateRevision && !isTerminating(pod)) {
      try {
        deleteStatefulPod(ctx, set, pod);
      } catch (e) {
        if (!(hasReason(e, 'NotFound'))) throw e;
      }
      status.currentReplicas--;
      return;
    }
    if (isUnavailable(pod, mrs, ctx.now)) return;
  }
}
