// What the builder reads of a pod again and again (the slots, the scale and rollout rules, the
// claims, the pod slot reuse), read once per pod object. Input objects are never mutated (a
// change comes as a new object: TopologyInput), so a WeakMap keyed by the object holds, and a
// rebuild after one pod changed reads one pod.

import { parseParentAndOrdinal } from '../kube/ordinals.ts';
import type { KubeObject } from '../kube/types.ts';
import { controllerRef, isPodReady, isTerminating, podCondition, specOf, statusOf, str } from './fields.ts';

export interface PodRead {
  /** The name split as the controller splits it (getParentNameAndOrdinal). */
  parent: string;
  ordinal: number;
  controller: { kind: string; name: string; uid: string } | null;
  /** status.phase as it is (not defaulted). */
  phase: unknown;
  terminating: boolean;
  /** The Ready condition is True. */
  ready: boolean;
  /** The Ready condition's lastTransitionTime (ms); NaN when absent or unparseable. */
  readySince: number;
  nodeName: string | null;
  /** controller-revision-hash label (a ControllerRevision name). */
  revision: string | null;
}

const READS = new WeakMap<KubeObject, PodRead>();

export function readPod(pod: KubeObject): PodRead {
  let read = READS.get(pod);
  if (!read) {
    const { parent, ordinal } = parseParentAndOrdinal(pod.metadata.name ?? '');
    read = {
      parent, ordinal,
      controller: controllerRef(pod),
      phase: statusOf(pod).phase,
      terminating: isTerminating(pod),
      ready: isPodReady(pod),
      readySince: Date.parse(String(podCondition(pod, 'Ready')?.lastTransitionTime ?? '')),
      nodeName: str(specOf(pod).nodeName),
      revision: pod.metadata.labels?.['controller-revision-hash'] ?? null,
    };
    READS.set(pod, read);
  }
  return read;
}

/** The ordinal of a pod of set `setName` by name (memberOrdinal), or -1. */
export function podOrdinal(setName: string, pod: KubeObject): number {
  const r = readPod(pod);
  return r.parent === setName ? r.ordinal : -1;
}

/** phase Running and Ready (the controller's isRunningAndReady). */
export function isRunningAndReady(pod: KubeObject): boolean {
  const r = readPod(pod);
  return r.phase === 'Running' && r.ready;
}

/**
 * podutil.IsPodAvailable: Ready, and Ready since more than minReadySeconds. A Ready condition
 * without a parseable lastTransitionTime counts as available only when minReadySeconds is 0.
 */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  return availableAfter(pod, minReadySeconds) < now;
}

/**
 * The time (ms) after which isPodAvailable holds as long as the pod stays as it is: -Infinity
 * when it holds at any time, Infinity when time alone never makes it hold.
 */
export function availableAfter(pod: KubeObject, minReadySeconds: number): number {
  const r = readPod(pod);
  if (!r.ready) return Infinity;
  if (minReadySeconds <= 0) return -Infinity;
  return Number.isFinite(r.readySince) ? r.readySince + minReadySeconds * 1000 : Infinity;
}
