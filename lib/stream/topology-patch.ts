// Patches between two topology models, the `patch` event of the wire (wire.ts). Pure and
// browser-safe: the server diffs, the browser applies.
// Contract: applyTopologyPatch(a, diffTopology(a, b)) deep-equals b, for any two topologies a and
// b built by buildModel or buildTopology (list items have unique ids); diffTopology returns null
// when nothing changed (the hub then sends nothing). Only the model is diffed: the graph (nodes,
// edges) is derived again by the side that applies the patch (withGraph). applyTopologyPatch
// shares every unchanged part with its input (same object identity), so a React memo on a pod or
// node re-renders only what changed.

import { modelOf, withGraph } from '../topology/graph.ts';
import type { Topology, TopologyModel } from '../topology/types.ts';
import { jsonEqual } from './json-equal.ts';
import type { ListPatch, TopologyPatch } from './wire.ts';

interface Keyed {
  id: string;
}

const WHOLE_KEYS = ['statefulSet', 'service', 'explanations', 'warningEvents', 'pvAccess'] as const;
const LIST_KEYS = ['pods', 'claims'] as const;
/** The model parts the graph is derived from. */
const GRAPH_SOURCES = ['statefulSet', 'service', 'pods', 'claims'] as const;

export function diffList<T extends Keyed>(prev: readonly T[], next: readonly T[]): ListPatch<T> | null {
  if (prev === next) return null;
  // The usual case (same ids in the same order): compare item by item; an item the builder reused
  // is the same object (build-topology.ts), so only rebuilt items are compared deeply.
  if (prev.length === next.length && prev.every((x, i) => x.id === next[i].id)) {
    const upsert = next.filter((x, i) => x !== prev[i] && !jsonEqual(prev[i], x));
    return upsert.length === 0 ? null : { upsert, remove: [], order: null };
  }
  const before = new Map(prev.map((x) => [x.id, x]));
  const after = new Set(next.map((x) => x.id));
  const remove = prev.filter((x) => !after.has(x.id)).map((x) => x.id);
  const upsert = next.filter((x) => {
    const old = before.get(x.id);
    return old === undefined || (old !== x && !jsonEqual(old, x));
  });
  // The order apply() produces without help: survivors in their old order, then new items.
  const implied = [...prev.filter((x) => after.has(x.id)).map((x) => x.id), ...next.filter((x) => !before.has(x.id)).map((x) => x.id)];
  const wanted = next.map((x) => x.id);
  const order = jsonEqual(implied, wanted) ? null : wanted;
  if (remove.length === 0 && upsert.length === 0 && order === null) return null;
  return { upsert, remove, order };
}

export function applyList<T extends Keyed>(list: readonly T[], patch: ListPatch<T>): T[] {
  const removed = new Set(patch.remove);
  const upserts = new Map(patch.upsert.map((x) => [x.id, x]));
  const out: T[] = [];
  for (const item of list) {
    if (removed.has(item.id)) continue;
    const replacement = upserts.get(item.id);
    out.push(replacement ?? item);
    upserts.delete(item.id);
  }
  out.push(...upserts.values());
  if (!patch.order) return out;
  const byId = new Map(out.map((x) => [x.id, x]));
  const ordered = patch.order.flatMap((id) => {
    const x = byId.get(id);
    byId.delete(id);
    return x ? [x] : [];
  });
  // Items the order does not name (never produced by diffList) keep their place at the end.
  return [...ordered, ...byId.values()];
}

/** What changed from prev to next (a Topology's model parts), or null when nothing did. */
export function diffTopology(prev: TopologyModel, next: TopologyModel): TopologyPatch | null {
  const patch: Record<string, unknown> = {};
  for (const k of WHOLE_KEYS) {
    if (!jsonEqual(prev[k], next[k])) patch[k] = next[k];
  }
  for (const k of LIST_KEYS) {
    const lp = diffList<Keyed>(prev[k], next[k]);
    if (lp) patch[k] = lp;
  }
  return Object.keys(patch).length === 0 ? null : (patch as TopologyPatch);
}

/** The model after the patch; unchanged parts keep their identity. Does not mutate its input. */
export function applyModelPatch<M extends TopologyModel>(model: M, patch: TopologyPatch): M {
  const out: M = { ...model };
  if (patch.statefulSet !== undefined) out.statefulSet = patch.statefulSet;
  if (patch.service !== undefined) out.service = patch.service;
  if (patch.explanations !== undefined) out.explanations = patch.explanations;
  if (patch.warningEvents !== undefined) out.warningEvents = patch.warningEvents;
  if (patch.pvAccess !== undefined) out.pvAccess = patch.pvAccess;
  if (patch.pods) out.pods = applyList(model.pods, patch.pods);
  if (patch.claims) out.claims = applyList(model.claims, patch.claims);
  return out;
}

/** applyModelPatch, then the graph derived again (sharing unchanged nodes and edges with topology's). */
export function applyTopologyPatch(topology: Topology, patch: TopologyPatch): Topology {
  return applyTopologyPatches(topology, [patch]);
}

/**
 * Consecutive patches at once: each one's model change in order, then the graph derived once, from
 * the last model. The same topology as applying them one by one (the graph is a function of the
 * model), for the cost of one derivation: deriving a 1,000-pod set's graph is a pass over every
 * pod and claim, and a burst brings several patches per animation frame.
 */
export function applyTopologyPatches(topology: Topology, patches: readonly TopologyPatch[]): Topology {
  let out: Topology = topology;
  for (const p of patches) out = applyModelPatch(out, p);
  // Explanations or warning events alone leave the graph as it is.
  if (!patches.some((p) => GRAPH_SOURCES.some((k) => p[k] !== undefined))) return out;
  return withGraph(modelOf(out), topology);
}
