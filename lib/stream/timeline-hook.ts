// THE TIMELINE HOOK (issue 5 plugs the timeline recorder in here). The hub calls a recorder per
// StatefulSet stream after every recompute; what it returns is sent as `event: timeline`, and
// entries() goes into every snapshot. Until the recorder exists, noTimeline records nothing and
// snapshots carry `timeline: []`.

import type { Topology } from '../topology/types.ts';
import type { TimelineEntry } from './wire.ts';

export interface TimelineRecorder {
  /**
   * Called after every recompute with the model sent before (null for the first one) and the new
   * one; returns the entries this change adds, in order (seq increasing). Must not throw.
   */
  observe(prev: Topology | null, next: Topology, now: number): TimelineEntry[];
  /** The entries a new subscriber's snapshot starts with (bounded by the recorder). */
  entries(): TimelineEntry[];
}

export type TimelineRecorderFactory = (namespace: string, name: string) => TimelineRecorder;

export const noTimeline: TimelineRecorderFactory = () => ({
  observe: () => [],
  entries: () => [],
});
