// Warning events about objects in the graph (FailedCreate on the set, BackOff on a pod,
// ProvisioningFailed on a PVC), newest first. Reads core/v1 Events and events.k8s.io/v1 Events.
// Events stay in the API for an hour after they were last seen (kube-apiserver's default
// --event-ttl) and `kubectl describe` lists them all. Here a pod's warning that its current
// state contradicts is kept but marked past (WarningEvent.past) and listed after the others:
// FailedScheduling about a pod that has a node now, and any warning about an earlier incarnation
// (the event's involvedObject.uid is not the current pod's uid). Other objects are matched by
// kind and name alone.

import type { KubeObject } from '../kube/types.ts';
import { compareStrings, dict, num, str } from './fields.ts';
import type { NodeKind, PodSlot, WarningEvent } from './types.ts';

const MAX_EVENTS = 20;
const KINDS = new Set<string>(['StatefulSet', 'Service', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume']);

export function warningEvents(events: readonly KubeObject[], nodeIds: ReadonlySet<string>, pods: readonly PodSlot[]): WarningEvent[] {
  // Only a warning about a pod needs the pods by id (most rebuilds see no Warning event at all).
  let podsById: Map<string, PodSlot> | undefined;
  const podOf = (id: string) => (podsById ??= new Map(pods.map((p) => [p.id, p]))).get(id);
  const out: WarningEvent[] = [];
  for (const e of events) {
    if (e.type !== 'Warning') continue;
    const about = dict(e.involvedObject ?? e.regarding);
    const kind = str(about.kind);
    const name = str(about.name);
    if (!kind || !name || !KINDS.has(kind)) continue;
    const ns = str(about.namespace);
    const id = kind === 'PersistentVolume' ? `${kind as NodeKind}/${name}` : `${kind}/${ns ?? e.metadata.namespace ?? 'default'}/${name}`;
    if (!nodeIds.has(id)) continue;
    const reason = str(e.reason) ?? '';
    out.push({
      nodeId: id,
      reason,
      message: str(e.message) ?? str(e.note) ?? '',
      count: num(e.count, num(dict(e.series).count, 1)),
      lastSeen: str(e.lastTimestamp) ?? str(dict(e.series).lastObservedTime) ?? str(e.eventTime) ?? e.metadata.creationTimestamp ?? null,
      past: kind === 'Pod' ? podPast(podOf(id), name, reason, str(about.uid)) : null,
    });
  }
  // Warnings that may still apply first; within each, newest first (ISO-8601 UTC timestamps sort
  // as strings; events without a time go last).
  out.sort((a, b) => Number(a.past !== null) - Number(b.past !== null)
    || compareStrings(b.lastSeen ?? '', a.lastSeen ?? '') || compareStrings(a.nodeId, b.nodeId));
  return out.slice(0, MAX_EVENTS);
}

function podPast(pod: PodSlot | undefined, name: string, reason: string, uid: string | null): string | null {
  if (!pod || pod.placeholder) return null;
  if (uid !== null && uid !== pod.uid) return `it was about an earlier ${name}; the pod has been re-created since`;
  if (reason === 'FailedScheduling' && pod.node !== null) return `${name} has been scheduled to ${pod.node} since`;
  return null;
}
