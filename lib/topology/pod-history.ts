// Facts that need memory: a pod name that comes back with a new uid was recreated, and its old IP
// is worth showing ("10.244.1.7 became 10.244.1.8"). The memory is the previous topology itself
// (pods and placeholders carry what is needed), so the builder stays a pure function.

import type { PodInfo, PodPlaceholder, PodSlot } from './types.ts';

export interface PodMemory {
  recreated: boolean;
  recreateCount: number;
  previousIP: string | null;
}

export function rememberPod(prev: PodSlot | undefined, uid: string, podIP: string | null): PodMemory {
  const differs = (ip: string | null) => (ip !== null && ip !== podIP ? ip : null);
  if (!prev) return { recreated: false, recreateCount: 0, previousIP: null };
  if (prev.placeholder) {
    if (!prev.lastSeen || prev.lastSeen.uid === uid) {
      return { recreated: false, recreateCount: prev.recreateCount, previousIP: null };
    }
    return { recreated: true, recreateCount: prev.recreateCount + 1, previousIP: differs(prev.lastSeen.podIP) };
  }
  if (prev.uid !== uid) {
    // Replaced between two snapshots: the old incarnation was never seen gone.
    return { recreated: true, recreateCount: prev.recreateCount + 1, previousIP: differs(prev.podIP ?? prev.previousIP) };
  }
  return {
    recreated: prev.recreated,
    recreateCount: prev.recreateCount,
    previousIP: differs(prev.podIP !== null && prev.podIP !== podIP ? prev.podIP : prev.previousIP),
  };
}

export function rememberGone(prev: PodSlot | undefined): Pick<PodPlaceholder, 'lastSeen' | 'recreateCount'> {
  if (!prev) return { lastSeen: null, recreateCount: 0 };
  if (prev.placeholder) return { lastSeen: prev.lastSeen, recreateCount: prev.recreateCount };
  const p: PodInfo = prev;
  return { lastSeen: { uid: p.uid, podIP: p.podIP ?? p.previousIP }, recreateCount: p.recreateCount };
}
