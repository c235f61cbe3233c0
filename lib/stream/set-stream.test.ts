// A set stream's rebuilds against the real embedded API server without controllers (objects
// change only when the test says so) and a manual clock: the periodic refresh costs nothing when
// nothing changed, still picks up what time alone changes (minReadySeconds), and the events the
// stream keeps (ShownEvents) are those of the cache that can show.

import { afterEach, describe, expect, it } from 'vitest';
import { NamespaceCache } from '../k8s/namespace-cache.ts';
import { startTestCluster, until, type TestCluster } from '../k8s/testdata/cluster.ts';
import type { KubeObject } from '../kube/types.ts';
import { ManualClock } from '../sim/clock.ts';
import { R } from '../sim/resources.ts';
import { aPod } from '../topology/testdata/builders.ts';
import { Hub } from './hub.ts';
import type { WireMessage } from './messages.ts';
import { ShownEvents } from './shown-events.ts';
import type { Subscriber } from './subscriber.ts';
import type { TimelineRecorderFactory } from './timeline-hook.ts';
import { eventShown } from './topology-input.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function cluster(): Promise<{ tc: TestCluster; clock: ManualClock }> {
  const tc = await startTestCluster({ bare: true, bookmarkIntervalMs: 3_600_000 });
  cleanups.push(() => tc.stop());
  return { tc, clock: new ManualClock() };
}

/** A hub whose timeline counts the rebuilds (the stream hands every rebuild to it). */
function countingHub(tc: TestCluster, clock: ManualClock): { hub: Hub; rebuilds: () => number } {
  let observed = 0;
  const timeline: TimelineRecorderFactory = () => ({ observe: () => { observed++; return []; }, recordAction: () => [], entries: () => [] });
  const hub = new Hub({ openCache: (namespace) => new NamespaceCache({ namespace, transport: tc.transport, clock }), clock, timeline });
  cleanups.push(() => hub.stop());
  return { hub, rebuilds: () => observed };
}

async function take(sub: Subscriber, clock: ManualClock): Promise<WireMessage> {
  for (;;) {
    let got: WireMessage | null | undefined;
    void sub.next().then((m) => { got = m; });
    await until('a message', () => got !== undefined, { clock });
    if (!got) throw new Error('the subscription ended');
    if (got.event !== 'status') return got;
  }
}

function update(tc: TestCluster, key: string, name: string, change: (o: KubeObject & { spec: Record<string, unknown> }) => void): KubeObject {
  const o = structuredClone(tc.cluster.store.get(key, 'default', name)!) as KubeObject & { spec: Record<string, unknown> };
  change(o);
  return tc.cluster.store.update(key, o);
}

describe('SetStream rebuilds', () => {
  it('skips the periodic refresh while nothing changed, and rebuilds on the next change', async () => {
    const { tc, clock } = await cluster();
    const { hub, rebuilds } = countingHub(tc, clock);
    const sub = hub.subscribe('default', 'web');
    expect((await take(sub, clock)).event).toBe('snapshot');
    const after = rebuilds();
    // Ten refreshes (refreshMs 1 s), letting the watches' I/O run in between.
    for (let i = 0; i < 10; i++) {
      clock.advance(1_000);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(rebuilds()).toBe(after);
    expect(sub.queued).toBe(0);
    update(tc, R.statefulsets, 'web', (s) => { s.spec.replicas = 3; });
    expect((await take(sub, clock)).event).toBe('patch');
    expect(rebuilds()).toBe(after + 1);
  });

  it('rebuilds once time alone makes a pod available (minReadySeconds), with no object changed', async () => {
    const { tc, clock } = await cluster();
    // web-0 Ready since T0+5s (the manual clock starts at T0): available after T0+15s.
    const sts = update(tc, R.statefulsets, 'web', (s) => { s.spec.replicas = 1; s.spec.minReadySeconds = 10; });
    tc.cluster.store.create(R.pods, aPod(sts, 0).ready('10.244.1.10', 'node-1', 5).build());
    const { hub, rebuilds } = countingHub(tc, clock);
    const sub = hub.subscribe('default', 'web');
    const snap = await take(sub, clock);
    if (snap.event !== 'snapshot') throw new Error(`expected a snapshot, got ${snap.event}`);
    expect(snap.data.topology.pods[0]).toMatchObject({ name: 'web-0', ready: true, available: false });
    const after = rebuilds();
    clock.advance(15_000 - (clock.now() - Date.parse('2026-01-01T00:00:00Z')));
    expect(rebuilds()).toBe(after);
    clock.advance(1_000);
    const patch = await take(sub, clock);
    if (patch.event !== 'patch') throw new Error(`expected a patch, got ${patch.event}`);
    expect(patch.data.pods?.upsert).toMatchObject([{ name: 'web-0', available: true }]);
    expect(rebuilds()).toBe(after + 1);
  });
});

describe('ShownEvents', () => {
  it('holds what filtering the cache by eventShown holds, in the cache order, through creates, updates and deletes', async () => {
    const { tc, clock } = await cluster();
    const cache = new NamespaceCache({ namespace: 'default', transport: tc.transport, clock });
    const shown = new ShownEvents(cache, 'web');
    cleanups.push(cache.subscribe((c) => shown.onChange(c)), () => cache.stop());
    cache.start();
    await until('synced', () => cache.synced, { clock });
    const event = (name: string, type: string, kind: string, about: string): KubeObject => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, type, reason: 'Test', message: name,
      involvedObject: { kind, name: about, namespace: 'default' },
    });
    const expected = () => cache.list('events').filter((e) => eventShown(e, 'web')).map((e) => e.metadata.name);
    const listed = () => cache.list('events').map((e) => e.metadata.name ?? '').sort();
    const settle = (what: string, names: string[]) => until(what, () => listed().join() === [...names].sort().join(), { clock });
    expect(shown.list()).toEqual([]);
    const store = tc.cluster.store;
    store.create(R.events, event('normal-pod', 'Normal', 'Pod', 'web-0'));
    store.create(R.events, event('warning-pod', 'Warning', 'Pod', 'web-0'));
    store.create(R.events, event('normal-set', 'Normal', 'StatefulSet', 'web'));
    store.create(R.events, event('normal-other-set', 'Normal', 'StatefulSet', 'db'));
    await settle('four events', ['normal-pod', 'warning-pod', 'normal-set', 'normal-other-set']);
    expect(shown.list().map((e) => e.metadata.name)).toEqual(expected());
    expect(expected()).toEqual(['warning-pod', 'normal-set']);
    update(tc, R.events, 'warning-pod', (e) => { e.count = 2; });
    store.delete(R.events, 'default', 'normal-set', {});
    store.create(R.events, event('warning-set', 'Warning', 'StatefulSet', 'web'));
    await settle('the changes', ['normal-pod', 'warning-pod', 'normal-other-set', 'warning-set']);
    await until('the update', () => cache.get('events', 'warning-pod')?.count === 2, { clock });
    expect(shown.list().map((e) => e.metadata.name)).toEqual(expected());
    expect(shown.list()).toEqual(cache.list('events').filter((e) => eventShown(e, 'web')));
  });
});
