// The SSE wire contract between the server (lib/stream hub, app/api/.../watch route) and the
// browser (components/). Types only plus pure helpers: this module is bundled into the page, so
// it must not import anything with I/O or Node built-ins.
//
// Stream: GET /api/namespaces/{ns}/statefulsets/{name}/watch  (text/event-stream)
//   id: <n>            every message except pings carries an increasing id (per server process)
//   event: snapshot    data: Snapshot      first message, and after any gap (resync)
//                      The topology travels without its graph (nodes, edges): the browser derives
//                      it with withGraph (lib/topology/graph.ts), so each fact crosses the wire once.
//   event: patch       data: TopologyPatch changes since the previous message
//   event: timeline    data: TimelineEntry[] new timeline entries (issue 5), in order
//   event: status      data: ConnectionStatus  the server's connection to the cluster changed
//   event: gone        data: { reason: string } the StatefulSet does not exist (any more)
//   : ping             every 15 s
// A reconnecting browser sends Last-Event-ID; the server replays what it missed from its bounded
// buffer, or sends a fresh snapshot when the id is too old or unknown (e.g. server restarted).

import type { ClaimInfo, PodSlot, ServiceInfo, StatefulSetInfo, TopologyModel, WarningEvent } from '../topology/types.ts';

export type ConnectionState = 'live' | 'reconnecting' | 'stale';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Epoch ms since when the data may be out of date (state != live). */
  since: number | null;
  /** Plain-language detail, e.g. "watch on pods failed: connection refused; retrying in 2 s". */
  message: string | null;
  /** Degradations that do not make data stale, e.g. "PersistentVolumes: forbidden by RBAC". */
  notices: string[];
}

/** Pod transition kinds recorded in the timeline (issue 5). */
export type Transition =
  | 'created' | 'scheduled' | 'container-creating' | 'running' | 'ready' | 'not-ready'
  | 'deleted' | 'gone' | 'failed' | 'succeeded' | 'event' | 'action';

export interface TimelineEntry {
  /** Unique and increasing per StatefulSet on one server. */
  seq: number;
  /** Epoch ms when the server observed it. */
  at: number;
  /** Pod name, or null for set-level entries (events about the set, user actions). */
  pod: string | null;
  ordinal: number | null;
  transition: Transition;
  /** Readable sentence, e.g. "web-1 became Ready (10.244.1.8)". */
  text: string;
  uid: string | null;
}

export interface Snapshot {
  topology: TopologyModel;
  timeline: TimelineEntry[];
  status: ConnectionStatus;
  /** Server's clock when the snapshot was built (epoch ms), for relative ages. */
  serverTime: number;
}

/** Keyed list changes: upsert by id, remove by id, and the full id order when it changed. */
export interface ListPatch<T> {
  upsert: T[];
  remove: string[];
  order: string[] | null;
}

export interface TopologyPatch {
  statefulSet?: StatefulSetInfo;
  service?: ServiceInfo | null;
  explanations?: string[];
  warningEvents?: WarningEvent[];
  pvAccess?: TopologyModel['pvAccess'];
  pods?: ListPatch<PodSlot>;
  claims?: ListPatch<ClaimInfo>;
}
