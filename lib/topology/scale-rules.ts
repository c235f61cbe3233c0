// Why a slot is empty and what happens next to each pod, from the controller's sync loop
// (statefulset-semantics.md §2.2): processReplica in ascending ordinal, then processCondemned in
// descending ordinal. OrderedReady stops the whole sync at the first pod that asks to stop;
// Parallel does not wait. Limit: this reads one snapshot, so it names the rule that applies now,
// not the controller's in-flight work (a pod it created a millisecond ago may not be listed yet).

import type { KubeObject } from '../kube/types.ts';
import { isTerminating } from './fields.ts';
import { type Health, type RawSlot, isUnavailable, slotHealth, waitPhrase } from './health.ts';
import { claimName } from './ordinals.ts';
import { readPod } from './pod-read.ts';
import type { SetFacts } from './set-facts.ts';

export interface Blocker {
  name: string;
  health: Exclude<Health, 'healthy'>;
  phrase: string;
}

export interface ScaleAnalysis {
  placeholders: Map<number, { reason: string; blockedBy: string | null }>;
  notes: Map<number, string>;
  sentences: string[];
  /** OrderedReady: the lowest in-range pod that stops the sync (nothing above it progresses). */
  replicaBlocker: Blocker | null;
}

export function analyzeScale(set: SetFacts, slots: RawSlot[], pvcs: Map<string, KubeObject>, now: number): ScaleAnalysis {
  const out: ScaleAnalysis = { placeholders: new Map(), notes: new Map(), sentences: [], replicaBlocker: null };
  const waiting = new Map<string, string[]>();
  for (const slot of slots.filter((s) => !s.condemned)) {
    if (!slot.pod) {
      const p = placeholderReason(set, slot, out.replicaBlocker, pvcs);
      out.placeholders.set(slot.ordinal, p);
      if (p.blockedBy) waiting.set(p.blockedBy, [...(waiting.get(p.blockedBy) ?? []), slot.name]);
      else out.sentences.push(p.reason);
    } else {
      const note = replicaNote(set, slot.name, slot.pod);
      if (note) { out.notes.set(slot.ordinal, note); out.sentences.push(note); }
    }
    const health = slotHealth(slot, set, now);
    if (set.ordered && !out.replicaBlocker && health !== 'healthy') {
      out.replicaBlocker = { name: slot.name, health, phrase: waitPhrase(health, set) };
    }
  }
  for (const [blocker, names] of waiting) {
    const phrase = out.replicaBlocker?.name === blocker ? out.replicaBlocker.phrase : 'to be Running and Ready';
    out.sentences.push(`${nameList(names)} not created yet: OrderedReady waits for ${blocker} ${phrase}`);
  }
  analyzeCondemned(set, slots, out, now);
  return out;
}

function placeholderReason(
  set: SetFacts, slot: RawSlot, blocker: Blocker | null, pvcs: Map<string, KubeObject>,
): { reason: string; blockedBy: string | null } {
  if (set.deleting) return { reason: `StatefulSet ${set.name} is being deleted; no pods are created`, blockedBy: null };
  if (blocker) return { reason: `waiting for ${blocker.name} ${blocker.phrase} (OrderedReady)`, blockedBy: blocker.name };
  for (const t of set.templates) {
    const name = claimName(t.name, set.name, slot.ordinal);
    const pvc = pvcs.get(name);
    if (pvc && isTerminating(pvc)) {
      return { reason: `PVC ${name} is being deleted; ${slot.name} is created once it is gone`, blockedBy: null };
    }
    // PodClaimIsStale: with whenScaled Delete, a claim still owned by an earlier pod is left to the GC.
    if (pvc && set.whenScaled === 'Delete' && (pvc.metadata.ownerReferences ?? []).some((r) => r.kind === 'Pod')) {
      return { reason: `PVC ${name} still belongs to an earlier ${slot.name}; ${slot.name} is created once the garbage collector has deleted it`, blockedBy: null };
    }
  }
  return { reason: `${slot.name} is being created`, blockedBy: null };
}

function replicaNote(set: SetFacts, name: string, pod: KubeObject): string | null {
  const { phase, terminating } = readPod(pod);
  if (phase === 'Failed' || phase === 'Succeeded') {
    return terminating
      ? `${name} has ${phase} and is being deleted; it is recreated once gone`
      : `${name} has ${phase}; the controller deletes it and creates it again`;
  }
  if (!terminating) return null;
  return set.deleting ? `${name} is terminating` : `${name} is terminating; it is recreated once gone`;
}

function analyzeCondemned(set: SetFacts, slots: RawSlot[], out: ScaleAnalysis, now: number): void {
  const condemned = slots.filter((s) => s.condemned && s.pod).sort((a, b) => b.ordinal - a.ordinal);
  if (condemned.length === 0) return;
  const note = (s: RawSlot, text: string) => out.notes.set(s.ordinal, text);
  if (set.deleting) {
    condemned.forEach((s) => note(s, `StatefulSet ${set.name} is being deleted`));
  } else if (!set.ordered) {
    condemned.forEach((s) => note(s, s.pod && isTerminating(s.pod) ? `${s.name} is terminating (scale-down)` : `${s.name} is being deleted (scale-down)`));
    out.sentences.push(`scale-down: ${nameList(condemned.map((s) => s.name))} removed in parallel (Parallel)`);
  } else if (out.replicaBlocker) {
    const b = out.replicaBlocker;
    condemned.forEach((s) => note(s, `scale-down waits for ${b.name} ${b.phrase} (OrderedReady)`));
    out.sentences.push(`scale-down paused: OrderedReady waits for ${b.name} ${b.phrase}`);
  } else {
    orderedScaleDown(set, condemned, out, now);
  }
}

/** processCondemned under OrderedReady: highest first, one at a time, waiting until it is gone. */
function orderedScaleDown(set: SetFacts, condemned: RawSlot[], out: ScaleAnalysis, now: number): void {
  const ascending = [...condemned].reverse();
  const firstUnavailable = ascending.find((s) => isUnavailable(s, set, now))?.name ?? null;
  const [head, ...rest] = condemned;
  rest.forEach((s) => out.notes.set(s.ordinal, `waits until ${head.name} is gone (scale-down removes the highest ordinal first)`));
  if (head.pod && isTerminating(head.pod)) {
    out.notes.set(head.ordinal, `${head.name} is terminating (scale-down)`);
    out.sentences.push(rest.length > 0 ? `scale-down paused: ${head.name} is still terminating` : `scale-down: ${head.name} is terminating`);
  } else if (isUnavailable(head, set, now) && head.name !== firstUnavailable) {
    out.notes.set(head.ordinal, `${head.name} is not Running and Ready; it is removed only after ${firstUnavailable} is healthy (OrderedReady)`);
    out.sentences.push(`scale-down paused: ${head.name} and ${firstUnavailable} are unhealthy; OrderedReady removes only the lowest unhealthy pod`);
  } else {
    out.notes.set(head.ordinal, `${head.name} is deleted next (scale-down)`);
    out.sentences.push(`scale-down: ${head.name} is deleted next`);
  }
}

/** "web-1", "web-1, web-2", or "web-1, web-2 and 8 more". */
export function nameList(names: string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
