// StatefulSet status (statefulset-semantics.md §3.5; computeReplicaStatus, completeRollingUpdate,
// inconsistentStatus, the status updater). Counting and comparing are pure; writeStatus PUTs the
// status only when it differs, with the JSON shape of apps/v1 (omitempty fields left out).

import { R } from '../resources.ts';
import { hasReason, type SyncContext } from './statefulset-context.ts';
import {
  isCreated,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  podRevision,
  replicasOf,
  type Pod,
  type StatefulSet,
  type StatefulSetStatus,
} from './statefulset-model.ts';

/** The status being computed in one sync; every field present (zero values included). */
export interface WorkingStatus {
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
  availableReplicas: number;
}

export function newWorkingStatus(set: StatefulSet, currentRevision: string, updateRevision: string, collisionCount: number): WorkingStatus {
  return {
    observedGeneration: set.metadata.generation ?? 0,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    currentRevision,
    updateRevision,
    collisionCount,
    availableReplicas: 0,
  };
}

/**
 * updateStatus: recount over every pod held (in range, condemned, terminating included).
 * Terminating pods count in replicas/ready/available but not in current/updated.
 */
export function recount(status: WorkingStatus, minReadySeconds: number, now: number, ...podLists: ReadonlyArray<readonly Pod[]>): void {
  Object.assign(status, { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 });
  for (const pods of podLists) {
    for (const pod of pods) {
      if (!isCreated(pod)) continue;
      status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, now)) status.availableReplicas++;
      }
      if (isTerminating(pod)) continue;
      if (podRevision(pod) === status.currentRevision) status.currentReplicas++;
      if (podRevision(pod) === status.updateRevision) status.updatedReplicas++;
    }
  }
}

/** RollingUpdate completes when updated == ready == replicas == spec.replicas (0 included). */
export function completeRollingUpdate(set: StatefulSet, status: WorkingStatus): void {
  const want = replicasOf(set);
  const rolling = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (rolling && status.updatedReplicas === want && status.readyReplicas === want && status.replicas === want) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** Whether the stored status must be rewritten (collisionCount alone does not trigger a write). */
export function inconsistentStatus(set: StatefulSet, status: WorkingStatus): boolean {
  const s = set.status;
  return (
    status.observedGeneration > (s?.observedGeneration ?? 0) ||
    status.replicas !== (s?.replicas ?? 0) ||
    status.currentReplicas !== (s?.currentReplicas ?? 0) ||
    status.readyReplicas !== (s?.readyReplicas ?? 0) ||
    status.updatedReplicas !== (s?.updatedReplicas ?? 0) ||
    status.currentRevision !== (s?.currentRevision ?? '') ||
    status.availableReplicas !== (s?.availableReplicas ?? 0) ||
    status.updateRevision !== (s?.updateRevision ?? '')
  );
}

/** apps/v1 StatefulSetStatus JSON: field order of types.go, omitempty fields dropped when zero. */
export function toApiStatus(w: WorkingStatus): StatefulSetStatus {
  const out: Record<string, unknown> = {};
  if (w.observedGeneration) out.observedGeneration = w.observedGeneration;
  out.replicas = w.replicas;
  if (w.readyReplicas) out.readyReplicas = w.readyReplicas;
  if (w.currentReplicas) out.currentReplicas = w.currentReplicas;
  if (w.updatedReplicas) out.updatedReplicas = w.updatedReplicas;
  if (w.currentRevision) out.currentRevision = w.currentRevision;
  if (w.updateRevision) out.updateRevision = w.updateRevision;
  out.collisionCount = w.collisionCount; // a pointer: written even when 0
  out.availableReplicas = w.availableReplicas;
  return out as unknown as StatefulSetStatus;
}

const STATUS_ATTEMPTS = 5;

/**
 * updateStatefulSetStatus: complete a finished rollout, then PUT /status if anything differs.
 * On a conflict the fresh object is re-read and the write retried.
 */
export function writeStatus(ctx: SyncContext, set: StatefulSet, status: WorkingStatus): void {
  completeRollingUpdate(set, status);
  if (!inconsistentStatus(set, status)) return;
  for (let attempt = 0; ; attempt++) {
    const fresh = ctx.store.get(R.statefulsets, set.metadata.namespace, set.metadata.name ?? '') as StatefulSet | undefined;
    if (!fresh || fresh.metadata.uid !== set.metadata.uid) return;
    const next = structuredClone(fresh) as StatefulSet;
    next.status = toApiStatus(status);
    try {
      ctx.store.update(R.statefulsets, next);
      return;
    } catch (e) {
      if (!(hasReason(e, 'Conflict')) || attempt + 1 >= STATUS_ATTEMPTS) throw e;
    }
  }
}
