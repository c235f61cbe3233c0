// Edges of the graph as a table of small named rules (style.md principle 3), read from the model
// (not from raw objects) so the browser derives the same edges from what the wire carries.
// Each rule follows how Kubernetes itself links the objects (the facts are taken in pod-slots.ts
// and storage.ts); an edge is kept only when both ends are nodes of the graph, so a rule never
// invents a node.

import { edgeId, nodeId } from './ids.ts';
import type { ClaimInfo, EdgeLabel, PodInfo, ServiceInfo, StatefulSetInfo, TopologyEdge } from './types.ts';

export interface RelationContext {
  sts: StatefulSetInfo;
  service: ServiceInfo | null;
  /** Pods that exist (placeholders have no edges). */
  pods: readonly PodInfo[];
  claims: readonly ClaimInfo[];
}

export interface RelationRule {
  name: string;
  label: EdgeLabel;
  relate(ctx: RelationContext): Array<[source: string, target: string]>;
}

export const RELATION_RULES: readonly RelationRule[] = [
  {
    // Only a name links them: the controller sets pod.spec.subdomain = serviceName and never checks
    // that the Service exists, so the edge points at a ghost node when it is missing.
    name: 'sts->svc',
    label: 'serviceName',
    relate: (ctx) => (ctx.service ? [[ctx.sts.id, ctx.service.id]] : []),
  },
  {
    // Ownership is the controller ownerRef, compared by uid (PodInfo.controlled): a pod of a
    // deleted-and-recreated set with the same name, or an orphan not yet adopted, is not owned.
    name: 'sts->pod',
    label: 'owns',
    relate: (ctx) => ctx.pods.filter((p) => p.controlled).map((p) => [ctx.sts.id, p.id]),
  },
  {
    // The EndpointSlice, not the selector (PodInfo.hasEndpoint): a selected pod without an IP, or
    // in a terminal phase, is no endpoint. Not-ready endpoints keep the edge (dnsPublished on the
    // pod says the rest); an entry for an earlier incarnation (other uid) does not count.
    name: 'svc->pod',
    label: 'selects',
    relate: (ctx) => {
      const service = ctx.service;
      return service ? ctx.pods.filter((p) => p.hasEndpoint).map((p) => [service.id, p.id]) : [];
    },
  },
  {
    // The pod names its claim in a volume (PodInfo.mountedClaims); the PVC has no pointer back (no
    // ownerRef under the default Retain/Retain policy), which is why it survives the pod.
    name: 'pod->pvc',
    label: 'mounts',
    relate: (ctx) => ctx.pods.flatMap((p) => p.mountedClaims.map((claim): [string, string] => [p.id, nodeId('PersistentVolumeClaim', ctx.sts.namespace, claim)])),
  },
  {
    // The claim's spec.volumeName is its side of the binding (the PV's claimRef is the other);
    // it is readable even when PVs are not (pvAccess 'forbidden').
    name: 'pvc->pv',
    label: 'bound',
    relate: (ctx) => ctx.claims.flatMap((c): Array<[string, string]> => (c.exists && c.volumeName ? [[c.id, nodeId('PersistentVolume', null, c.volumeName)]] : [])),
  },
];

export function buildEdges(ctx: RelationContext, nodeIds: ReadonlySet<string>): TopologyEdge[] {
  const edges = new Map<string, TopologyEdge>();
  for (const rule of RELATION_RULES) {
    for (const [source, target] of rule.relate(ctx)) {
      if (!nodeIds.has(source) || !nodeIds.has(target)) continue;
      const id = edgeId(rule.label, source, target);
      edges.set(id, { id, source, target, label: rule.label });
    }
  }
  return [...edges.values()];
}
