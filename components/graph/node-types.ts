// Module scope on purpose: React Flow re-creates every node (edge) when `nodeTypes` (`edgeTypes`)
// changes identity.

import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { ClaimNode } from './claim-node.tsx';
import { LabelledEdge } from './labelled-edge.tsx';
import { PodNode } from './pod-node.tsx';
import { ServiceNode } from './service-node.tsx';
import { StatefulSetNode } from './statefulset-node.tsx';
import { TileFieldNode } from './tile-field-node.tsx';
import { VolumeNode } from './volume-node.tsx';

export const nodeTypes = {
  StatefulSet: StatefulSetNode,
  Service: ServiceNode,
  Pod: PodNode,
  PersistentVolumeClaim: ClaimNode,
  PersistentVolume: VolumeNode,
  TileField: TileFieldNode,
} satisfies NodeTypes;

export const edgeTypes = {
  labelled: LabelledEdge,
} satisfies EdgeTypes;
