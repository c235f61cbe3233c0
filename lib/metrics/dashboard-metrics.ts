// The dashboard's metrics, one set per process on globalThis (route modules, the proxy and
// instrumentation are bundled separately and must count into the same registry). Served by
// GET /api/metrics. Code that has something to count calls the helpers here; nothing in this
// module starts work or opens connections.
//
//   sts_sse_clients                          browsers connected to a watch stream (gauge, from the hub)
//   sts_hub_streams, sts_hub_caches          live StatefulSet streams and namespace caches (gauges, from the hub)
//   sts_upstream_watches                     watches open on the API server now (gauge)
//   sts_upstream_watch_starts_total{resource}    watches opened (counter)
//   sts_upstream_watch_restarts_total{resource}  watches reopened after the first (counter)
//   sts_upstream_watch_failures_total{resource}  watches that ended with an error (counter)
//   sts_upstream_list_failures_total{resource}   failed lists (counter)
//   sts_upstream_events_total{resource,type}     watch events received (counter)
//   sts_sse_messages_total{event}            messages relayed to browsers (counter)
//   sts_actions_total{action,outcome}        actions by outcome: ok | refused | error (counter)
//   sts_action_errors_total{action,reason}   failed or refused actions by reason (counter)
//   sts_event_to_send_seconds                upstream watch event -> SSE message written (histogram)

import { Registry, type Counter, type Gauge, type Histogram, type Labels } from './registry.ts';

export interface HubStats {
  caches: number;
  streams: number;
  subscribers: number;
}

export interface DashboardMetrics {
  registry: Registry;
  upstreamWatches: Gauge;
  watchStarts: Counter;
  watchRestarts: Counter;
  watchFailures: Counter;
  listFailures: Counter;
  upstreamEvents: Counter;
  sseMessages: Counter;
  actions: Counter;
  actionErrors: Counter;
  eventToSend: Histogram;
  /** Where the hub gauges read from; set by whoever owns the hub (null: no hub yet). */
  hubStats: () => HubStats | null;
}

const KEY = Symbol.for('sts-topology.metrics');

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createDashboardMetrics(hubStats: () => HubStats | null = () => null): DashboardMetrics {
  const registry = new Registry();
  const m: DashboardMetrics = {
    registry,
    hubStats,
    upstreamWatches: registry.gauge('sts_upstream_watches', 'Watches open on the Kubernetes API server.'),
    watchStarts: registry.counter('sts_upstream_watch_starts_total', 'Watches opened on the API server.', ['resource']),
    watchRestarts: registry.counter('sts_upstream_watch_restarts_total', 'Watches reopened after the first one for the same collection.', ['resource']),
    watchFailures: registry.counter('sts_upstream_watch_failures_total', 'Watches that ended with an error.', ['resource']),
    listFailures: registry.counter('sts_upstream_list_failures_total', 'List requests that failed.', ['resource']),
    upstreamEvents: registry.counter('sts_upstream_events_total', 'Watch events received from the API server.', ['resource', 'type']),
    sseMessages: registry.counter('sts_sse_messages_total', 'Messages relayed to browsers over SSE.', ['event']),
    actions: registry.counter('sts_actions_total', 'Dashboard actions (scale, delete pod, ...) by outcome.', ['action', 'outcome']),
    actionErrors: registry.counter('sts_action_errors_total', 'Refused or failed actions by reason.', ['action', 'reason']),
    eventToSend: registry.histogram('sts_event_to_send_seconds', 'Time from a watch event arriving from the API server to the SSE message it caused being written.', LATENCY_BUCKETS),
  };
  const fromHub = (pick: (s: HubStats) => number) => () => {
    const s = m.hubStats();
    return [{ value: s ? pick(s) : 0 }];
  };
  registry.gauge('sts_sse_clients', 'Browsers connected to a StatefulSet watch stream.', [], fromHub((s) => s.subscribers));
  registry.gauge('sts_hub_streams', 'StatefulSet streams the hub keeps.', [], fromHub((s) => s.streams));
  registry.gauge('sts_hub_caches', 'Namespace caches (one set of upstream watches each).', [], fromHub((s) => s.caches));
  return m;
}

/** The process-wide metrics. */
export function getMetrics(): DashboardMetrics {
  const g = globalThis as { [KEY]?: DashboardMetrics };
  g[KEY] ??= createDashboardMetrics();
  return g[KEY];
}

export type ActionOutcomeLabel = 'ok' | 'refused' | 'error';

/** Counts one action; `reason` (e.g. Forbidden, Conflict, ReadOnly) for refused and failed ones. */
export function countAction(m: DashboardMetrics, action: string, outcome: ActionOutcomeLabel, reason?: string): void {
  m.actions.inc({ action, outcome });
  if (outcome !== 'ok') m.actionErrors.inc({ action, reason: reason ?? 'Unknown' });
}

export type { Labels };
