// The graph component's derived state, advanced by a pure step so the React Flow hygiene rules are
// testable: positions are recomputed ONLY when the set of node ids changes (a status change moves
// nothing), and node/edge objects are reused when unchanged (see to-flow.ts). Sets with more than
// COMPACT_ABOVE pod slots are drawn as tiles on a wider grid (card-grid.ts).

import { layoutTopology, type Position } from '../../lib/topology/layout.ts';
import type { Topology } from '../../lib/topology/types.ts';
import { type Density, columnsFor, densityOf, spreadToCards } from './card-grid.ts';
import type { TopologyFlowEdge, TopologyFlowNode } from './flow-types.ts';
import { mergeFlowEdges, mergeFlowNodes, nodeSetKey } from './to-flow.ts';

export interface GraphState {
  topology: Topology;
  selectedId: string | null;
  /** The node a replay points at (a class and data-replay on it); null when not replaying. */
  highlightId: string | null;
  /** nodeSetKey of topology.nodes: the layout's identity. */
  nodeSetKey: string;
  density: Density;
  positions: Record<string, Position>;
  nodes: TopologyFlowNode[];
  edges: TopologyFlowEdge[];
}

export function advanceGraphState(prev: GraphState | null, topology: Topology, selectedId: string | null, highlightId: string | null = null): GraphState {
  if (prev && prev.topology === topology && prev.selectedId === selectedId && prev.highlightId === highlightId) return prev;
  // withGraph keeps the node list's identity when no node changed: no need to re-key it then.
  const key = prev && prev.topology.nodes === topology.nodes ? prev.nodeSetKey : nodeSetKey(topology.nodes);
  const density = densityOf(topology.pods.length);
  const positions = prev && prev.nodeSetKey === key && prev.density === density ? prev.positions : layout(topology, density);
  return {
    topology,
    selectedId,
    highlightId,
    nodeSetKey: key,
    density,
    positions,
    nodes: mergeFlowNodes(prev?.nodes ?? [], topology, positions, selectedId, highlightId, density),
    edges: mergeFlowEdges(prev?.edges ?? [], topology.edges, density),
  };
}

function layout(topology: Topology, density: Density): Record<string, Position> {
  const bandRows = 1 + 2 * topology.statefulSet.claimTemplates.length;
  const columns = columnsFor(density, topology.pods.length, bandRows);
  return spreadToCards(layoutTopology(topology, { columns }), topology.nodes, density);
}
