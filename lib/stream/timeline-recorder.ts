// The timeline of one StatefulSet: the recorder the hub plugs into every set stream
// (timeline-hook.ts). Contract:
// - Entries are numbered 1, 2, 3... (seq, per set, never reused) and stamped with the time the
//   server observed them; at most `limit` (500) are kept, oldest dropped first.
// - Each change is recorded once. The recorder compares with ITS OWN memory of the last
//   observation (pod marks, events seen by uid and count), not with the model it is handed, so
//   an informer relist, a restarted namespace cache or a re-opened set stream (same recorder,
//   kept by the hub) adds nothing when nothing changed. SSE reconnects never reach it: they
//   replay or re-snapshot what was already recorded. The memory of events is kept near 2,000
//   by forgetting events no longer listed, never one still listed (it would come back).
// - The first observation of a set that was never seen absent is a baseline: the pods and
//   events already there are remembered, not recorded (the page was opened on a running set).
//   A set first seen absent (the page was opened before `kubectl create`) records everything
//   from its first appearance.

import type { KubeObject } from '../kube/types.ts';
import type { TopologyModel } from '../topology/types.ts';
import { byOrder, podFacts, podMarks, setEvent, type Fact, type PodMark, type SetEvent } from './timeline.ts';
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
  /** Event key -> highest count recorded (insertion order = age, for the bound: forgetUnlisted). */
  private readonly seenEvents = new Map<string, number>();
  private observed = false;
  /** Each event object as setEvent read it, for the set (name and uid) in readFor. */
  private read = new WeakMap<KubeObject, SetEvent | null>();
  private readFor = '';
  private sawAbsent = false;

  constructor(opts: { limit?: number } = {}) {
    this.limit = Math.max(1, opts.limit ?? TIMELINE_LIMIT);
  }

  observe(_prev: TopologyModel | null, next: TopologyModel | null, now: number, events: readonly KubeObject[] = []): TimelineEntry[] {
    if (!next) {
      this.sawAbsent = true;
      return [];
    }
    const marks = podMarks(next, this.marks);
    const set = { name: next.statefulSet.name, uid: next.statefulSet.uid };
    const fresh = this.freshEvents(events, set);
    const baseline = !this.observed && !this.sawAbsent;
    this.observed = true;
    const facts = baseline ? [] : [...podFacts(this.marks, marks, (n) => this.names.has(n)), ...fresh.map((e) => e.fact)];
    this.marks = marks;
    for (const name of marks.keys()) this.names.add(name);
    for (const e of fresh) this.rememberEvent(e.key, e.count);
    if (this.seenEvents.size > SEEN_EVENTS_LIMIT) this.forgetUnlisted(events);
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

  /** The events about the set not yet recorded at their count, oldest first; each event object is read once. */
  private freshEvents(events: readonly KubeObject[], set: { name: string; uid: string }): SetEvent[] {
    const about = `${set.name}\u0000${set.uid}`;
    if (about !== this.readFor) [this.read, this.readFor] = [new WeakMap(), about];
    const out: SetEvent[] = [];
    for (const e of events) {
      let read = this.read.get(e);
      if (read === undefined) {
        read = setEvent(e, set);
        this.read.set(e, read);
      }
      if (read && (this.seenEvents.get(read.key) ?? 0) < read.count) out.push(read);
    }
    return out.sort(byOrder);
  }

  private rememberEvent(key: string, count: number): void {
    this.seenEvents.delete(key);
    this.seenEvents.set(key, count);
  }

  /**
   * Keeps the memory of events near SEEN_EVENTS_LIMIT by forgetting the oldest events that are no
   * longer listed. A listed one is never forgotten: it would be recorded again on the next
   * rebuild (a 1,000-pod set alone has 2,000 creation events).
   */
  private forgetUnlisted(events: readonly KubeObject[]): void {
    const listed = new Set<string>();
    for (const e of events) {
      const read = this.read.get(e);
      if (read) listed.add(read.key);
    }
    for (const key of this.seenEvents.keys()) {
      if (this.seenEvents.size <= SEEN_EVENTS_LIMIT) break;
      if (!listed.has(key)) this.seenEvents.delete(key);
    }
  }
}

export const timelineRecorders: TimelineRecorderFactory = () => new TimelineLog();
