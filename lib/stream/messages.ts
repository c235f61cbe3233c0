// The messages of a StatefulSet stream as the hub handles them before SSE encoding: one wire
// event (wire.ts) with its id. Pure helpers, browser-safe.

import type { ConnectionStatus, Snapshot, TimelineEntry, TopologyPatch } from './wire.ts';

export type WireMessage =
  | { id: number; event: 'snapshot'; data: Snapshot }
  | { id: number; event: 'patch'; data: TopologyPatch }
  | { id: number; event: 'timeline'; data: TimelineEntry[] }
  | { id: number; event: 'status'; data: ConnectionStatus }
  | { id: number; event: 'gone'; data: { reason: string } };

export type WireEvent = WireMessage['event'];

/** The Last-Event-ID header (or query parameter) as an id, or null when absent or malformed. */
export function parseLastEventId(raw: string | null | undefined): number | null {
  if (!raw || !/^\d{1,16}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}
