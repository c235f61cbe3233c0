// THE TIMELINE HOOK: the hub keeps one recorder per StatefulSet (timeline-recorder.ts in
// production; it outlives the set's stream, so a re-opened stream records no duplicates) and the
// set stream calls it after every rebuild. What observe() returns is sent as `event: timeline`,
// and entries() goes into every snapshot.

import type { KubeObject } from '../kube/types.ts';
import type { TopologyModel } from '../topology/types.ts';
import type { TimelineEntry } from './wire.ts';

export interface TimelineRecorder {
  /**
   * Called after every rebuild with the model sent before (null for the first one), the new one
   * (null while the set does not exist) and the namespace's events that can show on the page
   * (every event about the set among them: eventShown in topology-input.ts); returns the entries
   * this change adds, in order (seq increasing). Must not throw. A refresh that would give the
   * same model from the same objects is skipped (set-stream.ts), so it is not called then.
   */
  observe(prev: TopologyModel | null, next: TopologyModel | null, now: number, events?: readonly KubeObject[]): TimelineEntry[];
  /** Records a user action (an `action` entry); returns the entries added. */
  recordAction(text: string, now: number): TimelineEntry[];
  /** The entries a new subscriber's snapshot starts with (bounded by the recorder). */
  entries(): TimelineEntry[];
}

export type TimelineRecorderFactory = (namespace: string, name: string) => TimelineRecorder;

/** Records nothing (tests of the stream that do not look at the timeline). */
export const noTimeline: TimelineRecorderFactory = () => ({
  observe: () => [],
  recordAction: () => [],
  entries: () => [],
});
