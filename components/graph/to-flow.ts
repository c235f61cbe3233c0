// Topology -> React Flow nodes and edges. Pure. Contract (what keeps React Flow cheap and the
// viewport still): the node id is the topology id (React Flow writes it to `data-id`); a node
// object, and its `data`, are reused from the previous array when nothing it shows changed, and
// the size React Flow measured is carried over, so a status change re-renders one card and
// re-measures nothing.

import { MarkerType } from '@xyflow/react';
import type { Position } from '../../lib/topology/layout.ts';
import type { ClaimInfo, EdgeLabel, PodSlot, Topology, TopologyEdge, TopologyNode } from '../../lib/topology/types.ts';
import type { TopologyFlowEdge, CardFlowNode } from './flow-types.ts';

/** Identity of the node set: layout and fitView run again only when this changes. */
export function nodeSetKey(nodes: readonly { id: string }[]): string {
  return nodes.map((n) => n.id).sort().join('\n');
}

/** The model parts by graph id, built once per topology (a search per node is quadratic at 1,000 pods). */
export interface ModelIndex {
  pods: Map<string, PodSlot>;
  claims: Map<string, ClaimInfo>;
  /** Claims by the id of their bound PV. */
  claimsByVolume: Map<string, ClaimInfo>;
}

// Keyed by the pods list, checked against the claims list: the cards and the tile field of one
// update (graph-state.ts) share one index instead of building it twice.
const INDEXES = new WeakMap<readonly PodSlot[], { claims: readonly ClaimInfo[]; index: ModelIndex }>();

export function indexModel(topology: Topology): ModelIndex {
  const known = INDEXES.get(topology.pods);
  if (known && known.claims === topology.claims) return known.index;
  const claimsByVolume = new Map<string, ClaimInfo>();
  for (const c of topology.claims) if (c.pv && !claimsByVolume.has(c.pv.id)) claimsByVolume.set(c.pv.id, c);
  const index = {
    pods: new Map(topology.pods.map((p) => [p.id, p])),
    claims: new Map(topology.claims.map((c) => [c.id, c])),
    claimsByVolume,
  };
  INDEXES.set(topology.pods, { claims: topology.claims, index });
  return index;
}

/** The model part each node draws, found by id. */
export function nodeData(topology: Topology, node: TopologyNode, index: ModelIndex = indexModel(topology)): CardFlowNode['data'] | null {
  switch (node.kind) {
    case 'StatefulSet':
      return { node, sts: topology.statefulSet };
    case 'Service':
      return topology.service ? { node, service: topology.service } : null;
    case 'Pod': {
      const pod = index.pods.get(node.id);
      return pod ? { node, pod } : null;
    }
    case 'PersistentVolumeClaim': {
      const claim = index.claims.get(node.id);
      return claim ? { node, claim } : null;
    }
    case 'PersistentVolume': {
      const volume = index.claimsByVolume.get(node.id)?.pv ?? null;
      const note = volume ? null : topology.pvAccess === 'forbidden'
        ? 'details hidden: the dashboard may not read PersistentVolumes (RBAC)'
        : 'the PersistentVolume was not found';
      return { node, volume, note };
    }
  }
}

/** `data-*` attributes on React Flow's node wrapper (the element that carries `data-id`). */
export function domAttributesOf(data: CardFlowNode['data']): Record<string, string> {
  const attrs: Record<string, string> = { 'data-kind': data.node.kind, 'data-status': data.node.status };
  if ('pod' in data) {
    attrs['data-ready'] = String(!data.pod.placeholder && data.pod.ready);
    attrs['data-recreated'] = String(!data.pod.placeholder && data.pod.recreated);
  }
  return attrs;
}

/** What a screen reader says for a node, as a card or as a tile. */
export function ariaLabelOf(data: CardFlowNode['data']): string {
  const n = data.node;
  const kind = n.kind === 'PersistentVolumeClaim' ? 'PVC' : n.kind === 'PersistentVolume' ? 'PV' : n.kind;
  const ready = 'pod' in data && !data.pod.placeholder ? `, ready ${data.pod.kubectl.ready}` : '';
  const status = n.kind === 'StatefulSet' ? `ready ${n.status}` : n.status === 'NotCreated' ? 'not created yet' : n.status;
  return `${kind} ${n.name}: ${status}${ready}`;
}

function sameData(a: CardFlowNode['data'], b: CardFlowNode['data']): boolean {
  const ka = Object.keys(a) as Array<keyof typeof a>;
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === (b as typeof a)[k]);
}

/** Classes of the node a replay points at (on React Flow's wrapper, around the card). */
export const HIGHLIGHT_CLASS = 'replay-highlight rounded-xl outline outline-[6px] outline-offset-[6px] outline-fuchsia-700 dark:outline-fuchsia-300';

export function mergeFlowNodes(
  prev: readonly CardFlowNode[],
  topology: Topology,
  positions: Readonly<Record<string, Position>>,
  selectedId: string | null,
  highlightId: string | null = null,
): CardFlowNode[] {
  const before = new Map(prev.map((n) => [n.id, n]));
  const index = indexModel(topology);
  const out: CardFlowNode[] = [];
  for (const node of topology.nodes) {
    const fresh = nodeData(topology, node, index);
    if (!fresh) continue;
    const old = before.get(node.id);
    const type = node.kind;
    const position = positions[node.id] ?? old?.position ?? { x: 0, y: 0 };
    const selected = node.id === selectedId;
    const highlighted = node.id === highlightId;
    if (old && old.type === type && sameData(old.data, fresh)) {
      const wasHighlighted = old.className !== undefined;
      if (old.position === position && (old.selected ?? false) === selected && wasHighlighted === highlighted) out.push(old);
      else out.push({ ...old, position, selected, ...highlightOf(fresh, highlighted) } as CardFlowNode);
      continue;
    }
    out.push({
      id: node.id,
      type,
      data: fresh,
      position,
      selected,
      measured: old?.measured,
      ariaLabel: ariaLabelOf(fresh),
      ...highlightOf(fresh, highlighted),
    } as CardFlowNode);
  }
  return sameArray(prev, out) ? (prev as CardFlowNode[]) : out;
}

/** The replay highlight: a class on the wrapper and `data-replay="true"` for tests. */
function highlightOf(data: CardFlowNode['data'], highlighted: boolean): { className: string | undefined; domAttributes: Record<string, string> } {
  const attrs = domAttributesOf(data);
  if (!highlighted) return { className: undefined, domAttributes: attrs };
  return { className: HIGHLIGHT_CLASS, domAttributes: { ...attrs, 'data-replay': 'true' } };
}

/** The same objects in the same order. */
export function sameArray<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Edges leave the bottom of a card and enter the top of the next row; serviceName goes sideways.
 * A pod has two entry points, `owns` on the left and `selects` on the right, so the two fans from
 * the StatefulSet and the Service do not share one point (card-parts.tsx defines the handles).
 */
function handlesOf(e: TopologyEdge): { sourceHandle: string; targetHandle: string } {
  switch (e.label) {
    case 'serviceName': return { sourceHandle: 'right', targetHandle: 'left' };
    case 'owns': return { sourceHandle: 'bottom', targetHandle: 'top-owns' };
    case 'selects': return { sourceHandle: 'bottom', targetHandle: 'top-selects' };
    default: return { sourceHandle: 'bottom', targetHandle: 'top' };
  }
}

const EDGE_STYLE: Record<EdgeLabel, { strokeWidth: number; strokeDasharray?: string }> = {
  owns: { strokeWidth: 2.5 },
  serviceName: { strokeWidth: 2, strokeDasharray: '2 6' },
  selects: { strokeWidth: 2, strokeDasharray: '10 6' },
  mounts: { strokeWidth: 2.5 },
  bound: { strokeWidth: 2 },
};

function toFlowEdge(e: TopologyEdge): TopologyFlowEdge {
  return {
    id: e.id, source: e.source, target: e.target, ...handlesOf(e),
    type: 'labelled', data: { label: e.label },
    ariaLabel: `${e.label}: ${e.source} to ${e.target}`,
    style: EDGE_STYLE[e.label],
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    selectable: false, focusable: false, deletable: false,
  };
}

export function mergeFlowEdges(prev: readonly TopologyFlowEdge[], edges: readonly TopologyEdge[]): TopologyFlowEdge[] {
  const before = new Map(prev.map((e) => [e.id, e]));
  const out = edges.map((e) => {
    const old = before.get(e.id);
    return old && old.source === e.source && old.target === e.target && old.data?.label === e.label ? old : toFlowEdge(e);
  });
  return sameArray(prev, out) ? (prev as TopologyFlowEdge[]) : out;
}
