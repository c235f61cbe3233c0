// The dashboard under every fault the embedded cluster can inject (lib/sim/faults), through the
// real path: client-node transport -> reflectors -> NamespaceCache -> hub -> set stream -> the
// page's reducer and connection indicator (components/stream-state.ts, connection-view.ts).
// For each fault:
// - the indicator says what is happening: "Reconnecting…" while the cache retries, "Stale since
//   hh:mm:ss" (since = the first failure) once that lasts, never "Live" while the cache is not
//   live, and never "Live" over pods older than the cache's when it turns live again;
// - pods deleted and created during the fault end up exactly as the store has them (names, uids,
//   phase, terminating) in the cache and in the browser, within 5 s of clock time after the fault
//   clears, and the indicator is "Live" again;
// - the timeline records each pod transition once (no duplicates from relists or resyncs);
// - a browser that lost its stream resumes with Last-Event-ID (only what it missed) or, when
//   the server no longer has that, a snapshot.
// One ManualClock drives the cluster, the fault injector and the dashboard; sockets are real.

import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clockTime } from '../../components/format.ts';
import type { KubeObject } from '../kube/types.ts';
import { R } from '../sim/resources.ts';
import { NS, SET, startDashboardRig, statusTrail, type DashboardRig } from './testdata/dashboard-rig.ts';

const rigs: DashboardRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
});

const CONVERGE_MS = 5_000;
const PODS_PATH = `/api/v1/namespaces/${NS}/pods`;

/** Counts list requests for the pods collection (not watches). */
function podLists() {
  const counter = { lists: 0 };
  const interceptor = (_req: IncomingMessage, _res: ServerResponse, url: URL): boolean => {
    if (url.pathname === PODS_PATH && !url.searchParams.get('watch')) counter.lists++;
    return false;
  };
  return { counter, interceptor };
}

async function rig(opts: Parameters<typeof startDashboardRig>[0] = {}): Promise<DashboardRig> {
  const r = await startDashboardRig(opts);
  rigs.push(r);
  await r.until('the browser shows web-0 and web-1 Running, live', () =>
    r.converged() && r.shownPods().length === 2 && r.shownPods().every((p) => p.phase === 'Running') && r.view().state === 'live'
    && r.tc.cluster.api.watches.size === 9);
  return r;
}

/** What happens in the cluster while the dashboard cannot follow: a pod replaced, one added. */
function changeTheCluster(r: DashboardRig): { oldUid: string } {
  const { store } = r.tc.cluster;
  const oldUid = store.get(R.pods, NS, `${SET}-1`)?.metadata.uid ?? '';
  store.delete(R.pods, NS, `${SET}-1`, { gracePeriodSeconds: 0 });
  const set = structuredClone(store.get(R.statefulsets, NS, SET)) as KubeObject & { spec: { replicas: number } };
  set.spec.replicas = 3;
  store.update(R.statefulsets, set);
  return { oldUid };
}

/** A check to run at every step: the indicator is never "Live" while the cache is not. */
function neverLiveWhileBroken(r: DashboardRig): { onStep: () => void; violations: string[] } {
  const violations: string[] = [];
  return {
    violations,
    onStep: () => {
      const s = r.cache.status();
      if (s.state !== 'live' && r.view().state === 'live') violations.push(`cache ${s.state} but the indicator says Live at ${r.clock.now()}`);
    },
  };
}

/** Converged: exact pods in cache and browser, Live, within CONVERGE_MS of clock time. */
async function convergesAfterClear(r: DashboardRig, guard: { onStep: () => void; violations: string[] }, change: { oldUid: string }): Promise<number> {
  const spent = await r.until('the browser shows exactly the store’s pods, live', () =>
    r.converged() && r.storePods().length === 3 && r.storePods().every((p) => p.phase === 'Running') && r.view().state === 'live',
  { maxClockMs: CONVERGE_MS, onStep: guard.onStep });
  expect(r.shownPods().map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
  expect(r.shownPods().map((p) => p.uid)).not.toContain(change.oldUid);
  expect(r.view().text).toBe('Live');
  expect(r.liveWithOldData).toEqual([]);
  expect(guard.violations).toEqual([]);
  return spent;
}

/** Each pod transition recorded once: no (uid, transition) twice, no seq twice. */
function expectNoDuplicateTimeline(r: DashboardRig): void {
  const entries = r.state.timeline;
  const seqs = entries.map((e) => e.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  const keys = entries.filter((e) => e.uid !== null).map((e) => `${e.pod} ${e.uid} ${e.transition}`);
  const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
  expect(dupes).toEqual([]);
  // The pod replaced during the fault is in it: the new web-1 and web-2 were created.
  expect(entries.some((e) => e.pod === 'web-2' && e.transition === 'created')).toBe(true);
}

describe('API server restart (same port)', () => {
  it('says Reconnecting…, then Stale since the first failure, never Live; converges within 5 s of coming back', async () => {
    const r = await rig();
    const trail = statusTrail(r.cache);
    const guard = neverLiveWhileBroken(r);
    const restarted = r.tc.cluster.faults.restart(20_000);
    await r.until('reconnecting', () => r.view().state === 'reconnecting', { maxClockMs: 2_000, onStep: guard.onStep });
    const since = r.cache.status().since!;
    expect(r.view().text).toBe('Reconnecting…');
    expect(r.cache.status().message).toMatch(/cannot reach the cluster's API server.*retrying in/);
    const change = changeTheCluster(r);
    await r.until('stale', () => r.view().state === 'stale', { maxClockMs: 16_000, stepMs: 50, onStep: guard.onStep });
    expect(r.view().text).toBe(`Stale since ${clockTime(since)}`);
    // Still the old data, clearly marked: the deleted incarnation is shown, but not as live.
    expect(r.shownPods().map((p) => p.uid)).toContain(change.oldUid);
    let back = false;
    void restarted.then(() => { back = true; });
    await r.until('the API server is back', () => back, { stepMs: 50, onStep: guard.onStep });
    await convergesAfterClear(r, guard, change);
    expect(trail.trail.map((s) => s.state)).toEqual(['live', 'reconnecting', 'stale', 'live']);
    expect(trail.trail[2].since).toBe(since);
    // The browser's stream survived the informers' restart: one snapshot, then patches.
    expect(r.received.filter((m) => m.event === 'snapshot')).toHaveLength(1);
    expectNoDuplicateTimeline(r);
  });
});

describe('drop watches', () => {
  it('resumes every watch from its resourceVersion: no relist, never stale, exact state', async () => {
    const { counter, interceptor } = podLists();
    const r = await rig({ interceptors: [interceptor] });
    const trail = statusTrail(r.cache);
    const guard = neverLiveWhileBroken(r);
    const lists = counter.lists;
    expect(r.tc.cluster.faults.dropWatches()).toBe(9);
    const change = changeTheCluster(r);
    await convergesAfterClear(r, guard, change);
    expect(counter.lists).toBe(lists);
    expect(trail.trail.map((s) => s.state)).toEqual(['live']);
    expectNoDuplicateTimeline(r);
  });
});

describe('the next watch answers 410 Expired', () => {
  it('relists at once (no failure shown) and shows exactly the new state', async () => {
    const { counter, interceptor } = podLists();
    const r = await rig({ interceptors: [interceptor] });
    const trail = statusTrail(r.cache);
    const guard = neverLiveWhileBroken(r);
    const lists = counter.lists;
    r.tc.cluster.faults.expireNextWatch(9);
    r.tc.cluster.faults.dropWatches();
    const change = changeTheCluster(r);
    await convergesAfterClear(r, guard, change);
    expect(counter.lists).toBe(lists + 1);
    expect(r.tc.cluster.faults.list()).toEqual([]);
    expect(trail.trail.map((s) => s.state)).toEqual(['live']);
    expectNoDuplicateTimeline(r);
  });
});

describe('compaction', () => {
  it('watches resuming from a compacted resourceVersion relist; the state is exact', async () => {
    const { counter, interceptor } = podLists();
    const r = await rig({ interceptors: [interceptor] });
    const trail = statusTrail(r.cache);
    const guard = neverLiveWhileBroken(r);
    const lists = counter.lists;
    r.tc.cluster.faults.dropWatches();
    const change = changeTheCluster(r);
    r.tc.cluster.faults.compact();
    await convergesAfterClear(r, guard, change);
    expect(counter.lists).toBe(lists + 1);
    expect(trail.trail.map((s) => s.state)).toEqual(['live']);
    expectNoDuplicateTimeline(r);
  });
});

describe.each([
  { code: 500 as const, message: /listing \w+ failed: .*Internal error occurred: the embedded cluster failed this request on purpose/ },
  { code: 429 as const, message: /listing \w+ failed: .*Too many requests/ },
])('the next lists fail with $code', ({ code, message }) => {
  it('says Reconnecting… with the cause while lists fail, then converges within 5 s of the last failure', async () => {
    const r = await rig();
    const trail = statusTrail(r.cache);
    const guard = neverLiveWhileBroken(r);
    // Every kind relists (410), and the next 20 gets/lists fail: two or three per kind.
    r.tc.cluster.faults.failNext(20, code, 1);
    r.tc.cluster.faults.expireNextWatch(9);
    r.tc.cluster.faults.dropWatches();
    const change = changeTheCluster(r);
    await r.until('reconnecting', () => r.view().state === 'reconnecting', { maxClockMs: 1_000, onStep: guard.onStep });
    expect(r.view().text).toBe('Reconnecting…');
    expect(r.cache.status().message).toMatch(message);
    await r.until('every failure served', () => r.tc.cluster.faults.list().length === 0, { onStep: guard.onStep });
    await convergesAfterClear(r, guard, change);
    expect(trail.trail.map((s) => s.state)).toEqual(['live', 'reconnecting', 'live']);
    expectNoDuplicateTimeline(r);
  });
});

describe('delay', () => {
  it('a request slower than the watchdog shows Reconnecting…, then Stale; converges within 5 s of clearing', async () => {
    const r = await rig();
    const trail = statusTrail(r.cache);
    const guard = neverLiveWhileBroken(r);
    r.tc.cluster.faults.delay(60_000);
    r.tc.cluster.faults.dropWatches();
    const change = changeTheCluster(r);
    // The re-watches are not answered: the watchdog gives up on them after 30 s.
    await r.until('reconnecting', () => r.view().state === 'reconnecting', { maxClockMs: 31_000, stepMs: 50, onStep: guard.onStep });
    expect(r.cache.status().message).toMatch(/the API server did not answer the watch for 30 s/);
    await r.until('stale', () => r.view().state === 'stale', { maxClockMs: 16_000, stepMs: 50, onStep: guard.onStep });
    r.tc.cluster.faults.clear();
    await convergesAfterClear(r, guard, change);
    expect(trail.trail.map((s) => s.state)).toEqual(['live', 'reconnecting', 'stale', 'live']);
    expectNoDuplicateTimeline(r);
  });
});

describe('watches that hang without a byte', () => {
  it('converges within 5 s of the hang ending (clear)', async () => {
    const r = await rig();
    const guard = neverLiveWhileBroken(r);
    expect(r.tc.cluster.faults.hangWatches()).toBe(9);
    const change = changeTheCluster(r);
    await r.run(10_000, guard.onStep);
    // Nothing arrived through the hung watches.
    expect(r.cachePods().map((p) => p.uid)).toContain(change.oldUid);
    r.tc.cluster.faults.clear();
    await convergesAfterClear(r, guard, change);
    expectNoDuplicateTimeline(r);
  });

  it('the watchdog resumes a hung watch by itself (30 s of silence), losing nothing', async () => {
    const r = await rig();
    const guard = neverLiveWhileBroken(r);
    r.tc.cluster.faults.hangWatches();
    const change = changeTheCluster(r);
    await r.run(25_000, guard.onStep);
    expect(r.cachePods().map((p) => p.uid)).toContain(change.oldUid);
    await r.until('resumed by the watchdog', () => r.converged(), { maxClockMs: 10_000, stepMs: 50, onStep: guard.onStep });
    await convergesAfterClear(r, guard, change);
    expectNoDuplicateTimeline(r);
  });

  it('a new watch that sends its headers and then nothing is resumed too', async () => {
    const r = await rig();
    const guard = neverLiveWhileBroken(r);
    r.tc.cluster.faults.hangWatches({ next: true });
    for (const w of [...r.tc.cluster.api.watches]) if (w.resource === R.pods) w.drop();
    const change = changeTheCluster(r);
    await r.until('the watchdog resumed the hung pods watch', () => r.converged() && r.storePods().length === 3, { maxClockMs: 35_000, stepMs: 50, onStep: guard.onStep });
    await convergesAfterClear(r, guard, change);
    expectNoDuplicateTimeline(r);
  });
});

describe('a long API server outage', () => {
  it('converges within 5 s of the server coming back after 40 s down', async () => {
    const r = await rig();
    const guard = neverLiveWhileBroken(r);
    const restarted = r.tc.cluster.faults.restart(40_000);
    let back = false;
    void restarted.then(() => { back = true; });
    await r.until('reconnecting', () => r.view().state === 'reconnecting', { maxClockMs: 2_000, onStep: guard.onStep });
    const change = changeTheCluster(r);
    await r.until('the API server is back', () => back, { stepMs: 50, onStep: guard.onStep });
    await convergesAfterClear(r, guard, change);
  });
});

describe('the browser loses its stream during a fault', () => {
  it('resumes with Last-Event-ID: gets only what it missed, converges, no duplicates', async () => {
    const r = await rig();
    const guard = neverLiveWhileBroken(r);
    const restarted = r.tc.cluster.faults.restart(3_000);
    let back = false;
    void restarted.then(() => { back = true; });
    await r.until('reconnecting', () => r.view().state === 'reconnecting', { maxClockMs: 2_000, onStep: guard.onStep });
    await r.disconnect();
    const lost = r.clock.now();
    const lastSeen = r.received[r.received.length - 1].id;
    const change = changeTheCluster(r);
    await r.run(5_000);
    // The page's own view: the stream is down too, for longer than the grace period.
    expect(r.view().state).toBe('stale');
    expect(r.view().since).toBeLessThanOrEqual(lost);
    await r.until('the API server is back', () => back, { stepMs: 50 });
    const before = r.received.length;
    r.reconnect({ resume: true });
    await convergesAfterClear(r, guard, change);
    const after = r.received.slice(before);
    expect(after.map((m) => m.event)).not.toContain('snapshot');
    expect(after[0].id).toBeGreaterThan(lastSeen);
    const ids = r.received.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expectNoDuplicateTimeline(r);
  });

  it('gets a fresh snapshot when the server no longer has what it missed', async () => {
    const r = await rig();
    const guard = neverLiveWhileBroken(r);
    await r.disconnect();
    const change = changeTheCluster(r);
    // Longer than the hub keeps an idle stream (10 s): the missed messages are gone.
    await r.run(15_000);
    const before = r.received.length;
    r.reconnect({ resume: true });
    await convergesAfterClear(r, guard, change);
    expect(r.received.slice(before).find((m) => m.event !== 'status')?.event).toBe('snapshot');
    expectNoDuplicateTimeline(r);
  });
});
