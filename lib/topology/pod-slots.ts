// Pods by ordinal: one slot per ordinal in [start, start+replicas), plus existing condemned pods
// outside the range. Empty in-range slots become placeholders carrying the controller's reason.

import type { KubeObject } from '../kube/types.ts';
import { isEmptySelector, matchesLabelSelector } from '../kube/labels.ts';
import { podStatus } from '../kube/pod-status.ts';
import { podDns } from './dns.ts';
import { type EndpointEntry, endpointOf, endpointsByPod } from './endpoints.ts';
import { controllerRef, dict, isPodAvailable, isPodReady, isTerminating, list, statusOf, specOf, str } from './fields.ts';
import type { RawSlot } from './health.ts';
import { nodeId } from './ids.ts';
import { memberOrdinal, podName } from './ordinals.ts';
import { rememberGone, rememberPod } from './pod-history.ts';
import type { ScaleAnalysis } from './scale-rules.ts';
import { type SetFacts, inRange } from './set-facts.ts';
import type { PodInfo, PodSlot, ServiceInfo, Topology } from './types.ts';

/** A pod of this set: a member by name, controlled by the set or an orphan it would adopt (§1.5). */
function belongsToSet(set: SetFacts, pod: KubeObject): boolean {
  if (memberOrdinal(set.name, pod.metadata.name ?? '') < 0) return false;
  const ref = controllerRef(pod);
  if (ref) return ref.kind === 'StatefulSet' && (set.uid !== '' ? ref.uid === set.uid : ref.name === set.name);
  try {
    return !isEmptySelector(set.selector) && matchesLabelSelector(set.selector, pod.metadata.labels);
  } catch {
    return false;
  }
}

export function collectSlots(set: SetFacts, pods: readonly KubeObject[]): RawSlot[] {
  const byOrdinal = new Map<number, KubeObject>();
  for (const pod of pods) {
    if (belongsToSet(set, pod)) byOrdinal.set(memberOrdinal(set.name, pod.metadata.name ?? ''), pod);
  }
  const slots: RawSlot[] = [];
  for (let o = set.start; o < set.start + set.desired; o++) {
    slots.push({ ordinal: o, name: podName(set.name, o), pod: byOrdinal.get(o) ?? null, condemned: false });
  }
  for (const [o, pod] of byOrdinal) {
    if (!inRange(set, o)) slots.push({ ordinal: o, name: podName(set.name, o), pod, condemned: true });
  }
  return slots.sort((a, b) => a.ordinal - b.ordinal);
}

export interface PodSlotContext {
  set: SetFacts;
  scale: ScaleAnalysis;
  service: ServiceInfo | null;
  endpoints: readonly EndpointEntry[];
  previous: Topology | undefined;
  now: number;
}

export function buildPodSlots(slots: readonly RawSlot[], ctx: PodSlotContext): PodSlot[] {
  const prevByName = new Map((ctx.previous?.pods ?? []).map((p) => [p.name, p]));
  const byPod = endpointsByPod(ctx.endpoints);
  return slots.map((slot) => {
    const prev = prevByName.get(slot.name);
    const entry = slot.pod ? endpointOf(byPod, slot.name, slot.pod.metadata.uid) : null;
    const common = {
      id: nodeId('Pod', ctx.set.namespace, slot.name),
      name: slot.name,
      ordinal: slot.ordinal,
      condemned: slot.condemned,
      ...podDns(slot.name, slot.pod, ctx.service, entry),
    };
    if (!slot.pod) {
      const why = ctx.scale.placeholders.get(slot.ordinal) ?? { reason: `${slot.name} is being created`, blockedBy: null };
      return { ...common, placeholder: true, reason: why.reason, blockedBy: why.blockedBy, ...rememberGone(prev) };
    }
    return { ...common, ...podFacts(slot.pod, ctx, prev), ...podLinks(slot.pod, ctx, entry), note: ctx.scale.notes.get(slot.ordinal) ?? null };
  });
}

type PodLinks = Pick<PodInfo, 'controlled' | 'hasEndpoint' | 'mountedClaims'>;
type PodFacts = Omit<PodInfo, 'id' | 'name' | 'ordinal' | 'condemned' | 'dnsName' | 'dnsPublished' | 'dnsReason' | 'note' | keyof PodLinks>;

/** The facts the graph's edges come from (relations.ts). */
function podLinks(pod: KubeObject, ctx: PodSlotContext, entry: EndpointEntry | null): PodLinks {
  return {
    controlled: controllerRef(pod)?.uid === ctx.set.uid,
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
    ready: isPodReady(pod),
    available: isPodAvailable(pod, ctx.set.minReadySeconds, ctx.now),
    terminating: isTerminating(pod),
    node: str(specOf(pod).nodeName),
    podIP,
    ...rememberPod(prev, uid, podIP),
    revision,
    onUpdateRevision: revision !== null && revision === ctx.set.updateRevision,
    onCurrentRevision: revision !== null && revision === ctx.set.currentRevision,
    createdAt: pod.metadata.creationTimestamp ?? null,
  };
}
