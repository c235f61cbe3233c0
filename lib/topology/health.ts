// How the StatefulSet controller sees one ordinal slot (statefulset-semantics.md §2.1-2.2): the
// first reason, in the controller's order, why processReplica would stop at this pod.

import type { KubeObject } from '../kube/types.ts';
import { isPodAvailable, isRunningAndReady, readPod } from './pod-read.ts';
import type { SetFacts } from './set-facts.ts';

export interface RawSlot {
  ordinal: number;
  name: string;
  /** The member pod with this name, or null when the slot is empty. */
  pod: KubeObject | null;
  condemned: boolean;
}

export type Health = 'missing' | 'finished' | 'terminating' | 'notReady' | 'notAvailable' | 'healthy';

export function slotHealth(slot: RawSlot, set: SetFacts, now: number): Health {
  const pod = slot.pod;
  if (!pod) return 'missing';
  const { phase, terminating } = readPod(pod);
  if (phase === 'Failed' || phase === 'Succeeded') return 'finished';
  if (terminating) return 'terminating';
  if (!isRunningAndReady(pod)) return 'notReady';
  if (!isPodAvailable(pod, set.minReadySeconds, now)) return 'notAvailable';
  return 'healthy';
}

/** The controller's isUnavailable: not Running+Ready+Available, or terminating. */
export function isUnavailable(slot: RawSlot, set: SetFacts, now: number): boolean {
  return slotHealth(slot, set, now) !== 'healthy';
}

/** What OrderedReady waits for, as the end of "waits for web-1 ...". */
export function waitPhrase(health: Exclude<Health, 'healthy'>, set: SetFacts): string {
  switch (health) {
    case 'missing':
    case 'notReady':
      return 'to be Running and Ready';
    case 'finished':
    case 'terminating':
      return 'to be recreated and Running and Ready';
    case 'notAvailable':
      return `to be Ready for minReadySeconds (${set.minReadySeconds}s)`;
  }
}
