// The process-wide hub, on globalThis so that route modules (each bundled separately) and hot
// reloads share one hub and so one set of watches. Created on first use, never at import.

import { getConfig } from '../config/config.ts';
import { getClusterAccess } from '../k8s/cluster-access.ts';
import { NamespaceCache } from '../k8s/namespace-cache.ts';
import { getLogger } from '../log/logger.ts';
import { getMetrics } from '../metrics/dashboard-metrics.ts';
import { meteredTransport } from '../metrics/metered-transport.ts';
import { Hub } from './hub.ts';
import { HUB_KEY as KEY, type HubSlot } from './hub-slot.ts';
import { timelineRecorders } from './timeline-recorder.ts';

export { peekHub } from './hub-slot.ts';

/** Throws when no cluster is configured (the kubeconfig cannot be loaded) or the configuration is bad. */
export function getHub(): Hub {
  const g = globalThis as HubSlot;
  if (!g[KEY]) {
    const access = getClusterAccess();
    // Counted and logged (lib/metrics): watches, restarts, events, cluster errors.
    const transport = meteredTransport(access.transport, getMetrics(), getLogger());
    g[KEY] = new Hub({
      openCache: (namespace) => new NamespaceCache({ namespace, transport }),
      clusterDomain: getConfig().clusterDomain ?? undefined,
      timeline: timelineRecorders,
    });
  }
  return g[KEY];
}
