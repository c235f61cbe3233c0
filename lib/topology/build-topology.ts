// buildModel: cluster objects of one StatefulSet -> the topology model (types.ts), what the wire
// carries; buildTopology adds the graph (withGraph) for callers that draw or test it. Pure: no
// I/O, no timers, no React; "now" and the previous model come in as arguments, so the same input
// always gives the same JSON (golden tests rely on it).
// Reuse: given the previous model, a pod slot or claim whose inputs are the same objects as last
// time is the previous model's object (pod-slots.ts, storage.ts), so a rebuild after one pod
// changed builds one pod and the diff skips the rest by identity. The result is the same JSON.
// Each model also records until when it stays true with no object changed (model-horizon.ts).

import type { KubeObject } from '../kube/types.ts';
import { buildExplanations } from './explanations.ts';
import { byName, inNamespace } from './fields.ts';
import { withGraph } from './graph.ts';
import { nodeId } from './ids.ts';
import { endpointsOf } from './endpoints.ts';
import { recordHorizon } from './model-horizon.ts';
import { modelNodeIds } from './node-ids.ts';
import { buildPodSlots, collectSlots } from './pod-slots.ts';
import { rolloutSentences } from './rollout-rules.ts';
import { analyzeScale } from './scale-rules.ts';
import { buildServiceInfo } from './service-info.ts';
import { readSetFacts } from './set-facts.ts';
import { buildStatefulSetInfo } from './statefulset-info.ts';
import { buildClaims } from './storage.ts';
import type { Topology, TopologyInput, TopologyModel, TopologyOptions } from './types.ts';
import { warningEvents } from './warning-events.ts';

export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** The model with its graph (nodes, edges). */
export function buildTopology(input: TopologyInput, options: TopologyOptions): Topology {
  return withGraph(buildModel(input, options));
}

/** The model without the graph: what the server keeps, diffs and sends. */
export function buildModel(input: TopologyInput, options: TopologyOptions): TopologyModel {
  const { now } = options;
  const domain = options.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
  const set = readSetFacts(input.statefulSet);
  const pvAccess = input.pvAccess ?? 'ok';
  const local = (objects: readonly KubeObject[]) => inNamespace(objects, set.namespace);
  const pvcs = byName(local(input.pvcs));

  const slots = collectSlots(set, local(input.pods));
  const endpoints = set.serviceName ? endpointsOf(set.serviceName, local(input.endpointSlices)) : [];
  const service = buildServiceInfo(set, byName(local(input.services)).get(set.serviceName), endpoints, domain);
  const scale = analyzeScale(set, slots, pvcs, now);
  // Memory only carries over for the same set: another set's web-1 is not this one's.
  const previous = input.previous?.statefulSet.id === nodeId('StatefulSet', set.namespace, set.name) ? input.previous : undefined;
  const pods = buildPodSlots(slots, { set, scale, service, endpoints, previous, now });
  const claims = buildClaims(set, slots, {
    pvcs,
    pvs: byName(pvAccess === 'ok' ? input.pvs : []),
    storageClasses: byName(pvAccess === 'ok' ? input.storageClasses : []),
    pvAccess,
  }, previous?.claims);
  const model: TopologyModel = {
    statefulSet: buildStatefulSetInfo(input.statefulSet, set),
    pods,
    service,
    claims,
    explanations: buildExplanations({
      service,
      scale: scale.sentences,
      rollout: rolloutSentences(set, slots, scale.replicaBlocker, now),
      claims,
    }),
    warningEvents: [],
    pvAccess,
  };
  // Warning events are shown on graph nodes, so only those about a node of the graph are kept.
  model.warningEvents = warningEvents(local(input.events), modelNodeIds(model, previous), model.pods);
  return recordHorizon(model, set, slots, now);
}
