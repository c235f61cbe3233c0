// React Flow node and edge types of the topology graph. A node's `data` is the model part it
// draws (plain JSON from lib/topology) plus its flat TopologyNode; the custom node components read
// nothing else, so a memoised card re-renders only when its own part changed.

import type { Edge, Node } from '@xyflow/react';
import type { TileField } from './tile-field.ts';
import type { ClaimInfo, EdgeLabel, PodSlot, ServiceInfo, StatefulSetInfo, TopologyNode, VolumeInfo } from '../../lib/topology/types.ts';

export type StatefulSetFlowNode = Node<{ node: TopologyNode; sts: StatefulSetInfo }, 'StatefulSet'>;
export type ServiceFlowNode = Node<{ node: TopologyNode; service: ServiceInfo }, 'Service'>;
export type PodFlowNode = Node<{ node: TopologyNode; pod: PodSlot }, 'Pod'>;
export type ClaimFlowNode = Node<{ node: TopologyNode; claim: ClaimInfo }, 'PersistentVolumeClaim'>;
/** `volume` is null when PVs are not readable (RBAC) or the PV is missing; `note` says which. */
export type VolumeFlowNode = Node<{ node: TopologyNode; volume: VolumeInfo | null; note: string | null }, 'PersistentVolume'>;

/**
 * A large set's pods, claims and volumes as one node (tile-field.ts); `cards` are the StatefulSet
 * and Service cards the field's lines fan out from, relative to the field's origin.
 */
export type TileFieldFlowNode = Node<{
  field: TileField;
  cards: ReadonlyArray<{ id: string; x: number; y: number }>;
  selectedId: string | null;
  highlightId: string | null;
}, 'TileField'>;

/** A node drawn as a card: one per topology node (all of them, or the set and Service of a large set). */
export type CardFlowNode = StatefulSetFlowNode | ServiceFlowNode | PodFlowNode | ClaimFlowNode | VolumeFlowNode;

export type TopologyFlowNode = CardFlowNode | TileFieldFlowNode;
export type TopologyFlowEdge = Edge<{ label: EdgeLabel }>;
