// The graph (flat nodes and edges) is derived from the model: both the server (buildTopology) and
// the browser (after each snapshot or patch) call withGraph, so the wire carries each fact once
// (the pods, claims, set and Service) and never the ~7,000 nodes and edges of a 1,000-pod set.
// Pure. Contract: given `previous`, every node and edge that did not change keeps previous's
// object (same identity), and the lists themselves are previous's when nothing changed, so React
// re-renders only the cards a change touches.

import { buildNodes } from './graph-nodes.ts';
import { buildEdges } from './relations.ts';
import { shareById } from './share-by-id.ts';
import type { PodInfo, Topology, TopologyEdge, TopologyModel, TopologyNode } from './types.ts';

export function withGraph(model: TopologyModel, previous?: Topology | null): Topology {
  const built = buildNodes(model.statefulSet, model.service, model.pods, model.claims, model.statefulSet.claimTemplates);
  return {
    ...model,
    nodes: previous ? shareById(previous.nodes, built, sameNode) : built,
    // A pod turning Ready changes no edge: skip rebuilding thousands of them (ids are strings).
    edges: !previous ? edgesOf(model, built)
      : sameEdgeFacts(previous, model) ? previous.edges : shareById(previous.edges, edgesOf(model, built), sameEdge),
  };
}

function edgesOf(model: TopologyModel, nodes: readonly TopologyNode[]): TopologyEdge[] {
  const pods = model.pods.filter((p): p is PodInfo => !p.placeholder);
  return buildEdges({ sts: model.statefulSet, service: model.service, pods, claims: model.claims }, new Set(nodes.map((n) => n.id)));
}

/**
 * Whether every fact the edges (and the ids of the nodes they join) come from is the same in both:
 * the set and Service ids, each pod's id, existence, ownership, endpoint and mounted claims, each
 * claim's id, existence and volume. Unchanged items are the same objects (applyTopologyPatch), so
 * this is mostly identity checks.
 */
function sameEdgeFacts(a: TopologyModel, b: TopologyModel): boolean {
  if (a.statefulSet.id !== b.statefulSet.id || (a.service?.id ?? null) !== (b.service?.id ?? null)) return false;
  if (a.pods.length !== b.pods.length || a.claims.length !== b.claims.length) return false;
  for (let i = 0; i < a.pods.length; i++) {
    const [x, y] = [a.pods[i], b.pods[i]];
    if (x === y) continue;
    if (x.id !== y.id || x.placeholder !== y.placeholder) return false;
    if (!x.placeholder && !y.placeholder && (x.controlled !== y.controlled || x.hasEndpoint !== y.hasEndpoint
      || x.mountedClaims.length !== y.mountedClaims.length || x.mountedClaims.some((c, j) => c !== y.mountedClaims[j]))) return false;
  }
  for (let i = 0; i < a.claims.length; i++) {
    const [x, y] = [a.claims[i], b.claims[i]];
    if (x !== y && (x.id !== y.id || x.exists !== y.exists || x.volumeName !== y.volumeName)) return false;
  }
  return true;
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
