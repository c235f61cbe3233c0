// Actions as the HTTP layer sees them: which requests are actions, and the log line and counts
// each one gives.

import { describe, expect, it } from 'vitest';
import { createDashboardMetrics } from '../metrics/dashboard-metrics.ts';
import { classifyAction, recordActionRequest } from './action-log.ts';
import { createLogger } from './logger.ts';

describe('classifyAction', () => {
  it.each([
    ['POST', '/api/namespaces/default/statefulsets/web/scale', { action: 'scale', namespace: 'default', name: 'web' }],
    ['POST', '/api/namespaces/ws/statefulsets/db/delete-pods', { action: 'delete-pods', namespace: 'ws', name: 'db' }],
    ['POST', '/api/namespaces/default/statefulsets/web/partition', { action: 'partition', namespace: 'default', name: 'web' }],
    ['DELETE', '/api/namespaces/default/pods/web-0', { action: 'delete-pod', namespace: 'default', name: 'web-0' }],
    ['GET', '/api/namespaces/default/statefulsets/web/scale', null],
    ['GET', '/api/namespaces/default/statefulsets/web/watch', null],
    ['POST', '/api/namespaces/default/statefulsets/web', null],
  ])('%s %s', (method, path, want) => {
    expect(classifyAction(method, path)).toEqual(want);
  });
});

describe('recordActionRequest', () => {
  it('logs one line per action and counts it by outcome and reason', () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = createLogger({ level: () => 'info', write: (l) => lines.push(JSON.parse(l)) });
    const m = createDashboardMetrics();
    recordActionRequest(log, m, { method: 'POST', path: '/api/namespaces/default/statefulsets/web/scale', status: 200, ms: 12, aborted: false });
    recordActionRequest(log, m, { method: 'DELETE', path: '/api/namespaces/default/pods/web-0', status: 403, ms: 3, aborted: false });
    recordActionRequest(log, m, { method: 'POST', path: '/api/namespaces/default/statefulsets/web/restart', status: 503, ms: 30, aborted: false });
    recordActionRequest(log, m, { method: 'GET', path: '/api/namespaces', status: 200, ms: 1, aborted: false });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'action', action: 'scale', namespace: 'default', name: 'web', outcome: 'ok', status: 200 }),
      expect.objectContaining({ level: 'warn', msg: 'action', action: 'delete-pod', name: 'web-0', outcome: 'refused', status: 403 }),
      expect.objectContaining({ level: 'error', msg: 'action', action: 'restart', outcome: 'error', status: 503 }),
    ]);
    expect(m.actions.get({ action: 'scale', outcome: 'ok' })).toBe(1);
    expect(m.actionErrors.get({ action: 'delete-pod', reason: 'Forbidden' })).toBe(1);
    expect(m.actionErrors.get({ action: 'restart', reason: 'Unavailable' })).toBe(1);
  });
});
