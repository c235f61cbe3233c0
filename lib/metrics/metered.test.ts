// What the dashboard counts on the way from the API server to the browser: watches opened,
// reopened and failed (with one `cluster error` log line each), events received, messages sent
// and the time from an upstream change to the message it caused.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { ClusterHttpError, type KubeTransport, type WatchCallbacks } from '../k8s/transport.ts';
import { createLogger } from '../log/logger.ts';
import { markOrigin } from '../stream/message-origin.ts';
import type { SseMessage, SseSource } from '../stream/sse.ts';
import { countAction, createDashboardMetrics } from './dashboard-metrics.ts';
import { meteredSource } from './metered-source.ts';
import { meteredTransport } from './metered-transport.ts';

function fakeTransport() {
  const watches: Array<{ path: string; cb: WatchCallbacks; aborted: boolean }> = [];
  let listError: unknown = null;
  const t: KubeTransport = {
    async getJson() {
      if (listError) throw listError;
      return { items: [] };
    },
    watch(path, _query, cb) {
      const w = { path, cb, aborted: false };
      watches.push(w);
      return { abort: () => { w.aborted = true; } };
    },
  };
  return { t, watches, failLists: (e: unknown) => { listError = e; } };
}

function setup() {
  const lines: string[] = [];
  const log = createLogger({ level: () => 'info', write: (l) => lines.push(l), now: () => 0 });
  const m = createDashboardMetrics(() => ({ caches: 1, streams: 2, subscribers: 3 }));
  const fake = fakeTransport();
  return { m, lines, fake, t: meteredTransport(fake.t, m, log) };
}

const PODS = '/api/v1/namespaces/default/pods';

describe('meteredTransport', () => {
  it('counts open watches, starts, restarts, events and failures, and logs each cluster error once', () => {
    const { m, lines, fake, t } = setup();
    const seen: string[] = [];
    const cb: WatchCallbacks = { onOpen: () => seen.push('open'), onEvent: (type) => seen.push(type), onDone: (e) => seen.push(e ? 'error' : 'done') };
    const first = t.watch(PODS, {}, cb);
    expect(m.upstreamWatches.get()).toBe(1);
    fake.watches[0].cb.onOpen();
    fake.watches[0].cb.onEvent('ADDED', {} as KubeObject);
    fake.watches[0].cb.onEvent('MODIFIED', {} as KubeObject);
    fake.watches[0].cb.onDone(new ClusterHttpError(403, { message: 'pods is forbidden: User "x" cannot watch resource "pods"' }));
    expect(seen).toEqual(['open', 'ADDED', 'MODIFIED', 'error']);
    expect(m.upstreamWatches.get()).toBe(0);
    first.abort();
    expect(m.upstreamWatches.get()).toBe(0);

    t.watch(PODS, {}, cb).abort();
    expect(m.upstreamWatches.get()).toBe(0);
    expect(fake.watches[1].aborted).toBe(true);
    expect(m.watchStarts.get({ resource: 'pods' })).toBe(2);
    expect(m.watchRestarts.get({ resource: 'pods' })).toBe(1);
    expect(m.watchFailures.get({ resource: 'pods' })).toBe(1);
    expect(m.upstreamEvents.get({ resource: 'pods', type: 'MODIFIED' })).toBe(1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', msg: 'cluster error', op: 'watch', resource: 'pods', namespace: 'default', status: 403, reason: 'Forbidden' });
  });

  it('counts and logs failed lists, not aborted ones', async () => {
    const { m, lines, fake, t } = setup();
    fake.failLists(new ClusterHttpError(500, { message: 'etcd is sad' }));
    await expect(t.getJson(PODS)).rejects.toThrow('etcd is sad');
    const aborted = new AbortController();
    aborted.abort();
    await expect(t.getJson(PODS, {}, aborted.signal)).rejects.toThrow();
    expect(m.listFailures.get({ resource: 'pods' })).toBe(1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ op: 'list', resource: 'pods', error: 'etcd is sad' });
  });
});

describe('meteredSource', () => {
  it('counts messages by event and times the marked ones from their upstream change', async () => {
    const m = createDashboardMetrics();
    const marked: SseMessage = { id: 1, event: 'patch', data: {} };
    markOrigin(marked, 1_000);
    const queue: SseMessage[] = [marked, { id: 2, event: 'status', data: {} }];
    const inner: SseSource = { next: async () => queue.shift() ?? null, close: () => {} };
    const src = meteredSource(inner, m, () => 1_040);
    await src.next();
    await src.next();
    expect(await src.next()).toBeNull();
    expect(m.sseMessages.get({ event: 'patch' })).toBe(1);
    expect(m.sseMessages.get({ event: 'status' })).toBe(1);
    expect(m.eventToSend.count()).toBe(1);
    expect(m.registry.render()).toContain('sts_event_to_send_seconds_bucket{le="0.05"} 1');
  });
});

describe('the exposition', () => {
  it('has every documented series, hub gauges read from the hub', () => {
    const { m } = setup();
    countAction(m, 'scale', 'ok');
    countAction(m, 'deletePod', 'error', 'Forbidden');
    const text = m.registry.render();
    for (const name of ['sts_sse_clients 3', 'sts_hub_streams 2', 'sts_hub_caches 1', 'sts_upstream_watches 0',
      'sts_actions_total{action="scale",outcome="ok"} 1', 'sts_actions_total{action="deletePod",outcome="error"} 1',
      'sts_action_errors_total{action="deletePod",reason="Forbidden"} 1']) {
      expect(text).toContain(`\n${name}\n`);
    }
    for (const type of ['sts_upstream_watch_starts_total counter', 'sts_upstream_watch_restarts_total counter', 'sts_sse_messages_total counter', 'sts_event_to_send_seconds histogram']) {
      expect(text).toContain(`# TYPE ${type}\n`);
    }
  });
});
