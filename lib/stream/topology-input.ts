// From a namespace cache to the pure model's input: everything buildModel needs for one set.

import type { NamespaceCache } from '../k8s/namespace-cache.ts';
import type { KubeObject } from '../kube/types.ts';
import { buildModel } from '../topology/build-topology.ts';
import type { TopologyInput, TopologyModel } from '../topology/types.ts';

/**
 * Whether an event can show on set `setName`'s page: Warning events in the model (on the node
 * they are about), events about the set in the timeline. Other events change nothing there.
 */
export function eventShown(e: KubeObject, setName: string): boolean {
  if (e.type === 'Warning') return true;
  const about = (e.involvedObject ?? e.regarding) as { kind?: string; name?: string } | undefined;
  return about?.kind === 'StatefulSet' && about.name === setName;
}

/**
 * `events` holds only the events that can show (eventShown): a namespace may keep thousands.
 * `shown`: those events when the caller keeps them already (ShownEvents).
 */
export function topologyInput(cache: NamespaceCache, statefulSet: KubeObject, previous: TopologyModel | null, shown?: readonly KubeObject[]): TopologyInput {
  const name = statefulSet.metadata.name ?? '';
  return {
    statefulSet,
    pods: cache.list('pods'),
    services: cache.list('services'),
    endpointSlices: cache.list('endpointslices'),
    pvcs: cache.list('persistentvolumeclaims'),
    pvs: cache.list('persistentvolumes'),
    storageClasses: cache.list('storageclasses'),
    controllerRevisions: cache.list('controllerrevisions'),
    events: shown ?? cache.list('events').filter((e) => eventShown(e, name)),
    pvAccess: cache.pvAccess(),
    previous: previous ?? undefined,
  };
}

/**
 * The model (without the graph) of set `name` from the cache, or null when the cache has no such
 * StatefulSet. Parts whose objects did not change since `previous` are previous's (buildModel).
 */
export function topologyFromCache(cache: NamespaceCache, name: string, opts: { now: number; previous: TopologyModel | null; clusterDomain?: string }): TopologyModel | null {
  const set = cache.get('statefulsets', name);
  if (!set) return null;
  return buildModel(topologyInput(cache, set, opts.previous), { now: opts.now, clusterDomain: opts.clusterDomain });
}
