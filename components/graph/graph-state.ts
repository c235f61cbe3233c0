// The graph component's derived state, advanced by a pure step so the React Flow hygiene rules are
// testable: positions are recomputed ONLY when the set of node ids changes (a status change moves
// nothing), and node/edge objects are reused when unchanged (see to-flow.ts). Sets showing more than
// COMPACT_ABOVE pod slots (ordinalsShown) draw their pods, claims and volumes as one tile field (tile-field.ts) on
// a wider grid; the StatefulSet and Service keep their cards and the serviceName edge.

import { Position as Side } from '@xyflow/react';
import { layoutTopology, type Position } from '../../lib/topology/layout.ts';
import type { Topology } from '../../lib/topology/types.ts';
import { CARD_HEIGHT, CARD_WIDTH, type Density, columnsFor, densityOf, spreadToCards } from './card-grid.ts';
import type { CardFlowNode, TileFieldFlowNode, TopologyFlowEdge, TopologyFlowNode } from './flow-types.ts';
import { TILE_KINDS, type TileField, buildTileField } from './tile-field.ts';
import { mergeFlowEdges, mergeFlowNodes, nodeSetKey, sameArray } from './to-flow.ts';

/** React Flow id of the tile field node. */
export const TILE_FIELD_ID = 'tile-field';

export interface GraphState {
  topology: Topology;
  selectedId: string | null;
  /** The node a replay points at (a class and data-replay on it); null when not replaying. */
  highlightId: string | null;
  /** nodeSetKey of topology.nodes: the layout's identity. */
  nodeSetKey: string;
  density: Density;
  positions: Record<string, Position>;
  /** The tiles of a compact graph; null when every node is a card. */
  field: TileField | null;
  nodes: TopologyFlowNode[];
  edges: TopologyFlowEdge[];
}

export function advanceGraphState(prev: GraphState | null, topology: Topology, selectedId: string | null, highlightId: string | null = null): GraphState {
  if (prev && prev.topology === topology && prev.selectedId === selectedId && prev.highlightId === highlightId) return prev;
  // withGraph keeps the node list's identity when no node changed: no need to re-key it then.
  const key = prev && prev.topology.nodes === topology.nodes ? prev.nodeSetKey : nodeSetKey(topology.nodes);
  // The ordinals shown follow from the node ids (a pod's and a claim's name carry them): the same
  // set of nodes keeps its density and positions, without counting ordinals on every change.
  const { density, positions } = prev && prev.nodeSetKey === key ? prev : place(topology);
  const base = { topology, selectedId, highlightId, nodeSetKey: key, density, positions };
  const prevCards = (prev?.nodes ?? []).filter((n): n is CardFlowNode => n.type !== 'TileField');
  if (density === 'full') {
    return {
      ...base,
      field: null,
      nodes: keep(prev?.nodes, mergeFlowNodes(prevCards.map(measuredCard), topology, positions, selectedId, highlightId)),
      edges: mergeFlowEdges(prev?.edges ?? [], topology.edges),
    };
  }
  const cardTopology = { ...topology, nodes: topology.nodes.filter((n) => !TILE_KINDS.has(n.kind)) };
  const cards = mergeFlowNodes(prevCards, cardTopology, positions, selectedId, highlightId).map(fixedCard);
  const field = buildTileField(topology, positions, prev?.field ?? null);
  const prevField = prev?.nodes.find((n): n is TileFieldFlowNode => n.type === 'TileField');
  const fieldNode = tileFieldNode(prevField, field, cards, selectedId, highlightId);
  return {
    ...base,
    field,
    nodes: keep(prev?.nodes, [...cards, fieldNode]),
    edges: mergeFlowEdges(prev?.edges ?? [], topology.edges.filter((e) => e.label === 'serviceName')),
  };
}

function tileFieldNode(prev: TileFieldFlowNode | undefined, field: TileField, cardNodes: readonly CardFlowNode[], selectedId: string | null, highlightId: string | null): TileFieldFlowNode {
  const cards = cardNodes.map((c) => ({ id: c.id, x: c.position.x - field.origin.x, y: c.position.y - field.origin.y }));
  const d = prev?.data;
  const sameCards = d !== undefined && d.cards.length === cards.length && d.cards.every((c, i) => c.id === cards[i].id && c.x === cards[i].x && c.y === cards[i].y);
  if (prev && d && d.field === field && sameCards && d.selectedId === selectedId && d.highlightId === highlightId) return prev;
  return {
    id: TILE_FIELD_ID,
    type: 'TileField',
    position: field.origin,
    // Known size: React Flow shows and fits it without waiting to measure it. `measured` too: a
    // node object without it counts as new to React Flow (adoptUserNodes), which then re-observes
    // and re-measures it, walking its thousands of tiles and re-rendering the graph on every patch.
    width: field.width,
    height: field.height,
    measured: { width: field.width, height: field.height },
    data: { field, cards: sameCards && d ? d.cards : cards, selectedId, highlightId },
    selectable: false,
    draggable: false,
    focusable: false,
    ariaLabel: `${field.tiles.length} pods, claims and volumes`,
  };
}

/**
 * A large set's StatefulSet and Service card at a fixed size (its reserved room, card-grid.ts),
 * with the handles the serviceName edge uses where React Flow would measure them (its 6 px
 * handles centred on the card's sides). React Flow then draws, fits and connects them without
 * measuring them first: the field's first frame is the whole, fitted graph (issue 8).
 */
function fixedCard(n: CardFlowNode): CardFlowNode {
  if (n.handles) return n;
  const width = CARD_WIDTH;
  const height = CARD_HEIGHT[n.type];
  const handle = (id: string, type: 'source' | 'target', position: Side, x: number, y: number) => ({ id, type, position, x: x - 3, y: y - 3, width: 6, height: 6 });
  return {
    ...n, width, height, measured: { width, height },
    handles: [
      handle('top', 'target', Side.Top, width / 2, 0),
      handle('bottom', 'source', Side.Bottom, width / 2, height),
      handle('right', 'source', Side.Right, width, height / 2),
      handle('left', 'target', Side.Left, 0, height / 2),
    ],
  } as CardFlowNode;
}

/** A card of a set that was large: back to its own size, measured by React Flow. */
function measuredCard(n: CardFlowNode): CardFlowNode {
  if (!n.handles) return n;
  const { width: _w, height: _h, measured: _m, handles: _handles, ...card } = n;
  return card as CardFlowNode;
}

/** prev itself when next holds the same objects in the same order (React Flow then does nothing). */
function keep(prev: TopologyFlowNode[] | undefined, next: TopologyFlowNode[]): TopologyFlowNode[] {
  return prev && sameArray(prev, next) ? prev : next;
}

/**
 * Pod slots the graph shows: the pods', and those of claims kept after a scale-down (each has a
 * column of its own). A set scaled from 1,000 down to 10 with its PVCs retained still shows 1,000
 * ordinals: tiles, not 2,000 cards.
 */
function ordinalsShown(topology: Topology): number {
  return new Set([...topology.pods.map((p) => p.ordinal), ...topology.claims.map((c) => c.ordinal)]).size;
}

/** The density the set is drawn at, from the ordinals it shows, and every node's position. */
function place(topology: Topology): { density: Density; positions: Record<string, Position> } {
  const ordinals = ordinalsShown(topology);
  const density = densityOf(ordinals);
  const bandRows = 1 + 2 * topology.statefulSet.claimTemplates.length;
  const columns = columnsFor(density, ordinals, bandRows);
  return { density, positions: spreadToCards(layoutTopology(topology, { columns }), topology.nodes, density) };
}
