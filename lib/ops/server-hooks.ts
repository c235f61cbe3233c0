// What the server process installs once at start-up (instrumentation.ts register(), Node.js
// runtime only): the per-request and per-action logs (and action metrics), graceful shutdown,
// and a start-up line saying how the dashboard is configured (never the access token itself,
// only whether one is set).

import { getConfig } from '../config/config.ts';
import { getLogger } from '../log/logger.ts';
import { recordActionRequest } from '../log/action-log.ts';
import { logRequest, observeRequests } from '../log/request-log.ts';
import { getMetrics } from '../metrics/dashboard-metrics.ts';
import { peekHub } from '../stream/hub-slot.ts';
import { trackHttpServers } from './http-servers.ts';
import { installShutdown } from './shutdown.ts';

const KEY = Symbol.for('sts-topology.server-hooks');

export function installServerHooks(): void {
  const g = globalThis as { [KEY]?: true };
  if (g[KEY]) return;
  g[KEY] = true;
  const log = getLogger();
  const metrics = getMetrics();
  observeRequests((r) => {
    logRequest(log, r);
    recordActionRequest(log, metrics, r);
  });
  const servers = trackHttpServers();
  installShutdown({
    log,
    closeIdle: () => servers.closeIdleConnections(),
    stopHub: () => {
      const hub = peekHub();
      if (!hub) return null;
      const stats = hub.stats();
      hub.stop();
      return stats;
    },
  });
  try {
    const c = getConfig();
    log.info('starting', {
      cluster: c.kubeconfig ? 'kubeconfig' : 'default rules (KUBECONFIG, ~/.kube/config or in-cluster)',
      namespaces: c.namespaces?.join(',') ?? 'all the account may list',
      readOnly: c.readOnly,
      loginRequired: c.accessToken !== null,
      allowedHosts: c.allowedHosts.join(','),
      logLevel: c.logLevel,
    });
  } catch (e) {
    log.error('configuration error', { error: (e as Error).message });
  }
}
