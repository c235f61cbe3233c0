import { describe, expect, it } from 'vitest';
import { diffTopology } from '../lib/stream/topology-patch.ts';
import type { ConnectionStatus, Snapshot, TimelineEntry } from '../lib/stream/wire.ts';
import { modelOf } from '../lib/topology/graph.ts';
import type { Topology } from '../lib/topology/types.ts';
import { MAX_TIMELINE, type StreamAction, type StreamState, initialStreamState, isRoutineChange, streamReducer } from './stream-state.ts';
import { scaledToThree, seeded, web1Recreating } from './testdata/topologies.ts';

const T = Date.parse('2026-01-01T14:03:00Z');
const LIVE: ConnectionStatus = { state: 'live', since: null, message: null, notices: [] };

function entry(seq: number, text = `entry ${seq}`): TimelineEntry {
  return { seq, at: T + seq, pod: 'web-1', ordinal: 1, transition: 'ready', text, uid: 'u' };
}

function snapshot(topology: Topology, timeline: TimelineEntry[] = [], status = LIVE): Snapshot {
  // As on the wire: the model without its graph.
  return { topology: modelOf(topology), timeline, status, serverTime: T };
}

function run(...actions: StreamAction[]): StreamState {
  return actions.reduce(streamReducer, initialStreamState);
}

describe('streamReducer', () => {
  it('a snapshot brings the topology, the timeline and the server status, and the stream counts as open', () => {
    const s = run({ type: 'snapshot', snapshot: snapshot(seeded(), [entry(1)]), now: T });
    expect(s.topology?.statefulSet.ready).toBe('2/2');
    expect(s.timeline.map((e) => e.seq)).toEqual([1]);
    expect(s.server).toEqual(LIVE);
    expect(s.transport).toEqual({ phase: 'open', since: null, awaitingSnapshot: false });
  });

  it('ignores a patch that arrives before any snapshot', () => {
    const a = seeded();
    const patch = diffTopology(a, web1Recreating(a));
    if (!patch) throw new Error('expected a patch');
    expect(streamReducer(initialStreamState, { type: 'patch', patch })).toBe(initialStreamState);
  });

  it('applies a patch: the changed pod is new, the untouched pod keeps its identity', () => {
    const a = seeded();
    const b = web1Recreating(a);
    const patch = diffTopology(a, b);
    if (!patch) throw new Error('expected a patch');
    const s0 = run({ type: 'snapshot', snapshot: snapshot(a), now: T });
    const s1 = streamReducer(s0, { type: 'patch', patch });
    expect(s1.topology).toEqual(b);
    expect(s1.topology?.pods[0]).toBe(a.pods[0]);
    expect(s1.topology?.pods[1]).not.toBe(a.pods[1]);
    expect(s1.topology?.claims).toBe(a.claims);
  });

  it('returns the same state for a replayed patch that changes nothing', () => {
    const a = seeded();
    const b = web1Recreating(a);
    const patch = diffTopology(a, b);
    if (!patch) throw new Error('expected a patch');
    const s1 = run({ type: 'snapshot', snapshot: snapshot(a), now: T }, { type: 'patch', patch });
    expect(streamReducer(s1, { type: 'patch', patch })).toBe(s1);
  });

  it('keeps the topology object when a resnapshot carries the same model', () => {
    const s1 = run({ type: 'snapshot', snapshot: snapshot(seeded()), now: T });
    const s2 = streamReducer(s1, { type: 'snapshot', snapshot: snapshot(seeded()), now: T + 1000 });
    expect(s2.topology).toBe(s1.topology);
  });

  it('appends timeline entries once, even when a reconnect replays them', () => {
    const s1 = run({ type: 'snapshot', snapshot: snapshot(seeded(), [entry(1)]), now: T }, { type: 'timeline', entries: [entry(2), entry(3)] });
    const s2 = streamReducer(s1, { type: 'timeline', entries: [entry(2), entry(3)] });
    expect(s2).toBe(s1);
    const s3 = streamReducer(s1, { type: 'timeline', entries: [entry(3), entry(4)] });
    expect(s3.timeline.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('keeps at most MAX_TIMELINE entries, dropping the oldest', () => {
    const many = Array.from({ length: MAX_TIMELINE + 5 }, (_, i) => entry(i + 1));
    const s = run({ type: 'snapshot', snapshot: snapshot(seeded()), now: T }, { type: 'timeline', entries: many });
    expect(s.timeline).toHaveLength(MAX_TIMELINE);
    expect(s.timeline[0].seq).toBe(6);
  });

  it('returns the same state for a status equal to the current one', () => {
    const s1 = run({ type: 'snapshot', snapshot: snapshot(seeded()), now: T });
    expect(streamReducer(s1, { type: 'status', status: { ...LIVE, notices: [] } })).toBe(s1);
    const stale: ConnectionStatus = { state: 'stale', since: T, message: 'watch on pods failed', notices: [] };
    expect(streamReducer(s1, { type: 'status', status: stale }).server).toEqual(stale);
  });

  it('marks the stream down on an error, remembering since when, and open again when the browser resumes it', () => {
    const s1 = run({ type: 'snapshot', snapshot: snapshot(seeded()), now: T }, { type: 'error', now: T + 10 }, { type: 'error', now: T + 20 });
    expect(s1.transport).toEqual({ phase: 'down', since: T + 10, awaitingSnapshot: false });
    const s2 = streamReducer(s1, { type: 'open', now: T + 30 });
    expect(s2.transport).toEqual({ phase: 'open', since: null, awaitingSnapshot: false });
  });

  it('a fresh EventSource is not current until its snapshot arrives, even once open', () => {
    const s1 = run(
      { type: 'snapshot', snapshot: snapshot(seeded()), now: T },
      { type: 'error', now: T + 10 },
      { type: 'connecting', resume: false },
      { type: 'open', now: T + 2000 },
    );
    expect(s1.transport.phase).toBe('down');
    const s2 = streamReducer(s1, { type: 'snapshot', snapshot: snapshot(seeded()), now: T + 2100 });
    expect(s2.transport.phase).toBe('open');
  });

  it('a recreated EventSource that resumes from the last event id is current once open', () => {
    const s1 = run(
      { type: 'snapshot', snapshot: snapshot(seeded()), now: T },
      { type: 'error', now: T + 10 },
      { type: 'connecting', resume: true },
      { type: 'open', now: T + 2000 },
    );
    expect(s1.transport).toEqual({ phase: 'open', since: null, awaitingSnapshot: false });
  });

  it('gone drops the graph but keeps the timeline; the next snapshot brings the set back', () => {
    const s1 = run(
      { type: 'snapshot', snapshot: snapshot(seeded(), [entry(1)]), now: T },
      { type: 'gone', reason: 'statefulset "web" was deleted', now: T + 5 },
    );
    expect(s1.topology).toBeNull();
    expect(s1.gone).toBe('statefulset "web" was deleted');
    expect(s1.timeline).toHaveLength(1);
    expect(streamReducer(s1, { type: 'gone', reason: 'statefulset "web" was deleted', now: T + 6 })).toBe(s1);
    const s2 = streamReducer(s1, { type: 'snapshot', snapshot: snapshot(seeded()), now: T + 9 });
    expect(s2.gone).toBeNull();
    expect(s2.topology).not.toBeNull();
  });

  it('records the server clock offset from the snapshot', () => {
    const s = run({ type: 'snapshot', snapshot: snapshot(seeded()), now: T - 2000 });
    expect(s.clockOffset).toBe(2000);
  });

  it('a batch applies its actions in order, as if each had been dispatched', () => {
    const a = seeded();
    const b = web1Recreating(a);
    const actions: StreamAction[] = [
      { type: 'snapshot', snapshot: snapshot(a), now: T },
      { type: 'patch', patch: diffTopology(a, b)! },
      { type: 'timeline', entries: [entry(1), entry(2)] },
    ];
    const batched = streamReducer(initialStreamState, { type: 'batch', actions });
    expect(batched).toEqual(run(...actions));
    expect(batched.topology?.pods[1]).toMatchObject({ name: 'web-1', recreated: true });
    expect(batched.topology?.nodes.find((n) => n.id === 'Pod/default/web-1')?.status).toBe('Pending');
  });

  it('a batch of several patches between other actions comes out as the one-by-one result', () => {
    const a = seeded();
    const b = web1Recreating(a);
    const c = scaledToThree();
    const actions: StreamAction[] = [
      { type: 'snapshot', snapshot: snapshot(a), now: T },
      { type: 'patch', patch: diffTopology(a, b)! },
      { type: 'timeline', entries: [entry(1)] },
      { type: 'patch', patch: diffTopology(b, c)! },
      { type: 'status', status: { ...LIVE, notices: ['n'] } },
      { type: 'patch', patch: diffTopology(c, a)! },
      { type: 'gone', reason: 'statefulset "web" was deleted', now: T + 1 },
      { type: 'patch', patch: diffTopology(a, b)! },
      { type: 'snapshot', snapshot: snapshot(c), now: T + 2 },
      { type: 'patch', patch: diffTopology(c, b)! },
    ];
    for (let end = 2; end <= actions.length; end++) {
      const some = actions.slice(0, end);
      expect(streamReducer(initialStreamState, { type: 'batch', actions: some })).toEqual(run(...some));
    }
    // Back where it started: every node of the first snapshot's graph is the same object again.
    const start = run(actions[0]);
    const round = streamReducer(start, { type: 'batch', actions: actions.slice(1, 6) });
    expect(round.topology?.nodes).toEqual(start.topology?.nodes);
    expect(round.topology?.nodes.every((n, i) => n === start.topology?.nodes[i])).toBe(true);
  });
});

describe('isRoutineChange', () => {
  const patch = (): StreamAction => ({ type: 'patch', patch: diffTopology(seeded(), web1Recreating(seeded()))! });
  const timeline: StreamAction = { type: 'timeline', entries: [entry(1)] };
  const status: StreamAction = { type: 'status', status: LIVE };

  it('changes to the set on screen may render as a transition, alone or batched', () => {
    expect(isRoutineChange(patch())).toBe(true);
    expect(isRoutineChange(timeline)).toBe(true);
    expect(isRoutineChange(status)).toBe(true);
    expect(isRoutineChange({ type: 'batch', actions: [patch(), timeline, status, { type: 'batch', actions: [patch()] }] })).toBe(true);
  });

  it('what changes which set or whether it is current renders at once, also inside a batch', () => {
    const urgent: StreamAction[] = [
      { type: 'snapshot', snapshot: snapshot(seeded()), now: T },
      { type: 'gone', reason: 'statefulset "web" was deleted', now: T },
      { type: 'open', now: T },
      { type: 'error', now: T },
      { type: 'connecting', resume: true },
    ];
    for (const a of urgent) {
      expect(isRoutineChange(a)).toBe(false);
      expect(isRoutineChange({ type: 'batch', actions: [patch(), a, timeline] })).toBe(false);
    }
  });
});
