// Edges of the graph as a table of small named rules (style.md principle 3). Each rule reads the
// cluster objects the way Kubernetes itself links them; an edge is kept only when both ends are
// nodes of the graph, so a rule never invents a node.

import type { KubeObject } from '../kube/types.ts';
import type { EndpointEntry } from './endpoints.ts';
import { controllerRef, dict, list, specOf, str } from './fields.ts';
import { edgeId, nodeId } from './ids.ts';
import type { SetFacts } from './set-facts.ts';
import type { EdgeLabel, TopologyEdge } from './types.ts';

export interface RelationContext {
  set: SetFacts;
  /** Member pods of the set (the ones that have graph nodes). */
  pods: readonly KubeObject[];
  /** PVCs that have graph nodes. */
  pvcs: readonly KubeObject[];
  /** EndpointSlice entries of the governing Service. */
  endpoints: readonly EndpointEntry[];
}

export interface RelationRule {
  name: string;
  label: EdgeLabel;
  relate(ctx: RelationContext): Array<[source: string, target: string]>;
}

const ns = (ctx: RelationContext) => ctx.set.namespace;

export const RELATION_RULES: readonly RelationRule[] = [
  {
    // Only a name links them: the controller sets pod.spec.subdomain = serviceName and never checks
    // that the Service exists, so the edge points at a ghost node when it is missing.
    name: 'sts->svc',
    label: 'serviceName',
    relate: (ctx) => (ctx.set.serviceName
      ? [[nodeId('StatefulSet', ns(ctx), ctx.set.name), nodeId('Service', ns(ctx), ctx.set.serviceName)]]
      : []),
  },
  {
    // Ownership is the controller ownerRef, compared by uid: a pod of a deleted-and-recreated set
    // with the same name, or an orphan not yet adopted, is not owned by this set.
    name: 'sts->pod',
    label: 'owns',
    relate: (ctx) => ctx.pods
      .filter((p) => controllerRef(p)?.uid === ctx.set.uid)
      .map((p) => [nodeId('StatefulSet', ns(ctx), ctx.set.name), nodeId('Pod', ns(ctx), p.metadata.name ?? '')]),
  },
  {
    // The EndpointSlice, not the selector: a selected pod without an IP, or in a terminal phase,
    // is no endpoint. Not-ready endpoints keep the edge (dnsPublished on the pod says the rest);
    // an entry for an earlier incarnation (other uid) does not count.
    name: 'svc->pod',
    label: 'selects',
    relate: (ctx) => ctx.endpoints.flatMap((e): Array<[string, string]> => {
      const pod = ctx.pods.find((p) => p.metadata.name === e.podName);
      if (!pod || (e.podUid !== null && e.podUid !== pod.metadata.uid)) return [];
      return [[nodeId('Service', ns(ctx), ctx.set.serviceName), nodeId('Pod', ns(ctx), e.podName ?? '')]];
    }),
  },
  {
    // The pod names its claim in a volume; the PVC has no pointer back (no ownerRef under the
    // default Retain/Retain policy), which is why it survives the pod.
    name: 'pod->pvc',
    label: 'mounts',
    relate: (ctx) => ctx.pods.flatMap((p) => list(specOf(p).volumes).flatMap((v): Array<[string, string]> => {
      const claim = str(dict(dict(v).persistentVolumeClaim).claimName);
      return claim ? [[nodeId('Pod', ns(ctx), p.metadata.name ?? ''), nodeId('PersistentVolumeClaim', ns(ctx), claim)]] : [];
    })),
  },
  {
    // The claim's spec.volumeName is its side of the binding (the PV's claimRef is the other);
    // it is readable even when PVs are not (pvAccess 'forbidden').
    name: 'pvc->pv',
    label: 'bound',
    relate: (ctx) => ctx.pvcs.flatMap((c): Array<[string, string]> => {
      const volume = str(specOf(c).volumeName);
      return volume ? [[nodeId('PersistentVolumeClaim', ns(ctx), c.metadata.name ?? ''), nodeId('PersistentVolume', null, volume)]] : [];
    }),
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
