// The informers against the real embedded cluster: they list and follow every kind, come back
// after the API server goes away, relist on 410, restart a silent watch, and degrade (with a
// notice) where RBAC forbids PersistentVolumes.

import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import type { RequestInterceptor } from '../sim/api/server.ts';
import { ManualClock } from '../sim/clock.ts';
import { R } from '../sim/resources.ts';
import { kindDef } from './kinds.ts';
import { NamespaceCache, type NamespaceCacheOptions } from './namespace-cache.ts';
import { forbid, freePort, requestCounter, startTestCluster, until, type TestCluster } from './testdata/cluster.ts';
import type { ConnectionStatus } from '../stream/wire.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function cluster(opts: Parameters<typeof startTestCluster>[0] = {}): Promise<TestCluster> {
  const tc = await startTestCluster(opts);
  cleanups.push(() => tc.stop());
  return tc;
}

function openCache(tc: TestCluster, clock: ManualClock, opts: Partial<NamespaceCacheOptions> = {}): NamespaceCache {
  const cache = new NamespaceCache({ namespace: 'default', transport: tc.transport, clock, random: () => 0.5, ...opts });
  cleanups.push(() => cache.stop());
  cache.start();
  return cache;
}

function pod(name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, ...extra };
}

function recordStatuses(cache: NamespaceCache): ConnectionStatus['state'][] {
  const seen: ConnectionStatus['state'][] = [];
  cache.subscribe((c) => { if (c.type === 'status') seen.push(cache.status().state); });
  return seen;
}

describe('NamespaceCache', () => {
  it('lists every kind with one watch each, follows changes and trims what it keeps', async () => {
    const tc = await cluster({ bare: true, empty: false });
    const clock = new ManualClock();
    const cache = openCache(tc, clock);
    await until('synced', () => cache.synced, { clock });
    expect(cache.status()).toEqual({ state: 'live', since: null, message: null, notices: [] });
    expect(cache.get('statefulsets', 'web')?.kind).toBe('StatefulSet');
    expect(cache.list('services').map((s) => s.metadata.name).sort()).toEqual(['kubernetes', 'nginx']);
    await until('one watch per kind', () => tc.cluster.api.watches.size === 9);
    expect([...tc.cluster.api.watches].map((w) => w.resource).sort()).toEqual([
      'controllerrevisions.apps', 'endpointslices.discovery.k8s.io', 'events', 'persistentvolumeclaims',
      'persistentvolumes', 'pods', 'services', 'statefulsets.apps', 'storageclasses.storage.k8s.io',
    ]);

    tc.cluster.store.create(R.pods, pod('trim-me', {
      metadata: { name: 'trim-me', namespace: 'default', managedFields: [{ manager: 'kubectl' }], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"secret":1}', keep: 'me' } },
      spec: { containers: [{ name: 'c', image: 'nginx', env: [{ name: 'PASSWORD', value: 'hunter2' }] }] },
    }));
    await until('pod seen', () => cache.get('pods', 'trim-me') !== undefined, { clock });
    const seen = cache.get('pods', 'trim-me')!;
    expect(JSON.stringify(seen)).not.toContain('hunter2');
    expect(seen.metadata.managedFields).toBeUndefined();
    expect(seen.metadata.annotations).toEqual({ keep: 'me' });
    expect((seen.spec as { containers: Array<{ env: unknown }> }).containers[0].env).toEqual([{ name: 'PASSWORD' }]);

    tc.cluster.store.delete(R.pods, 'default', 'trim-me', { gracePeriodSeconds: 0 });
    await until('pod gone', () => cache.get('pods', 'trim-me') === undefined, { clock });
  });

  it('comes back after the API server goes away, with the new server’s state', async () => {
    const apiPort = await freePort();
    const first = await startTestCluster({ empty: false, apiPort });
    const clock = new ManualClock();
    const cache = openCache(first, clock);
    await until('synced', () => cache.synced, { clock });
    expect(cache.get('statefulsets', 'web')).toBeDefined();

    await first.stop();
    await until('reconnecting', () => cache.status().state === 'reconnecting', { clock, stepMs: 1 });
    expect(cache.status().message).toMatch(/cannot reach the cluster's API server/);
    expect(cache.status().message).toMatch(/retrying in/);
    // The last known objects stay while reconnecting.
    expect(cache.get('statefulsets', 'web')).toBeDefined();
    await until('stale after 15 s', () => cache.status().state === 'stale', { clock, stepMs: 1000 });

    const second = await cluster({ empty: true, apiPort });
    second.cluster.store.create(R.configMaps, { metadata: { name: 'x', namespace: 'default' } });
    await until('live again', () => cache.status().state === 'live', { clock, stepMs: 1000 });
    // A full relist: what only the old server had is gone.
    expect(cache.get('statefulsets', 'web')).toBeUndefined();
    expect(cache.list('services').map((s) => s.metadata.name)).toEqual(['kubernetes']);
    second.cluster.store.create(R.pods, pod('after-restart'));
    await until('watching the new server', () => cache.get('pods', 'after-restart') !== undefined, { clock });
  });

  it('relists at once, without reporting a failure, when the watch answers 410 Gone', async () => {
    const counter = requestCounter();
    const tc = await cluster({ interceptors: [counter.interceptor], bookmarkIntervalMs: 3_600_000 });
    const clock = new ManualClock();
    const cache = openCache(tc, clock);
    await until('synced', () => cache.synced, { clock });
    const statuses = recordStatuses(cache);
    tc.cluster.store.create(R.pods, pod('a'));
    await until('a seen', () => cache.get('pods', 'a') !== undefined, { clock });
    const podsPath = '/api/v1/namespaces/default/pods';
    expect(counter.lists(podsPath)).toBe(1);

    // The watch drops; before it resumes, history it needs is compacted away.
    for (const w of tc.cluster.api.watches) if (w.resource === 'pods') w.drop();
    tc.cluster.store.create(R.pods, pod('b'));
    tc.cluster.store.compact();
    await until('b seen after relist', () => cache.get('pods', 'b') !== undefined, { clock: undefined });
    expect(counter.lists(podsPath)).toBe(2);
    expect(statuses).not.toContain('reconnecting');
    expect(cache.status().state).toBe('live');
  });

  it('resumes a watch that went silent from where it was, losing nothing', async () => {
    const counter = requestCounter();
    const tc = await cluster({ interceptors: [counter.interceptor], bookmarkIntervalMs: 3_600_000 });
    const clock = new ManualClock();
    const cache = openCache(tc, clock, { watchStaleAfterMs: 30_000, kinds: [kindDef('pods')] });
    await until('synced', () => cache.synced);
    const statuses = recordStatuses(cache);
    tc.cluster.store.create(R.pods, pod('first'));
    await until('first seen', () => cache.get('pods', 'first') !== undefined);
    const podsPath = '/api/v1/namespaces/default/pods';
    expect(counter.watches(podsPath)).toBe(1);
    for (const w of tc.cluster.api.watches) w.stall();
    // The stalled watch does not deliver this.
    tc.cluster.store.create(R.pods, pod('lost'));

    clock.advance(29_999);
    await new Promise((r) => setTimeout(r, 20));
    expect(counter.watches(podsPath)).toBe(1);
    clock.advance(1);
    await until('the lost pod arrives', () => cache.get('pods', 'lost') !== undefined);
    expect(counter.watches(podsPath)).toBe(2);
    expect(counter.lists(podsPath)).toBe(1);
    expect(statuses).toEqual([]);
    await until('the stalled connection is closed', () => tc.cluster.api.watches.size === 1);
  });

  it('reports a watch the API server never answers, and relists', async () => {
    const counter = requestCounter();
    // The first watch request is accepted and never answered (no status line, no headers).
    let unanswered = 0;
    const silent: RequestInterceptor = (_req, _res, url) => url.searchParams.get('watch') === 'true' && unanswered++ === 0;
    const tc = await cluster({ interceptors: [counter.interceptor, silent], bookmarkIntervalMs: 3_600_000 });
    const clock = new ManualClock();
    const cache = openCache(tc, clock, { watchStaleAfterMs: 30_000, kinds: [kindDef('pods')] });
    await until('synced', () => cache.synced);
    await until('watching', () => unanswered === 1);
    clock.advance(30_000);
    expect(cache.status().state).toBe('reconnecting');
    expect(cache.status().message).toBe('watch on pods failed: the API server did not answer the watch for 30 s; retrying in 375 ms');
    await until('relisted', () => counter.lists('/api/v1/namespaces/default/pods') === 2, { clock, stepMs: 100 });
    await until('live', () => cache.status().state === 'live');
  });

  it('shows PVCs without PVs, with a notice, when RBAC forbids PersistentVolumes', async () => {
    const tc = await cluster({ interceptors: [forbid((u) => u.pathname === '/api/v1/persistentvolumes')] });
    const clock = new ManualClock();
    const cache = openCache(tc, clock);
    await until('synced', () => cache.synced, { clock });
    expect(cache.pvAccess()).toBe('forbidden');
    expect(cache.list('persistentvolumes')).toEqual([]);
    expect(cache.status()).toEqual({
      state: 'live', since: null, message: null,
      notices: ['PersistentVolumes: forbidden by RBAC (the dashboard shows PVCs without their PVs)'],
    });
  });

  it('keeps retrying, and says why, when RBAC forbids a kind it cannot do without', async () => {
    const tc = await cluster({ interceptors: [forbid((u) => u.pathname.endsWith('/pods'))] });
    const clock = new ManualClock();
    const cache = openCache(tc, clock);
    await until('reconnecting', () => cache.status().message !== null && cache.status().message !== 'connecting to the cluster', { clock });
    expect(cache.synced).toBe(false);
    expect(cache.status().state).toBe('reconnecting');
    expect(cache.status().message).toMatch(/^listing pods failed: forbidden by RBAC/);
  });
});
