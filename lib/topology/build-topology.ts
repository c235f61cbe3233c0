// buildTopology: cluster objects of one StatefulSet -> the topology model (types.ts). Pure: no
// I/O, no timers, no React; "now" and the previous model come in as arguments, so the same input
// always gives the same JSON (golden tests rely on it).

import { buildExplanations } from './explanations.ts';
import { byName, inNamespace } from './fields.ts';
import { withGraph } from './graph.ts';
import { nodeId } from './ids.ts';
import { endpointsOf } from './endpoints.ts';
import { buildPodSlots, collectSlots } from './pod-slots.ts';
import { rolloutSentences } from './rollout-rules.ts';
import { analyzeScale } from './scale-rules.ts';
import { buildServiceInfo } from './service-info.ts';
import { readSetFacts } from './set-facts.ts';
import { buildStatefulSetInfo } from './statefulset-info.ts';
import { buildClaims } from './storage.ts';
import type { Topology, TopologyInput, TopologyOptions } from './types.ts';
import { warningEvents } from './warning-events.ts';

export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

export function buildTopology(input: TopologyInput, options: TopologyOptions): Topology {
  const { now } = options;
  const domain = options.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
  const set = readSetFacts(input.statefulSet);
  const pvAccess = input.pvAccess ?? 'ok';
  const local = (objects: TopologyInput['pods']) => inNamespace(objects, set.namespace);
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
  });
  const statefulSet = buildStatefulSetInfo(input.statefulSet, set);
  const topology = withGraph({
    statefulSet,
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
  });
  // Warning events are attached to graph nodes, so they come once the graph is known.
  topology.warningEvents = warningEvents(local(input.events), new Set(topology.nodes.map((n) => n.id)));
  return topology;
}
