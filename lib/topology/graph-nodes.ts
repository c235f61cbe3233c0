// The flat node list for the UI, derived from the model parts. Node ids depend only on names
// (placeholders included), so a pod being created, recreated or turning Ready never changes the
// set of ids, and the layout stays put.

import { nodeId } from './ids.ts';
import type { ClaimInfo, PodSlot, ServiceInfo, StatefulSetInfo, TopologyNode } from './types.ts';

/** kubectl STATUS values that mean "look here". */
const TROUBLE = new Set([
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'Error', 'Failed', 'Evicted', 'Unknown',
  'CreateContainerConfigError', 'CreateContainerError', 'InvalidImageName', 'OOMKilled', 'ContainerStatusUnknown',
]);

/** Every node has the same keys in the same order, so golden files and diffs stay readable. */
function node(n: Pick<TopologyNode, 'id' | 'kind' | 'name' | 'namespace' | 'status'> & Partial<TopologyNode>): TopologyNode {
  return {
    id: n.id, kind: n.kind, name: n.name, namespace: n.namespace, status: n.status,
    ordinal: n.ordinal ?? null, slot: n.slot ?? null, ghost: n.ghost ?? false, warning: n.warning ?? false,
  };
}

// A node is a function of its model part (and the set's namespace and claim templates): unchanged
// parts are the same objects after a patch (applyTopologyPatch), so their nodes are looked up, not
// rebuilt. On a 1,000-pod set a readiness storm then costs per changed pod. Entries go with their
// part (WeakMap); a hit is checked against the arguments it depends on besides the part.
const POD_NODES = new WeakMap<PodSlot, TopologyNode>();
const CLAIM_NODES = new WeakMap<ClaimInfo, TopologyNode>();
const VOLUME_NODES = new WeakMap<ClaimInfo, TopologyNode>();

function cached<K extends object>(cache: WeakMap<K, TopologyNode>, part: K, fits: (n: TopologyNode) => boolean, make: () => TopologyNode): TopologyNode {
  const hit = cache.get(part);
  if (hit && fits(hit)) return hit;
  const made = make();
  cache.set(part, made);
  return made;
}

export function buildNodes(
  sts: StatefulSetInfo,
  service: ServiceInfo | null,
  pods: readonly PodSlot[],
  claims: readonly ClaimInfo[],
  templates: readonly string[],
): TopologyNode[] {
  const nodes: TopologyNode[] = [
    node({ id: sts.id, kind: 'StatefulSet', name: sts.name, namespace: sts.namespace, status: sts.ready }),
  ];
  if (service) {
    nodes.push(node({
      id: service.id, kind: 'Service', name: service.name, namespace: service.namespace,
      status: !service.exists ? 'Missing' : service.headless ? 'Headless' : 'ClusterIP',
      ghost: !service.exists, warning: service.warnings.length > 0,
    }));
  }
  const inSet = (n: TopologyNode) => n.namespace === sts.namespace;
  for (const p of pods) nodes.push(cached(POD_NODES, p, inSet, () => podNode(p, sts.namespace)));
  const slotOf = (c: ClaimInfo) => Math.max(0, templates.indexOf(c.template));
  for (const c of claims) {
    nodes.push(cached(CLAIM_NODES, c, (n) => inSet(n) && n.slot === slotOf(c), () => node({
      id: c.id, kind: 'PersistentVolumeClaim', name: c.name, namespace: sts.namespace, ordinal: c.ordinal,
      slot: slotOf(c), status: c.status ?? 'NotCreated', ghost: !c.exists, warning: c.warnings.length > 0,
    })));
  }
  const seen = new Set<string>();
  for (const c of claims) {
    if (!c.volumeName) continue;
    const id = nodeId('PersistentVolume', null, c.volumeName);
    if (seen.has(id)) continue;
    seen.add(id);
    const phase = c.pv?.phase ?? null;
    nodes.push(cached(VOLUME_NODES, c, (n) => n.slot === slotOf(c), () => node({
      id, kind: 'PersistentVolume', name: c.volumeName as string, namespace: null, ordinal: c.ordinal, slot: slotOf(c),
      status: phase ?? 'Unknown', warning: phase === 'Failed' || phase === 'Released',
    })));
  }
  return nodes;
}

function podNode(p: PodSlot, namespace: string): TopologyNode {
  return node({
    id: p.id, kind: 'Pod', name: p.name, namespace, ordinal: p.ordinal,
    status: p.placeholder ? 'NotCreated' : p.kubectl.status,
    ghost: p.placeholder,
    warning: !p.placeholder && (TROUBLE.has(p.kubectl.status) || p.kubectl.status.startsWith('Init:Err')),
  });
}
