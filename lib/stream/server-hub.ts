// The process-wide hub, on globalThis so that route modules (each bundled separately) and hot
// reloads share one hub and so one set of watches. Created on first use, never at import.

import { getClusterAccess } from '../k8s/cluster-access.ts';
import { NamespaceCache } from '../k8s/namespace-cache.ts';
import { Hub } from './hub.ts';
import { noTimeline } from './timeline-hook.ts';

const KEY = Symbol.for('sts-topology.hub');

/** Throws when no cluster is configured (the kubeconfig cannot be loaded). */
export function getHub(): Hub {
  const g = globalThis as { [KEY]?: Hub };
  if (!g[KEY]) {
    const access = getClusterAccess();
    g[KEY] = new Hub({
      openCache: (namespace) => new NamespaceCache({ namespace, transport: access.transport }),
      clusterDomain: process.env.STS_CLUSTER_DOMAIN || undefined,
      // Issue 5: pass the timeline recorder factory here.
      timeline: noTimeline,
    });
  }
  return g[KEY];
}
