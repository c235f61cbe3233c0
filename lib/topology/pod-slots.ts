// Pods by ordinal: one slot per ordinal in [start, start+replicas), plus existing condemned pods
// outside the range. Empty in-range slots become placeholders carrying the controller's reason.

import type { KubeObject } from '../kube/types.ts';
import { isEmptySelector, matchesLabelSelector } from '../kube/labels.ts';
import { podStatus } from '../kube/pod-status.ts';
import { podDns } from './dns.ts';
import { type EndpointEntry, endpointOf, endpointsByPod } from './endpoints.ts';
import { dict, list, statusOf, specOf, str } from './fields.ts';
import type { RawSlot } from './health.ts';
import { nodeId } from './ids.ts';
import { podName } from './ordinals.ts';
import { rememberGone, rememberPod } from './pod-history.ts';
import { availableAfter, isPodAvailable, podOrdinal, readPod } from './pod-read.ts';
import { type SlotWant, recordSlot, reusableSlot, slotContext } from './pod-slot-reuse.ts';
import type { ScaleAnalysis } from './scale-rules.ts';
import { type SetFacts, inRange } from './set-facts.ts';
import type { PodInfo, PodSlot, ServiceInfo, TopologyModel } from './types.ts';

/**
 * The ordinal of a pod of this set, or -1: a member by name, controlled by the set or an orphan
 * it would adopt (§1.5).
 */
function ordinalInSet(set: SetFacts, pod: KubeObject): number {
  const ordinal = podOrdinal(set.name, pod);
  if (ordinal < 0) return -1;
  const ref = readPod(pod).controller;
  if (ref) return ref.kind === 'StatefulSet' && (set.uid !== '' ? ref.uid === set.uid : ref.name === set.name) ? ordinal : -1;
  try {
    return !isEmptySelector(set.selector) && matchesLabelSelector(set.selector, pod.metadata.labels) ? ordinal : -1;
  } catch {
    return -1;
  }
}

export function collectSlots(set: SetFacts, pods: readonly KubeObject[]): RawSlot[] {
  const byOrdinal = new Map<number, KubeObject>();
  for (const pod of pods) {
    const o = ordinalInSet(set, pod);
    if (o >= 0) byOrdinal.set(o, pod);
  }
  const slots: RawSlot[] = [];
  for (let o = set.start; o < set.start + set.desired; o++) {
    slots.push({ ordinal: o, name: podName(set.name, o), pod: byOrdinal.get(o) ?? null, condemned: false });
  }
  const inRangeCount = slots.length;
  for (const [o, pod] of byOrdinal) {
    if (!inRange(set, o)) slots.push({ ordinal: o, name: podName(set.name, o), pod, condemned: true });
  }
  // The in-range slots are in order already; only condemned pods need sorting in.
  return slots.length === inRangeCount ? slots : slots.sort((a, b) => a.ordinal - b.ordinal);
}

export interface PodSlotContext {
  set: SetFacts;
  scale: ScaleAnalysis;
  service: ServiceInfo | null;
  endpoints: readonly EndpointEntry[];
  previous: TopologyModel | undefined;
  now: number;
}

export function buildPodSlots(slots: readonly RawSlot[], ctx: PodSlotContext): PodSlot[] {
  // Same set, same ordinal: same name.
  const prevByOrdinal = new Map((ctx.previous?.pods ?? []).map((p) => [p.ordinal, p]));
  const byPod = endpointsByPod(ctx.endpoints);
  const context = slotContext(ctx.set, ctx.service);
  return slots.map((slot) => {
    const prev = prevByOrdinal.get(slot.ordinal);
    const entry = slot.pod ? endpointOf(byPod, slot.name, slot.pod.metadata.uid) : null;
    const reason = slot.pod ? null : placeholderReason(slot, ctx);
    const note = slot.pod ? ctx.scale.notes.get(slot.ordinal) ?? null : null;
    const want = { slot, context, entry, now: ctx.now, reason, note };
    const kept = reusableSlot(prev, want);
    if (kept) return kept;
    const built = buildSlot(slot, ctx, prev, entry, want);
    return recordSlot(built, {
      pod: slot.pod, context, entry,
      availableAfter: slot.pod ? availableAfter(slot.pod, ctx.set.minReadySeconds) : Infinity,
    });
  });
}

function buildSlot(slot: RawSlot, ctx: PodSlotContext, prev: PodSlot | undefined, entry: EndpointEntry | null, want: SlotWant): PodSlot {
  const common = {
    id: nodeId('Pod', ctx.set.namespace, slot.name),
    name: slot.name,
    ordinal: slot.ordinal,
    condemned: slot.condemned,
    ...podDns(slot.name, slot.pod, ctx.service, entry),
  };
  if (!slot.pod) {
    const why = want.reason ?? placeholderReason(slot, ctx);
    return { ...common, placeholder: true, reason: why.reason, blockedBy: why.blockedBy, ...rememberGone(prev) };
  }
  return { ...common, ...podFacts(slot.pod, ctx, prev), ...podLinks(slot.pod, ctx, entry), note: want.note };
}

function placeholderReason(slot: RawSlot, ctx: PodSlotContext): { reason: string; blockedBy: string | null } {
  return ctx.scale.placeholders.get(slot.ordinal) ?? { reason: `${slot.name} is being created`, blockedBy: null };
}

type PodLinks = Pick<PodInfo, 'controlled' | 'hasEndpoint' | 'mountedClaims'>;
type PodFacts = Omit<PodInfo, 'id' | 'name' | 'ordinal' | 'condemned' | 'dnsName' | 'dnsPublished' | 'dnsReason' | 'note' | keyof PodLinks>;

/** The facts the graph's edges come from (relations.ts). */
function podLinks(pod: KubeObject, ctx: PodSlotContext, entry: EndpointEntry | null): PodLinks {
  return {
    controlled: readPod(pod).controller?.uid === ctx.set.uid,
    hasEndpoint: entry !== null,
    mountedClaims: list(specOf(pod).volumes).flatMap((v) => {
      const claim = str(dict(dict(v).persistentVolumeClaim).claimName);
      return claim ? [claim] : [];
    }),
  };
}

function podFacts(pod: KubeObject, ctx: PodSlotContext, prev: PodSlot | undefined): PodFacts {
  const s = podStatus(pod, ctx.now);
  const status = statusOf(pod);
  const uid = pod.metadata.uid ?? '';
  const podIP = str(status.podIP);
  const revision = pod.metadata.labels?.['controller-revision-hash'] ?? null;
  return {
    placeholder: false,
    uid,
    kubectl: { ready: s.ready, status: s.status, restarts: s.restarts },
    readyCount: s.readyCount,
    total: s.total,
    restartCount: s.restartCount,
    lastRestartAt: s.lastRestartAt ?? null,
    phase: str(status.phase) ?? '',
    ready: readPod(pod).ready,
    available: isPodAvailable(pod, ctx.set.minReadySeconds, ctx.now),
    terminating: readPod(pod).terminating,
    node: readPod(pod).nodeName,
    podIP,
    ...rememberPod(prev, uid, podIP),
    revision,
    onUpdateRevision: revision !== null && revision === ctx.set.updateRevision,
    onCurrentRevision: revision !== null && revision === ctx.set.currentRevision,
    createdAt: pod.metadata.creationTimestamp ?? null,
  };
}
