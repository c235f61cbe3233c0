// React Flow node and edge types of the topology graph. A node's `data` is the model part it
// draws (plain JSON from lib/topology) plus its flat TopologyNode; the custom node components read
// nothing else, so a memoised card re-renders only when its own part changed.

import type { Edge, Node } from '@xyflow/react';
import type { ClaimInfo, EdgeLabel, PodSlot, ServiceInfo, StatefulSetInfo, TopologyNode, VolumeInfo } from '../../lib/topology/types.ts';

export type StatefulSetFlowNode = Node<{ node: TopologyNode; sts: StatefulSetInfo }, 'StatefulSet'>;
export type ServiceFlowNode = Node<{ node: TopologyNode; service: ServiceInfo }, 'Service'>;
export type PodFlowNode = Node<{ node: TopologyNode; pod: PodSlot }, 'Pod'>;
export type ClaimFlowNode = Node<{ node: TopologyNode; claim: ClaimInfo }, 'PersistentVolumeClaim'>;
/** `volume` is null when PVs are not readable (RBAC) or the PV is missing; `note` says which. */
export type VolumeFlowNode = Node<{ node: TopologyNode; volume: VolumeInfo | null; note: string | null }, 'PersistentVolume'>;

type CardData = (PodFlowNode | ClaimFlowNode | VolumeFlowNode)['data'];
/** A pod, claim or volume drawn as a small tile (large sets, card-grid.ts COMPACT_ABOVE). */
export type CompactFlowNode = Node<CardData, 'Compact'>;

export type TopologyFlowNode = StatefulSetFlowNode | ServiceFlowNode | PodFlowNode | ClaimFlowNode | VolumeFlowNode | CompactFlowNode;
export type TopologyFlowEdge = Edge<{ label: EdgeLabel }>;
