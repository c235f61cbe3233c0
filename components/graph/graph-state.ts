// The graph component's derived state, advanced by a pure step so the React Flow hygiene rules are
// testable: positions are recomputed ONLY when the set of node ids changes (a status change moves
// nothing), and node/edge objects are reused when unchanged (see to-flow.ts).

import { layoutTopology, type Position } from '../../lib/topology/layout.ts';
import type { Topology } from '../../lib/topology/types.ts';
import { spreadToCards } from './card-grid.ts';
import type { TopologyFlowEdge, TopologyFlowNode } from './flow-types.ts';
import { mergeFlowEdges, mergeFlowNodes, nodeSetKey } from './to-flow.ts';

/** Pods per row before the layout wraps: keeps a 1080p projector readable. */
export const GRAPH_COLUMNS = 6;

export interface GraphState {
  topology: Topology;
  selectedId: string | null;
  /** The node a replay points at (a class and data-replay on it); null when not replaying. */
  highlightId: string | null;
  /** nodeSetKey of topology.nodes: the layout's identity. */
  nodeSetKey: string;
  positions: Record<string, Position>;
  nodes: TopologyFlowNode[];
  edges: TopologyFlowEdge[];
}

export function advanceGraphState(prev: GraphState | null, topology: Topology, selectedId: string | null, highlightId: string | null = null): GraphState {
  if (prev && prev.topology === topology && prev.selectedId === selectedId && prev.highlightId === highlightId) return prev;
  const key = nodeSetKey(topology.nodes);
  const positions = prev && prev.nodeSetKey === key
    ? prev.positions
    : spreadToCards(layoutTopology(topology, { columns: GRAPH_COLUMNS }), topology.nodes);
  return {
    topology,
    selectedId,
    highlightId,
    nodeSetKey: key,
    positions,
    nodes: mergeFlowNodes(prev?.nodes ?? [], topology, positions, selectedId, highlightId),
    edges: mergeFlowEdges(prev?.edges ?? [], topology.edges),
  };
}
