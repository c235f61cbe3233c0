// Sentences about a template update in progress (statefulset-semantics.md §3.2-3.3, baseline
// maxUnavailable OFF): which pods run the new revision, which stay below the partition, and
// what the controller does next. Limit: the MaxUnavailableStatefulSet gate (several pods at once)
// is not modelled.

import { type RawSlot, slotHealth, waitPhrase } from './health.ts';
import { readPod } from './pod-read.ts';
import type { Blocker } from './scale-rules.ts';
import { nameList } from './scale-rules.ts';
import type { SetFacts } from './set-facts.ts';

function revisionOf(slot: RawSlot): string | null {
  return slot.pod ? readPod(slot.pod).revision : null;
}

export function rolloutSentences(set: SetFacts, slots: RawSlot[], blocker: Blocker | null, now: number): string[] {
  const cur = set.currentRevision;
  const upd = set.updateRevision;
  const replicas = slots.filter((s) => !s.condemned);
  const updated = replicas.filter((s) => s.pod && revisionOf(s) === upd).map((s) => s.name);
  if (!upd) return [];
  if (set.updateStrategy === 'OnDelete') {
    // OnDelete never moves currentRevision (issue #73492), so compare the pods themselves.
    const existing = replicas.filter((s) => s.pod).length;
    if (updated.length === existing) return [];
    return [`update strategy OnDelete: ${updated.length} of ${existing} pods run revision ${upd}; the others move to it only when you delete them`];
  }
  if (cur === upd) return [];
  const head = `rolling update: ${updated.length > 0 ? nameList(updated) : 'no pod'} on revision ${upd}`;
  const first = set.partition > 0 ? `${head}; pods below partition ${set.partition} stay on the current revision ${cur ?? ''}`.trimEnd() : head;
  if (set.partition >= set.desired) {
    return [first, `rolling update: partition ${set.partition} is not below replicas ${set.desired}, so no pod is updated`];
  }
  const next = nextStep(set, replicas, blocker, slots.some((s) => s.condemned && s.pod), now);
  return next ? [first, next] : [first];
}

function nextStep(set: SetFacts, replicas: RawSlot[], blocker: Blocker | null, scalingDown: boolean, now: number): string | null {
  if (set.deleting) return null;
  if (blocker) {
    const onUpdate = replicas.find((s) => s.name === blocker.name && revisionOf(s) === set.updateRevision);
    const stall = onUpdate && blocker.health === 'notReady'
      ? '; an updated pod that never becomes Ready stalls the rollout until it is deleted by hand'
      : '';
    return `rolling update waits for ${blocker.name} ${blocker.phrase}${stall}`;
  }
  if (set.ordered && scalingDown) return 'rolling update waits for the scale-down to finish';
  // From the highest index down to the partition: replace the first old pod, or wait on an unavailable one.
  for (const slot of [...replicas].reverse()) {
    if (slot.ordinal - set.start < set.partition) break;
    const old = slot.pod !== null && revisionOf(slot) !== set.updateRevision;
    if (old && slot.pod && !readPod(slot.pod).terminating) return `rolling update: ${slot.name} is replaced next`;
    const health = slotHealth(slot, set, now);
    if (health !== 'healthy') {
      return old ? `rolling update: ${slot.name} is being replaced` : `rolling update waits for ${slot.name} ${waitPhrase(health, set)}`;
    }
  }
  return null;
}
