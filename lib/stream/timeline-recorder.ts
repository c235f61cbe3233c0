// The timeline of one StatefulSet: the recorder the hub plugs into every set stream
// (timeline-hook.ts). Contract:
// - Entries are numbered 1, 2, 3... (seq, per set, never reused) and stamped with the time the
//   server observed them; at most `limit` (500) are kept, oldest dropped first.
// - Each change is recorded once. The recorder compares with ITS OWN memory of the last
//   observation (pod marks, events seen by uid and count), not with the model it is handed, so
//   an informer relist, a restarted namespace cache or a re-opened set stream (same recorder,
//   kept by the hub) adds nothing when nothing changed. SSE reconnects never reach it: they
//   replay or re-snapshot what was already recorded.
// - The first observation of a set that was never seen absent is a baseline: the pods and
//   events already there are remembered, not recorded (the page was opened on a running set).
//   A set first seen absent (the page was opened before `kubectl create`) records everything
//   from its first appearance.

import type { KubeObject } from '../kube/types.ts';
import type { Topology } from '../topology/types.ts';
import { podFacts, podMarks, setEvents, type Fact, type PodMark } from './timeline.ts';
import type { TimelineRecorder, TimelineRecorderFactory } from './timeline-hook.ts';
import type { TimelineEntry } from './wire.ts';

export const TIMELINE_LIMIT = 500;
const SEEN_EVENTS_LIMIT = 2_000;

export class TimelineLog implements TimelineRecorder {
  private readonly limit: number;
  private log: TimelineEntry[] = [];
  private seq = 0;
  private marks = new Map<string, PodMark>();
  /** Names that ever had a pod here: a new pod of such a name is a re-creation. */
  private readonly names = new Set<string>();
  /** Event key -> highest count recorded (insertion order = age, for the bound). */
  private readonly seenEvents = new Map<string, number>();
  private observed = false;
  private sawAbsent = false;

  constructor(opts: { limit?: number } = {}) {
    this.limit = Math.max(1, opts.limit ?? TIMELINE_LIMIT);
  }

  observe(_prev: Topology | null, next: Topology | null, now: number, events: readonly KubeObject[] = []): TimelineEntry[] {
    if (!next) {
      this.sawAbsent = true;
      return [];
    }
    const marks = podMarks(next, this.marks);
    const set = { name: next.statefulSet.name, uid: next.statefulSet.uid };
    const fresh = setEvents(events, set).filter((e) => (this.seenEvents.get(e.key) ?? 0) < e.count);
    const baseline = !this.observed && !this.sawAbsent;
    this.observed = true;
    const facts = baseline ? [] : [...podFacts(this.marks, marks, (n) => this.names.has(n)), ...fresh.map((e) => e.fact)];
    this.marks = marks;
    for (const name of marks.keys()) this.names.add(name);
    for (const e of fresh) this.rememberEvent(e.key, e.count);
    return facts.map((f) => this.append(f, now));
  }

  /** Records the user's own action (text from lib/topology/action-text.ts). */
  recordAction(text: string, now: number): TimelineEntry[] {
    return [this.append({ pod: null, ordinal: null, transition: 'action', text, uid: null }, now)];
  }

  entries(): TimelineEntry[] {
    return [...this.log];
  }

  private append(f: Fact, now: number): TimelineEntry {
    const entry: TimelineEntry = { seq: ++this.seq, at: now, ...f };
    this.log.push(entry);
    if (this.log.length > this.limit) this.log = this.log.slice(this.log.length - this.limit);
    return entry;
  }

  private rememberEvent(key: string, count: number): void {
    this.seenEvents.delete(key);
    this.seenEvents.set(key, count);
    if (this.seenEvents.size > SEEN_EVENTS_LIMIT) this.seenEvents.delete(this.seenEvents.keys().next().value as string);
  }
}

export const timelineRecorders: TimelineRecorderFactory = () => new TimelineLog();
