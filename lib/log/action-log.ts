// The dashboard's actions as seen at the HTTP layer: each answered request to an action route
// (actions contract) gives one `action` log line and counts in sts_actions_total /
// sts_action_errors_total, whether it succeeded, was refused by a guard (403 Host/Origin/CSRF/
// read-only), by validation (400/422), by the cluster (403 RBAC, 409 Conflict) or failed (5xx).
// Taken from the request, not from the route code, so no action can go uncounted.
// Limit: the reason label is derived from the status code (403 -> Forbidden covers both RBAC
// and the dashboard's own guards); the route's JSON body says which.

import { countAction, type DashboardMetrics } from '../metrics/dashboard-metrics.ts';
import type { Logger } from './logger.ts';
import type { RequestInfo } from './request-log.ts';

export interface ActionRequest {
  action: 'scale' | 'restart' | 'image' | 'partition' | 'delete-pods' | 'delete-pod';
  namespace: string;
  name: string;
}

const SET_ACTION = /^\/api\/namespaces\/([^/]+)\/statefulsets\/([^/]+)\/(scale|restart|image|partition|delete-pods)$/;
const POD_ACTION = /^\/api\/namespaces\/([^/]+)\/pods\/([^/]+)$/;

function decode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** The action a request asks for, or null for any other request. */
export function classifyAction(method: string, path: string): ActionRequest | null {
  const m = method.toUpperCase();
  let g = SET_ACTION.exec(path);
  if (g && m === 'POST') return { action: g[3] as ActionRequest['action'], namespace: decode(g[1]), name: decode(g[2]) };
  g = POD_ACTION.exec(path);
  if (g && m === 'DELETE') return { action: 'delete-pod', namespace: decode(g[1]), name: decode(g[2]) };
  return null;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 409: 'Conflict',
  413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType', 422: 'Invalid', 429: 'TooManyRequests',
  500: 'InternalError', 502: 'ClusterError', 503: 'Unavailable', 504: 'Timeout',
};

export function reasonOf(status: number): string {
  return REASONS[status] ?? `HTTP${status}`;
}

export function recordActionRequest(log: Logger, m: DashboardMetrics, r: RequestInfo): void {
  const a = classifyAction(r.method, r.path);
  if (!a) return;
  const outcome = r.status < 400 ? 'ok' : r.status < 500 ? 'refused' : 'error';
  countAction(m, a.action, outcome, outcome === 'ok' ? undefined : reasonOf(r.status));
  const fields = { action: a.action, namespace: a.namespace, name: a.name, outcome, status: r.status, ms: r.ms };
  if (outcome === 'error') log.error('action', fields);
  else if (outcome === 'refused') log.warn('action', fields);
  else log.info('action', fields);
}
