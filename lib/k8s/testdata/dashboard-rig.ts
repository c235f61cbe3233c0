// Test rig for the fault tests: the embedded cluster (controllers at 'instant' speed), the
// dashboard's hub and namespace cache on the real client-node transport, and a "browser" that
// folds the hub's messages with the page's own reducer (components/stream-state.ts) and reads the
// connection indicator through connectionView. One ManualClock drives all of it (controllers,
// fault delays and downtime, backoff, watchdog, stale timer); only socket I/O takes real time.
// Test-only.

import { connectionView, type ConnectionView } from '../../../components/connection-view.ts';
import { initialStreamState, streamReducer, type StreamState } from '../../../components/stream-state.ts';
import type { KubeObject } from '../../kube/types.ts';
import type { RequestInterceptor } from '../../sim/api/server.ts';
import { ManualClock } from '../../sim/clock.ts';
import { R } from '../../sim/resources.ts';
import { Hub } from '../../stream/hub.ts';
import type { WireMessage } from '../../stream/messages.ts';
import { timelineRecorders } from '../../stream/timeline-recorder.ts';
import type { ConnectionStatus } from '../../stream/wire.ts';
import type { PodInfo } from '../../topology/types.ts';
import { NamespaceCache } from '../namespace-cache.ts';
import { startTestCluster, type TestCluster } from './cluster.ts';

export const NS = 'default';
export const SET = 'web';

/** What "exact cluster state" means for the pods of a set: who exists, which incarnation, how it is doing. */
export interface PodFact {
  name: string;
  uid: string;
  phase: string;
  terminating: boolean;
}

const byName = (a: PodFact, b: PodFact) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function podFact(p: KubeObject): PodFact {
  return {
    name: p.metadata.name ?? '',
    uid: p.metadata.uid ?? '',
    phase: String((p.status as { phase?: string } | undefined)?.phase ?? ''),
    terminating: Boolean(p.metadata.deletionTimestamp),
  };
}

export interface DashboardRig {
  clock: ManualClock;
  tc: TestCluster;
  hub: Hub;
  cache: NamespaceCache;
  /** Each time the indicator turned "Live" while the browser still showed older pods than the cache's. */
  liveWithOldData: string[];
  /** Every message the browser received, in order. */
  received: WireMessage[];
  /** The browser's state after the messages so far. */
  readonly state: StreamState;
  /** The connection indicator now. */
  view(): ConnectionView;
  /** Pods of the set as the store has them (the truth). */
  storePods(): PodFact[];
  /** Pods of the set in the namespace cache. */
  cachePods(): PodFact[];
  /** Pods the browser shows (real pods, not placeholders). */
  shownPods(): PodFact[];
  /** The browser shows exactly what the store holds, and so does the cache. */
  converged(): boolean;
  /** The browser loses its stream (as EventSource's error). */
  disconnect(): Promise<void>;
  /** A new stream: with the last event id seen (resume) or without (a fresh page). */
  reconnect(opts: { resume: boolean }): void;
  /** Lets I/O run and the clock move (stepMs per round) until cond holds; returns clock ms spent. */
  until(what: string, cond: () => boolean, opts?: { stepMs?: number; maxClockMs?: number; onStep?: () => void }): Promise<number>;
  /** Lets I/O run and moves the clock by ms in small steps. */
  run(ms: number, onStep?: () => void): Promise<void>;
  stop(): Promise<void>;
}

function ownedBySet(p: KubeObject): boolean {
  return (p.metadata.ownerReferences ?? []).some((o) => o.kind === 'StatefulSet' && o.name === SET);
}

export async function startDashboardRig(opts: { apiPort?: number; interceptors?: RequestInterceptor[] } = {}): Promise<DashboardRig> {
  const clock = new ManualClock(Date.now());
  // Bookmarks come on the real clock; frequent ones keep the watchdog (on the fast manual clock) quiet.
  const tc = await startTestCluster({ empty: false, speed: 'instant', clock, bookmarkIntervalMs: 250, apiPort: opts.apiPort, interceptors: opts.interceptors });
  const hub = new Hub({
    clock,
    timeline: timelineRecorders,
    openCache: (namespace) => new NamespaceCache({ namespace, transport: tc.transport, clock, random: () => 0.5 }),
  });
  const cache = hub.pin(NS);
  const received: WireMessage[] = [];
  let state: StreamState = streamReducer(initialStreamState, { type: 'connecting', resume: false });
  let stopped = false;
  // What the cache held each time it turned live (captured in the same synchronous dispatch as
  // the stream's `status` message): the browser must show exactly that when it turns "Live".
  const liveCaptures: PodFact[][] = [];
  const liveWithOldData: string[] = [];
  const fold = (m: WireMessage) => {
    received.push(m);
    const now = clock.now();
    const expected = m.event === 'status' && m.data.state === 'live' && state.server?.state !== 'live' ? liveCaptures.shift() : undefined;
    const wasLive = connectionView(state, now).state === 'live';
    // A snapshot carries its own status: consistent by construction.
    if (m.event === 'snapshot' && m.data.status.state === 'live') liveCaptures.length = 0;
    switch (m.event) {
      case 'snapshot': state = streamReducer(state, { type: 'snapshot', snapshot: m.data, now }); break;
      case 'patch': state = streamReducer(state, { type: 'patch', patch: m.data }); break;
      case 'timeline': state = streamReducer(state, { type: 'timeline', entries: m.data }); break;
      case 'status': state = streamReducer(state, { type: 'status', status: m.data }); break;
      case 'gone': state = streamReducer(state, { type: 'gone', reason: m.data.reason, now }); break;
    }
    if (expected && !wasLive && connectionView(state, now).state === 'live' && JSON.stringify(expected) !== JSON.stringify(shownPods())) {
      liveWithOldData.push(`"Live" at ${now} while showing ${JSON.stringify(shownPods())}; the cluster had ${JSON.stringify(expected)}`);
    }
  };
  // One "EventSource": a hub subscription whose messages are folded as the page folds them.
  const connect = (lastEventId: number | null) => {
    const sub = hub.subscribe(NS, SET, { lastEventId });
    const pump = (async () => {
      for (;;) {
        const m = await sub.next();
        if (m === null || stopped) return;
        fold(m);
      }
    })();
    return { sub, pump };
  };
  let conn = connect(null);
  let cacheLive = cache.status().state === 'live';
  cache.subscribe((c) => {
    if (c.type !== 'status') return;
    const live = cache.status().state === 'live';
    if (live && !cacheLive) liveCaptures.push(cachePods());
    cacheLive = live;
  });
  const storePods = () => tc.cluster.store.list(R.pods, NS).filter(ownedBySet).map(podFact).sort(byName);
  const cachePods = () => cache.list('pods').filter(ownedBySet).map(podFact).sort(byName);
  const shownPods = () => (state.topology?.pods ?? [])
    .filter((p): p is PodInfo => !p.placeholder)
    .map((p) => ({ name: p.name, uid: p.uid, phase: p.phase, terminating: p.terminating }))
    .sort(byName);
  const same = (a: PodFact[], b: PodFact[]) => JSON.stringify(a) === JSON.stringify(b);

  const rig: DashboardRig = {
    clock, tc, hub, cache, received, liveWithOldData,
    get state() { return state; },
    view: () => connectionView(state, clock.now()),
    storePods, cachePods, shownPods,
    converged: () => {
      const truth = storePods();
      return same(truth, cachePods()) && same(truth, shownPods()) && cache.status().state === 'live';
    },
    async until(what, cond, o = {}) {
      const start = clock.now();
      const deadline = Date.now() + 20_000;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error(`timed out (real time) waiting for: ${what}`);
        if (o.maxClockMs !== undefined && clock.now() - start > o.maxClockMs) {
          throw new Error(`not within ${o.maxClockMs} ms (clock): ${what}`);
        }
        clock.advance(o.stepMs ?? 10);
        await new Promise((r) => setTimeout(r, 2));
        o.onStep?.();
      }
      return clock.now() - start;
    },
    async run(ms, onStep) {
      const end = clock.now() + ms;
      while (clock.now() < end) {
        clock.advance(Math.min(25, end - clock.now()));
        await new Promise((r) => setTimeout(r, 2));
        onStep?.();
      }
    },
    async disconnect() {
      conn.sub.close();
      await conn.pump;
      state = streamReducer(state, { type: 'error', now: clock.now() });
    },
    reconnect(opts) {
      const last = received.length > 0 ? received[received.length - 1].id : null;
      const lastEventId = opts.resume ? last : null;
      state = streamReducer(state, { type: 'connecting', resume: lastEventId !== null });
      state = streamReducer(state, { type: 'open', now: clock.now() });
      conn = connect(lastEventId);
    },
    async stop() {
      stopped = true;
      conn.sub.close();
      hub.stop();
      await conn.pump;
      await tc.stop();
    },
  };
  return rig;
}

/** The states a ConnectionStatus went through (a change of `since` alone is not a new state). */
export function statusTrail(cache: NamespaceCache): { trail: ConnectionStatus[] } {
  const out = { trail: [cache.status()] };
  cache.subscribe((c) => {
    if (c.type !== 'status') return;
    const s = cache.status();
    const last = out.trail[out.trail.length - 1];
    if (last.state !== s.state) out.trail.push(s);
  });
  return out;
}
