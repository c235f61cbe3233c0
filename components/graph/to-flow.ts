// Topology -> React Flow nodes and edges. Pure. Contract (what keeps React Flow cheap and the
// viewport still): the node id is the topology id (React Flow writes it to `data-id`); a node
// object, and its `data`, are reused from the previous array when nothing it shows changed, and
// the size React Flow measured is carried over, so a status change re-renders one card and
// re-measures nothing.

import { MarkerType, Position as FlowPosition } from '@xyflow/react';
import type { Position } from '../../lib/topology/layout.ts';
import type { ClaimInfo, EdgeLabel, PodSlot, Topology, TopologyEdge, TopologyNode } from '../../lib/topology/types.ts';
import { type Density, TILE_HEIGHT, TILE_WIDTH } from './card-grid.ts';
import type { TopologyFlowEdge, TopologyFlowNode } from './flow-types.ts';

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

export function indexModel(topology: Topology): ModelIndex {
  const claimsByVolume = new Map<string, ClaimInfo>();
  for (const c of topology.claims) if (c.pv && !claimsByVolume.has(c.pv.id)) claimsByVolume.set(c.pv.id, c);
  return {
    pods: new Map(topology.pods.map((p) => [p.id, p])),
    claims: new Map(topology.claims.map((c) => [c.id, c])),
    claimsByVolume,
  };
}

/** The model part each node draws, found by id. */
export function nodeData(topology: Topology, node: TopologyNode, index: ModelIndex = indexModel(topology)): TopologyFlowNode['data'] | null {
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
export function domAttributesOf(data: TopologyFlowNode['data']): Record<string, string> {
  const attrs: Record<string, string> = { 'data-kind': data.node.kind, 'data-status': data.node.status };
  if ('pod' in data) {
    attrs['data-ready'] = String(!data.pod.placeholder && data.pod.ready);
    attrs['data-recreated'] = String(!data.pod.placeholder && data.pod.recreated);
  }
  return attrs;
}

function ariaLabelOf(data: TopologyFlowNode['data']): string {
  const n = data.node;
  const kind = n.kind === 'PersistentVolumeClaim' ? 'PVC' : n.kind === 'PersistentVolume' ? 'PV' : n.kind;
  const ready = 'pod' in data && !data.pod.placeholder ? `, ready ${data.pod.kubectl.ready}` : '';
  const status = n.kind === 'StatefulSet' ? `ready ${n.status}` : n.status === 'NotCreated' ? 'not created yet' : n.status;
  return `${kind} ${n.name}: ${status}${ready}`;
}

function sameData(a: TopologyFlowNode['data'], b: TopologyFlowNode['data']): boolean {
  const ka = Object.keys(a) as Array<keyof typeof a>;
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === (b as typeof a)[k]);
}

/** Classes of the node a replay points at (on React Flow's wrapper, around the card). */
export const HIGHLIGHT_CLASS = 'replay-highlight rounded-xl outline outline-[6px] outline-offset-[6px] outline-fuchsia-700 dark:outline-fuchsia-300';

/**
 * The React Flow node type: the kind's card, or in compact density a tile for pods, claims and
 * volumes (the set and its Service keep their cards).
 */
export function flowTypeOf(kind: TopologyNode['kind'], density: Density): string {
  return density === 'compact' && kind !== 'StatefulSet' && kind !== 'Service' ? 'Compact' : kind;
}

export function mergeFlowNodes(
  prev: readonly TopologyFlowNode[],
  topology: Topology,
  positions: Readonly<Record<string, Position>>,
  selectedId: string | null,
  highlightId: string | null = null,
  density: Density = 'full',
): TopologyFlowNode[] {
  const before = new Map(prev.map((n) => [n.id, n]));
  const index = indexModel(topology);
  const out: TopologyFlowNode[] = [];
  for (const node of topology.nodes) {
    const fresh = nodeData(topology, node, index);
    if (!fresh) continue;
    const old = before.get(node.id);
    const type = flowTypeOf(node.kind, density);
    const position = positions[node.id] ?? old?.position ?? { x: 0, y: 0 };
    const selected = node.id === selectedId;
    const highlighted = node.id === highlightId;
    if (old && old.type === type && sameData(old.data, fresh)) {
      const wasHighlighted = old.className !== undefined;
      if (old.position === position && (old.selected ?? false) === selected && wasHighlighted === highlighted) out.push(old);
      else out.push({ ...old, position, selected, ...highlightOf(fresh, highlighted) } as TopologyFlowNode);
      continue;
    }
    out.push({
      id: node.id,
      type,
      data: fresh,
      position,
      selected,
      // A card and a tile differ in size: only the same type's measurement carries over.
      measured: old?.type === type ? old.measured : undefined,
      ariaLabel: ariaLabelOf(fresh),
      ...highlightOf(fresh, highlighted),
      ...(type === 'Compact' ? tileGeometry(node.kind) : {}),
    } as TopologyFlowNode);
  }
  return sameArray(prev, out) ? (prev as TopologyFlowNode[]) : out;
}

/**
 * A tile's size and connection points are known in advance (compact-node.tsx draws exactly
 * this), so React Flow shows it and routes its edges in the first frame, without waiting to
 * measure thousands of elements.
 */
function tileGeometry(kind: TopologyNode['kind']) {
  const width = TILE_WIDTH;
  const height = TILE_HEIGHT[kind];
  return {
    width, height, measured: { width, height },
    handles: [
      { type: 'target' as const, position: FlowPosition.Top, x: width / 2, y: 0, width: 1, height: 1 },
      { type: 'source' as const, position: FlowPosition.Bottom, x: width / 2, y: height - 1, width: 1, height: 1 },
    ],
  };
}

/** The replay highlight: a class on the wrapper and `data-replay="true"` for tests. */
function highlightOf(data: TopologyFlowNode['data'], highlighted: boolean): { className: string | undefined; domAttributes: Record<string, string> } {
  const attrs = domAttributesOf(data);
  if (!highlighted) return { className: undefined, domAttributes: attrs };
  return { className: HIGHLIGHT_CLASS, domAttributes: { ...attrs, 'data-replay': 'true' } };
}

function sameArray<T>(a: readonly T[], b: readonly T[]): boolean {
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

function edgeTypeOf(label: EdgeLabel, density: Density): string {
  return density === 'compact' && label !== 'serviceName' ? 'straight' : 'labelled';
}

function toFlowEdge(e: TopologyEdge, density: Density): TopologyFlowEdge {
  if (edgeTypeOf(e.label, density) === 'straight') {
    // Tiles: a plain line, no label or arrowhead (unreadable at overview zoom, and thousands of
    // them cost more than the tiles); the legend and the detail panel name the relations.
    return {
      id: e.id, source: e.source, target: e.target, type: 'straight', data: { label: e.label },
      ariaLabel: `${e.label}: ${e.source} to ${e.target}`, style: EDGE_STYLE[e.label],
      // No invisible wide hit path: these edges are not interactive, and it doubles the SVG.
      selectable: false, focusable: false, deletable: false, interactionWidth: 0,
    };
  }
  return {
    id: e.id, source: e.source, target: e.target, ...handlesOf(e),
    type: 'labelled', data: { label: e.label },
    ariaLabel: `${e.label}: ${e.source} to ${e.target}`,
    style: EDGE_STYLE[e.label],
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    selectable: false, focusable: false, deletable: false,
  };
}

export function mergeFlowEdges(prev: readonly TopologyFlowEdge[], edges: readonly TopologyEdge[], density: Density = 'full'): TopologyFlowEdge[] {
  const before = new Map(prev.map((e) => [e.id, e]));
  const out = edges.map((e) => {
    const old = before.get(e.id);
    const same = old && old.source === e.source && old.target === e.target && old.data?.label === e.label && old.type === edgeTypeOf(e.label, density);
    return same ? old : toFlowEdge(e, density);
  });
  return sameArray(prev, out) ? (prev as TopologyFlowEdge[]) : out;
}
