// The graph (flat nodes and edges) is derived from the model: both the server (buildTopology) and
// the browser (after each snapshot or patch) call withGraph, so the wire carries each fact once
// (the pods, claims, set and Service) and never the ~7,000 nodes and edges of a 1,000-pod set.
// Pure. Contract: given `previous`, every node and edge that did not change keeps previous's
// object (same identity), and the lists themselves are previous's when nothing changed, so React
// re-renders only the cards a change touches.

import { buildNodes } from './graph-nodes.ts';
import { buildEdges } from './relations.ts';
import type { PodInfo, Topology, TopologyEdge, TopologyModel, TopologyNode } from './types.ts';

export function withGraph(model: TopologyModel, previous?: Pick<Topology, 'nodes' | 'edges'> | null): Topology {
  const built = buildNodes(model.statefulSet, model.service, model.pods, model.claims, model.statefulSet.claimTemplates);
  const nodeIds = new Set(built.map((n) => n.id));
  const pods = model.pods.filter((p): p is PodInfo => !p.placeholder);
  const edges = buildEdges({ sts: model.statefulSet, service: model.service, pods, claims: model.claims }, nodeIds);
  return {
    ...model,
    nodes: share(previous?.nodes, built, sameNode),
    edges: share(previous?.edges, edges, sameEdge),
  };
}

/** The model part of a topology: what the SSE wire carries (wire.ts). */
export function modelOf(topology: Topology): TopologyModel {
  const { nodes: _nodes, edges: _edges, ...model } = topology;
  return model;
}

function sameNode(a: TopologyNode, b: TopologyNode): boolean {
  return a.id === b.id && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace && a.status === b.status
    && a.ordinal === b.ordinal && a.slot === b.slot && a.ghost === b.ghost && a.warning === b.warning;
}

function sameEdge(a: TopologyEdge, b: TopologyEdge): boolean {
  return a.id === b.id && a.source === b.source && a.target === b.target && a.label === b.label;
}

function share<T extends { id: string }>(prev: readonly T[] | undefined, next: T[], same: (a: T, b: T) => boolean): T[] {
  if (!prev) return next;
  const before = new Map(prev.map((x) => [x.id, x]));
  let unchanged = prev.length === next.length;
  for (let i = 0; i < next.length; i++) {
    const old = before.get(next[i].id);
    if (old !== undefined && same(old, next[i])) next[i] = old;
    if (next[i] !== prev[i]) unchanged = false;
  }
  return unchanged ? (prev as T[]) : next;
}
