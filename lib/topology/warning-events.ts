// Warning events about objects in the graph (FailedCreate on the set, BackOff on a pod,
// ProvisioningFailed on a PVC), newest first. Reads core/v1 Events and events.k8s.io/v1 Events.
// Limit: matched by kind and name, so an event about an earlier incarnation of web-1 is shown on
// the current web-1.

import type { KubeObject } from '../kube/types.ts';
import { compareStrings, dict, num, str } from './fields.ts';
import type { NodeKind, WarningEvent } from './types.ts';

const MAX_EVENTS = 20;
const KINDS = new Set<string>(['StatefulSet', 'Service', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume']);

export function warningEvents(events: readonly KubeObject[], nodeIds: ReadonlySet<string>): WarningEvent[] {
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
    out.push({
      nodeId: id,
      reason: str(e.reason) ?? '',
      message: str(e.message) ?? str(e.note) ?? '',
      count: num(e.count, num(dict(e.series).count, 1)),
      lastSeen: str(e.lastTimestamp) ?? str(dict(e.series).lastObservedTime) ?? str(e.eventTime) ?? e.metadata.creationTimestamp ?? null,
    });
  }
  // ISO-8601 UTC timestamps sort as strings; events without a time go last.
  out.sort((a, b) => compareStrings(b.lastSeen ?? '', a.lastSeen ?? '') || compareStrings(a.nodeId, b.nodeId));
  return out.slice(0, MAX_EVENTS);
}
