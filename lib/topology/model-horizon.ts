// How long a model stays true with no object changed. Time enters the model in two places only:
// a pod's availability (Ready for minReadySeconds, via isPodAvailable in the pod slots, the scale
// analysis and the rollout sentences) and the age in a RESTARTS column ("3 (5m ago)"). So a model
// built at `now` from the same objects is the same model at any later instant up to the first
// availability threshold still ahead, or only at `now` itself when some pod shows a restart age.
// buildModel records the horizon of each model it builds; a model it did not build (from the
// wire, a clone) has none, and stableUntil says -Infinity (rebuild).
// Limit: a restart age would allow a longer horizon (the text changes once a second at most);
// such sets are rebuilt on every refresh, as before.

import { availableAfter } from './pod-read.ts';
import type { RawSlot } from './health.ts';
import type { SetFacts } from './set-facts.ts';
import type { PodSlot, TopologyModel } from './types.ts';

const HORIZONS = new WeakMap<TopologyModel, number>();

/** The last instant (ms) at which `model` is still what building it from the same objects gives. */
export function stableUntil(model: TopologyModel): number {
  return HORIZONS.get(model) ?? -Infinity;
}

export function recordHorizon(model: TopologyModel, set: SetFacts, slots: readonly RawSlot[], now: number): TopologyModel {
  HORIZONS.set(model, horizon(set, slots, model.pods, now));
  return model;
}

function horizon(set: SetFacts, slots: readonly RawSlot[], pods: readonly PodSlot[], now: number): number {
  if (pods.some((p) => !p.placeholder && p.restartCount !== 0 && p.lastRestartAt !== null)) return now;
  let until = Infinity;
  if (set.minReadySeconds <= 0) return until;
  for (const { pod } of slots) {
    if (!pod) continue;
    // Available once now > t: a threshold still ahead (t >= now) ends the horizon at t.
    const t = availableAfter(pod, set.minReadySeconds);
    if (t >= now && t < until) until = t;
  }
  return until;
}
