// From a namespace cache to the pure model's input: everything buildTopology needs for one set.

import type { NamespaceCache } from '../k8s/namespace-cache.ts';
import type { KubeObject } from '../kube/types.ts';
import { buildTopology } from '../topology/build-topology.ts';
import type { Topology, TopologyInput } from '../topology/types.ts';

export function topologyInput(cache: NamespaceCache, statefulSet: KubeObject, previous: Topology | null): TopologyInput {
  return {
    statefulSet,
    pods: cache.list('pods'),
    services: cache.list('services'),
    endpointSlices: cache.list('endpointslices'),
    pvcs: cache.list('persistentvolumeclaims'),
    pvs: cache.list('persistentvolumes'),
    storageClasses: cache.list('storageclasses'),
    controllerRevisions: cache.list('controllerrevisions'),
    events: cache.list('events'),
    pvAccess: cache.pvAccess(),
    previous: previous ?? undefined,
  };
}

/** The model of set `name` from the cache, or null when the cache has no such StatefulSet. */
export function topologyFromCache(cache: NamespaceCache, name: string, opts: { now: number; previous: Topology | null; clusterDomain?: string }): Topology | null {
  const set = cache.get('statefulsets', name);
  if (!set) return null;
  return buildTopology(topologyInput(cache, set, opts.previous), { now: opts.now, clusterDomain: opts.clusterDomain });
}
