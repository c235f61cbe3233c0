// What the detail panel shows for a selected graph node: the trimmed model part for that object
// (already free of secrets and managedFields: the server trims before sending) as YAML, and the
// warning events about it. Pure.

import { stringify } from 'yaml';
import type { Topology, TopologyNode, WarningEvent } from '../lib/topology/types.ts';

export interface NodeDetail {
  node: TopologyNode;
  /** YAML of the model part; a note when there is nothing more than the node itself. */
  yaml: string;
  events: WarningEvent[];
}

function modelPart(topology: Topology, node: TopologyNode): unknown {
  switch (node.kind) {
    case 'StatefulSet': return topology.statefulSet;
    case 'Service': return topology.service;
    case 'Pod': return topology.pods.find((p) => p.id === node.id) ?? null;
    case 'PersistentVolumeClaim': return topology.claims.find((c) => c.id === node.id) ?? null;
    case 'PersistentVolume': return topology.claims.find((c) => c.pv?.id === node.id)?.pv ?? null;
  }
}

export function nodeDetail(topology: Topology, id: string): NodeDetail | null {
  const node = topology.nodes.find((n) => n.id === id);
  if (!node) return null;
  const part = modelPart(topology, node);
  return {
    node,
    yaml: stringify(part ?? { kind: node.kind, name: node.name, status: node.status }, { lineWidth: 0 }),
    events: topology.warningEvents.filter((e) => e.nodeId === id),
  };
}
