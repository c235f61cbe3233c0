// Reuse of pod slots across rebuilds (buildPodSlots). A slot is a function of: its pod object (or
// none), the set and Service facts every slot reads (slotContext), its EndpointSlice entry, its
// scale note or placeholder reason, `now`, and its memory (the previous slot of the same name).
// When all of these are what the previous slot was built from, the previous slot is the new one:
// same JSON, same object, so the diff and the browser skip it by identity.
// - Memory: a slot rebuilt from the pod object its previous slot was built from carries that
//   slot's recreated / recreateCount / previousIP unchanged (pod-history.ts), and a placeholder
//   its lastSeen and recreateCount, so reusing the previous slot keeps memory exact.
// - Time: `available` (minReadySeconds) is rechecked against `now` (availableAfter); a pod whose
//   RESTARTS column shows an age ("3 (5m ago)") is always rebuilt.
// What each slot was built from is kept in a WeakMap keyed by the slot, so it lives as long as
// the slot; a model without that record (from the wire, a clone) is simply rebuilt.

import type { KubeObject } from '../kube/types.ts';
import type { EndpointEntry } from './endpoints.ts';
import type { RawSlot } from './health.ts';
import type { SetFacts } from './set-facts.ts';
import type { PodSlot, ServiceInfo } from './types.ts';

interface SlotSource {
  pod: KubeObject | null;
  context: string;
  entry: EndpointEntry | null;
  /** availableAfter(pod) when built; Infinity for placeholders. */
  availableAfter: number;
}

const SOURCES = new WeakMap<PodSlot, SlotSource>();

/** Every set and Service fact a pod slot reads besides its own pod, entry and scale text. */
export function slotContext(set: SetFacts, service: ServiceInfo | null): string {
  const svc = service && [service.id, service.name, service.exists, service.headless, service.dnsName, service.selector];
  return JSON.stringify([set.namespace, set.name, set.uid, set.minReadySeconds, set.updateRevision, set.currentRevision, svc]);
}

/** The same as far as a slot reads its EndpointSlice entry (podDns, hasEndpoint). */
function sameEntry(a: EndpointEntry | null, b: EndpointEntry | null): boolean {
  if (a === null || b === null) return a === b;
  return a.ready === b.ready && a.terminating === b.terminating && a.hostname === b.hostname;
}

export function recordSlot(slot: PodSlot, source: SlotSource): PodSlot {
  SOURCES.set(slot, source);
  return slot;
}

export interface SlotWant {
  slot: RawSlot;
  context: string;
  entry: EndpointEntry | null;
  now: number;
  /** The placeholder's reason when the slot is empty, its note otherwise. */
  reason: { reason: string; blockedBy: string | null } | null;
  note: string | null;
}

/** The previous slot when it is exactly what building this slot now would give; null otherwise. */
export function reusableSlot(prev: PodSlot | undefined, want: SlotWant): PodSlot | null {
  if (!prev) return null;
  const source = SOURCES.get(prev);
  if (!source || source.pod !== want.slot.pod || source.context !== want.context || !sameEntry(source.entry, want.entry)) return null;
  if (prev.condemned !== want.slot.condemned) return null;
  if (prev.placeholder) {
    return want.reason && prev.reason === want.reason.reason && prev.blockedBy === want.reason.blockedBy ? prev : null;
  }
  if (prev.note !== want.note) return null;
  if (prev.restartCount !== 0 && prev.lastRestartAt !== null) return null;
  return (source.availableAfter < want.now) === prev.available ? prev : null;
}
