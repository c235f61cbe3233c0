// A KubeTransport that counts and logs what passes through it: lists and watches opened, watch
// events, failures (each one logged as a `cluster error` line), open watches. It changes
// nothing about the requests themselves. The hub's caches use it (lib/stream/server-hub.ts).
// The resource label is the collection path's last segment (pods, statefulsets, ...).

import { describeClusterError } from '../k8s/errors.ts';
import type { KubeTransport, WatchCallbacks } from '../k8s/transport.ts';
import type { Logger } from '../log/logger.ts';
import type { DashboardMetrics } from './dashboard-metrics.ts';

function resourceOf(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? '';
}

function namespaceOf(path: string): string | null {
  return /\/namespaces\/([^/]+)\//.exec(path)?.[1] ?? null;
}

function logClusterError(log: Logger, op: 'list' | 'watch', path: string, err: unknown): void {
  const info = describeClusterError(err);
  log.warn('cluster error', { op, resource: resourceOf(path), namespace: namespaceOf(path), status: info.status, reason: info.reason, error: info.message });
}

export function meteredTransport(inner: KubeTransport, m: DashboardMetrics, log: Logger): KubeTransport {
  const watched = new Set<string>();
  return {
    async getJson(path, query, signal) {
      try {
        return await inner.getJson(path, query, signal);
      } catch (e) {
        if (!signal?.aborted) {
          m.listFailures.inc({ resource: resourceOf(path) });
          logClusterError(log, 'list', path, e);
        }
        throw e;
      }
    },

    watch(path, query, cb: WatchCallbacks) {
      const resource = resourceOf(path);
      m.watchStarts.inc({ resource });
      if (watched.has(path)) m.watchRestarts.inc({ resource });
      watched.add(path);
      m.upstreamWatches.inc();
      let open = true;
      const close = () => {
        if (!open) return;
        open = false;
        m.upstreamWatches.dec();
      };
      const handle = inner.watch(path, query, {
        onOpen: () => cb.onOpen(),
        onEvent: (type, obj) => {
          m.upstreamEvents.inc({ resource, type });
          cb.onEvent(type, obj);
        },
        onDone: (err) => {
          close();
          if (err !== null) {
            m.watchFailures.inc({ resource });
            logClusterError(log, 'watch', path, err);
          }
          cb.onDone(err);
        },
      });
      return {
        abort: () => {
          close();
          handle.abort();
        },
      };
    },
  };
}
