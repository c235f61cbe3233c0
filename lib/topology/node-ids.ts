// The ids of the graph's nodes (buildNodes in graph-nodes.ts), read from the model alone, for
// what needs to know whether an object is on the graph (warning events) without building it.
// A model whose node ids are those of `previous` (same set and Service, same pod and claim ids
// and volumes in the same order; reused parts are the same objects) shares previous's set, so a
// rebuild after a readiness change does not collect 3,000 ids again.

import { nodeId } from './ids.ts';
import type { TopologyModel } from './types.ts';

const IDS = new WeakMap<TopologyModel, ReadonlySet<string>>();

/** The set, the Service, every pod slot and claim, and the PV each claim names. Never mutate it. */
export function modelNodeIds(model: TopologyModel, previous?: TopologyModel): ReadonlySet<string> {
  const kept = previous && IDS.get(previous);
  const ids = kept && previous && sameIds(previous, model) ? kept : collect(model);
  IDS.set(model, ids);
  return ids;
}

function collect(model: TopologyModel): Set<string> {
  const ids = new Set<string>([model.statefulSet.id]);
  if (model.service) ids.add(model.service.id);
  for (const p of model.pods) ids.add(p.id);
  for (const c of model.claims) {
    ids.add(c.id);
    if (c.volumeName) ids.add(nodeId('PersistentVolume', null, c.volumeName));
  }
  return ids;
}

function sameIds(a: TopologyModel, b: TopologyModel): boolean {
  if (a.statefulSet.id !== b.statefulSet.id || (a.service?.id ?? null) !== (b.service?.id ?? null)) return false;
  if (a.pods.length !== b.pods.length || a.claims.length !== b.claims.length) return false;
  for (let i = 0; i < a.pods.length; i++) {
    if (a.pods[i] !== b.pods[i] && a.pods[i].id !== b.pods[i].id) return false;
  }
  for (let i = 0; i < a.claims.length; i++) {
    const [x, y] = [a.claims[i], b.claims[i]];
    if (x !== y && (x.id !== y.id || x.volumeName !== y.volumeName)) return false;
  }
  return true;
}
