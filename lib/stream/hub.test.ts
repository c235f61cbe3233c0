// The hub against the real embedded API server (without controllers, so objects change only
// when a test changes them): one upstream however many subscribers, patches that rebuild the
// model exactly, bounded queues for slow subscribers, Last-Event-ID replay, `gone`.

import { afterEach, describe, expect, it } from 'vitest';
import { NamespaceCache } from '../k8s/namespace-cache.ts';
import { startTestCluster, until, type TestCluster } from '../k8s/testdata/cluster.ts';
import { ManualClock } from '../sim/clock.ts';
import { R } from '../sim/resources.ts';
import { withGraph } from '../topology/graph.ts';
import type { Topology } from '../topology/types.ts';
import { Hub, type HubOptions } from './hub.ts';
import type { WireMessage } from './messages.ts';
import { SNAPSHOT_SHARE_MS } from './set-stream.ts';
import type { Subscriber } from './subscriber.ts';
import { applyTopologyPatch } from './topology-patch.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Setup {
  tc: TestCluster;
  clock: ManualClock;
  hub: Hub;
}

async function setup(opts: Partial<HubOptions> = {}): Promise<Setup> {
  const tc = await startTestCluster({ bare: true, bookmarkIntervalMs: 3_600_000 });
  cleanups.push(() => tc.stop());
  const clock = new ManualClock();
  const hub = new Hub({ openCache: (namespace) => new NamespaceCache({ namespace, transport: tc.transport, clock }), clock, ...opts });
  cleanups.push(() => hub.stop());
  return { tc, clock, hub };
}

/** The subscriber's next message, stepping the clock while the cluster answers. */
async function takeAny(sub: Subscriber, clock: ManualClock): Promise<WireMessage> {
  let got: WireMessage | null | undefined;
  void sub.next().then((m) => { got = m; });
  await until('a message', () => got !== undefined, { clock });
  if (!got) throw new Error('the subscription ended');
  return got;
}

/** The next message that is not a connection status (a new stream says "connecting" first). */
async function take(sub: Subscriber, clock: ManualClock): Promise<WireMessage> {
  for (;;) {
    const m = await takeAny(sub, clock);
    if (m.event !== 'status') return m;
  }
}

function scale({ tc }: Setup, replicas: number): void {
  const set = structuredClone(tc.cluster.store.get(R.statefulsets, 'default', 'web')!);
  (set.spec as { replicas: number }).replicas = replicas;
  tc.cluster.store.update(R.statefulsets, set);
}

async function current(s: Setup): Promise<Topology> {
  const r = await s.hub.readTopology('default', 'web');
  if (r.kind !== 'ok') throw new Error(`no topology: ${r.kind}`);
  return r.value;
}

/** Follows a subscriber: its model after applying every message taken so far. */
function follower(sub: Subscriber, clock: ManualClock) {
  let model: Topology | null = null;
  const ids: number[] = [];
  return {
    get model() { return model; },
    ids,
    async step(): Promise<WireMessage> {
      const m = await take(sub, clock);
      ids.push(m.id);
      if (m.event === 'snapshot') model = withGraph(m.data.topology);
      if (m.event === 'patch') model = applyTopologyPatch(model!, m.data);
      return m;
    },
  };
}

describe('Hub', () => {
  it('serves 100 subscribers from one set of watches, and every one sees the same change', async () => {
    const s = await setup();
    const subs = Array.from({ length: 100 }, () => s.hub.subscribe('default', 'web'));
    const first = await Promise.all(subs.map((sub) => take(sub, s.clock)));
    expect(first.every((m) => m.event === 'snapshot')).toBe(true);
    await until('watching', () => s.tc.cluster.api.watches.size === 9);
    expect(s.hub.stats()).toEqual({ caches: 1, streams: 1, subscribers: 100 });

    scale(s, 3);
    const second = await Promise.all(subs.map((sub) => take(sub, s.clock)));
    const expected = await current(s);
    expect(expected.statefulSet.replicas.desired).toBe(3);
    for (let i = 0; i < subs.length; i++) {
      const snap = first[i];
      const patch = second[i];
      if (snap.event !== 'snapshot' || patch.event !== 'patch') throw new Error('unexpected events');
      expect(applyTopologyPatch(withGraph(snap.data.topology), patch.data)).toEqual(expected);
      expect(patch.id).toBeGreaterThan(snap.id);
    }
    expect(s.tc.cluster.api.watches.size).toBe(9);
  });

  it('sends nothing when nothing in the model changed', async () => {
    const s = await setup();
    const sub = s.hub.subscribe('default', 'web');
    expect((await take(sub, s.clock)).event).toBe('snapshot');
    // Periodic rebuilds, and a change the model does not show (another Service).
    s.clock.advance(5_000);
    s.tc.cluster.store.create(R.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'other', namespace: 'default' }, spec: { ports: [{ port: 1 }] } });
    const lease = s.hub.acquire('default');
    await until('the cache has the new Service', () => lease.cache.get('services', 'other') !== undefined, { clock: s.clock });
    lease.release();
    s.clock.advance(5_000);
    expect(sub.queued).toBe(0);
    // The same check would see a real change.
    scale(s, 5);
    expect((await take(sub, s.clock)).event).toBe('patch');
  });

  it('hands subscribers that start at the same state one snapshot, and a new one once the state or time moved on', async () => {
    const s = await setup({ refreshMs: 3_600_000 });
    const subs = Array.from({ length: 5 }, () => s.hub.subscribe('default', 'web'));
    const first = await Promise.all(subs.map((sub) => take(sub, s.clock)));
    expect(first[0].event).toBe('snapshot');
    // One message object: the SSE layer encodes it once for all of them (sse.ts sseBytes).
    for (const m of first) expect(m).toBe(first[0]);
    expect(await s.hub.subscribe('default', 'web').next()).toBe(first[0]);

    // Later, the same state gets a snapshot with a fresh serverTime (the browser's clock offset).
    s.clock.advance(SNAPSHOT_SHARE_MS + 1);
    const later = await s.hub.subscribe('default', 'web').next();
    if (later?.event !== 'snapshot' || first[0].event !== 'snapshot') throw new Error('expected snapshots');
    expect(later).not.toBe(first[0]);
    expect(later.data.serverTime).toBe(first[0].data.serverTime + SNAPSHOT_SHARE_MS + 1);
    expect(later.data.topology).toEqual(first[0].data.topology);

    // After a change, at once: the new state.
    scale(s, 3);
    expect((await take(subs[0], s.clock)).event).toBe('patch');
    const changed = await s.hub.subscribe('default', 'web').next();
    if (changed?.event !== 'snapshot') throw new Error('expected a snapshot');
    expect(changed.data.topology.statefulSet.replicas.desired).toBe(3);
  });

  it('drops a subscriber that does not read to a fresh snapshot instead of queueing without bound', async () => {
    const s = await setup({ queueLimit: 8 });
    const slow = s.hub.subscribe('default', 'web');
    const fast = follower(s.hub.subscribe('default', 'web'), s.clock);
    await fast.step();
    await take(slow, s.clock);
    // (web starts with 2 replicas.)
    for (let n = 3; n < 30; n++) {
      scale(s, n);
      expect((await fast.step()).event).toBe('patch');
      expect(slow.queued).toBeLessThanOrEqual(8);
    }
    expect(slow.resyncs).toBeGreaterThan(0);
    const expected = await current(s);
    expect(fast.model).toEqual(expected);
    const m = await take(slow, s.clock);
    expect(m.event).toBe('snapshot');
    if (m.event === 'snapshot') expect(withGraph(m.data.topology)).toEqual(expected);
    expect(slow.queued).toBe(0);
  });

  it('replays what a reconnecting client missed, and sends a snapshot when it cannot', async () => {
    const s = await setup({ replayLimit: 4 });
    const watcher = follower(s.hub.subscribe('default', 'web'), s.clock);
    await watcher.step();
    const a = follower(s.hub.subscribe('default', 'web'), s.clock);
    await a.step();
    scale(s, 3);
    await a.step();
    await watcher.step();
    const lastSeenByA = a.ids[a.ids.length - 1];

    // A goes away; the set changes meanwhile.
    scale(s, 4);
    await watcher.step();
    const resumed = s.hub.subscribe('default', 'web', { lastEventId: lastSeenByA });
    const missed = await take(resumed, s.clock);
    expect(missed.event).toBe('patch');
    expect(missed.id).toBe(watcher.ids[watcher.ids.length - 1]);

    const unknown = s.hub.subscribe('default', 'web', { lastEventId: 12345 });
    expect((await take(unknown, s.clock)).event).toBe('snapshot');

    for (let n = 5; n < 11; n++) { scale(s, n); await watcher.step(); }
    const tooOld = s.hub.subscribe('default', 'web', { lastEventId: lastSeenByA });
    const m = await take(tooOld, s.clock);
    expect(m.event).toBe('snapshot');
    if (m.event === 'snapshot') expect(withGraph(m.data.topology)).toEqual(watcher.model);
  });

  it('says `gone` for a set that does not exist, and when the watched set is deleted', async () => {
    const s = await setup();
    const missing = s.hub.subscribe('default', 'nope');
    const m = await take(missing, s.clock);
    expect(m).toMatchObject({ event: 'gone', data: { reason: 'StatefulSet "nope" does not exist in namespace "default"' } });

    const sub = s.hub.subscribe('default', 'web');
    expect((await take(sub, s.clock)).event).toBe('snapshot');
    s.tc.cluster.store.delete(R.statefulsets, 'default', 'web', {});
    expect((await take(sub, s.clock)).event).toBe('gone');
  });

  it('stops watching some time after the last subscriber left, and reuses the upstream before that', async () => {
    const s = await setup({ lingerMs: 10_000 });
    const sub = s.hub.subscribe('default', 'web');
    await take(sub, s.clock);
    sub.close();
    s.clock.advance(9_000);
    const again = s.hub.subscribe('default', 'web');
    expect((await take(again, s.clock)).event).toBe('snapshot');
    await until('watching', () => s.tc.cluster.api.watches.size === 9);
    expect(s.hub.stats().caches).toBe(1);
    again.close();
    s.clock.advance(10_000);
    s.clock.advance(10_000);
    expect(s.hub.stats()).toEqual({ caches: 0, streams: 0, subscribers: 0 });
    await until('watches closed', () => s.tc.cluster.api.watches.size === 0);
  });

  it('tells subscribers when the connection to the cluster is lost', async () => {
    const s = await setup();
    const sub = s.hub.subscribe('default', 'web');
    await take(sub, s.clock);
    await s.tc.cluster.api.close();
    const m = await takeAny(sub, s.clock);
    if (m.event !== 'status') throw new Error(`expected a status, got ${m.event}`);
    expect(m.data.state).toBe('reconnecting');
    expect(m.data.message).toMatch(/cannot reach the cluster's API server/);
  });
});
