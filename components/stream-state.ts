// The browser's copy of one StatefulSet's stream: a pure reducer over SSE messages and the
// EventSource's own life (connecting, open, error). Contract: every action that changes nothing
// returns the same state object, so React skips the render; the topology object changes only
// when a snapshot or a patch really changes it, and its unchanged parts keep their identity
// (shareUnchanged), so a resnapshot after a reconnect re-renders nothing that stayed the same.
// Browser clock (`now`) comes in with the actions; nothing here reads the time.

import type { ConnectionStatus, Snapshot, TimelineEntry, TopologyPatch } from '../lib/stream/wire.ts';
import { applyTopologyPatches } from '../lib/stream/topology-patch.ts';
import { withGraph } from '../lib/topology/graph.ts';
import type { Topology } from '../lib/topology/types.ts';
import { shareUnchanged } from './share-unchanged.ts';
import { mergeTimeline } from './timeline/merge-timeline.ts';

/** Timeline entries kept in the browser (oldest dropped first). */
export const MAX_TIMELINE = 1000;

export interface TransportState {
  /** 'open': messages flow and the data is current; 'down': the EventSource failed or is retrying. */
  phase: 'connecting' | 'open' | 'down';
  /** Browser epoch ms since the stream stopped delivering; null while open or before the first connection. */
  since: number | null;
  /** A fresh EventSource (no last event id) starts with a snapshot: until it arrives, the data on screen is old. */
  awaitingSnapshot: boolean;
}

export interface StreamState {
  topology: Topology | null;
  timeline: TimelineEntry[];
  /** The server's own connection to the cluster (from snapshot and `status` events). */
  server: ConnectionStatus | null;
  transport: TransportState;
  /** Why the StatefulSet is not shown: it does not exist (any more). Cleared by the next snapshot. */
  gone: string | null;
  /** serverTime - browser time at the last snapshot, to show server timestamps in browser time. */
  clockOffset: number;
}

export type StreamAction =
  /** A new EventSource; `resume` when it carries the last event id (the server replays or resnapshots). */
  | { type: 'connecting'; resume: boolean }
  | { type: 'open'; now: number }
  | { type: 'error'; now: number }
  | { type: 'snapshot'; snapshot: Snapshot; now: number }
  | { type: 'patch'; patch: TopologyPatch }
  | { type: 'timeline'; entries: TimelineEntry[] }
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'gone'; reason: string; now: number }
  /** Several of the above, applied in order, rendered once (use-topology-stream batches per frame). */
  | { type: 'batch'; actions: StreamAction[] };

export const initialStreamState: StreamState = {
  topology: null,
  timeline: [],
  server: null,
  transport: { phase: 'connecting', since: null, awaitingSnapshot: true },
  gone: null,
  clockOffset: 0,
};

/**
 * Whether the action only brings changes to a set already on screen (patches, timeline entries,
 * the server's status): the page renders those as a React transition, which React renders in
 * slices and may interrupt, so a storm of changes on a large set does not block input or frames
 * for the whole render. The first snapshot, a resnapshot, `gone` and the connection's own state
 * render at once: they change what the page is about.
 */
export function isRoutineChange(action: StreamAction): boolean {
  switch (action.type) {
    case 'patch':
    case 'timeline':
    case 'status':
      return true;
    case 'batch':
      return action.actions.every(isRoutineChange);
    default:
      return false;
  }
}

export function streamReducer(state: StreamState, action: StreamAction): StreamState {
  switch (action.type) {
    case 'batch':
      return reduceBatch(state, action.actions);
    case 'connecting':
      return withTransport(state, { ...state.transport, awaitingSnapshot: !action.resume });
    case 'open':
      // A fresh EventSource is not current until its snapshot; a resumed one (Last-Event-ID) is,
      // because the server replays what it missed, or resnapshots, before anything else.
      if (state.transport.awaitingSnapshot) return state;
      return withTransport(state, { phase: 'open', since: null, awaitingSnapshot: false });
    case 'error':
      return withTransport(state, {
        phase: state.transport.phase === 'connecting' ? 'connecting' : 'down',
        since: state.transport.since ?? action.now,
        awaitingSnapshot: state.transport.awaitingSnapshot,
      });
    case 'snapshot':
      return {
        topology: shareUnchanged(state.topology, withGraph(action.snapshot.topology, state.topology)),
        timeline: action.snapshot.timeline.slice(-MAX_TIMELINE),
        server: action.snapshot.status,
        transport: { phase: 'open', since: null, awaitingSnapshot: false },
        gone: null,
        clockOffset: action.snapshot.serverTime - action.now,
      };
    case 'patch':
      return withPatches(state, [action.patch]);
    case 'timeline':
      return appendTimeline(state, action.entries);
    case 'status':
      return sameStatus(state.server, action.status) ? state : { ...state, server: action.status };
    case 'gone':
      if (state.gone === action.reason && state.topology === null) return state;
      // Keep the timeline (it tells what happened), drop the graph: it no longer exists.
      return { ...state, topology: null, gone: action.reason, transport: { phase: 'open', since: null, awaitingSnapshot: false } };
  }
}

/**
 * The actions in order, except that the patches of a batch derive the graph once
 * (applyTopologyPatches): they are applied together where the next action that replaces the
 * topology (snapshot, gone) comes, or at the end. The actions between them (timeline, status,
 * transport) neither read nor write the topology, so the result is the one-by-one result.
 */
function reduceBatch(state: StreamState, actions: readonly StreamAction[]): StreamState {
  let s = state;
  let patches: TopologyPatch[] = [];
  for (const a of actions) {
    if (a.type === 'patch') {
      patches.push(a.patch);
      continue;
    }
    if (a.type === 'snapshot' || a.type === 'gone' || a.type === 'batch') {
      s = withPatches(s, patches);
      patches = [];
    }
    s = streamReducer(s, a);
  }
  return withPatches(s, patches);
}

/** The state after the patches (none before the first snapshot); the same state when nothing changed. */
function withPatches(state: StreamState, patches: readonly TopologyPatch[]): StreamState {
  if (state.topology === null || patches.length === 0) return state;
  const topology = shareUnchanged(state.topology, applyTopologyPatches(state.topology, patches));
  return topology === state.topology ? state : { ...state, topology };
}

function withTransport(state: StreamState, transport: TransportState): StreamState {
  const t = state.transport;
  if (t.phase === transport.phase && t.since === transport.since && t.awaitingSnapshot === transport.awaitingSnapshot) return state;
  return { ...state, transport };
}

function appendTimeline(state: StreamState, entries: readonly TimelineEntry[]): StreamState {
  // Replays after a reconnect may repeat entries: merged by seq, each kept once.
  const timeline = mergeTimeline(state.timeline, entries, MAX_TIMELINE);
  return timeline === state.timeline ? state : { ...state, timeline };
}

function sameStatus(a: ConnectionStatus | null, b: ConnectionStatus): boolean {
  return a !== null && a.state === b.state && a.since === b.since && a.message === b.message
    && a.notices.length === b.notices.length && a.notices.every((n, i) => n === b.notices[i]);
}
