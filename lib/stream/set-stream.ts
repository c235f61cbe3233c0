// One StatefulSet's live stream: rebuilds the model when the namespace cache changes (coalesced:
// at most one rebuild per coalesceMs, a lone change waits at most that long), sends the
// difference to every subscriber, and keeps the last messages for Last-Event-ID.
// Messages (wire.ts): `patch` when the model changed (nothing when it did not), `timeline` for
// new timeline entries (from the recorder after a rebuild, or a user action via pushTimeline),
// `status` when the connection to the cluster changed, `snapshot` when the set (re)appears,
// `gone` when it disappears. Each carries an id from the hub's counter.
// A periodic rebuild (refreshMs) picks up facts that change with time alone (minReadySeconds,
// ages); it is skipped when no cache change arrived since the last rebuild and the model said it
// stays true until now (model-horizon.ts), since it would give the same model. A rebuild reuses
// the parts of the last model whose objects did not change (buildModel), so it costs about the
// size of the set plus what changed, and the diff compares only the rebuilt parts.
// The hub owns the lifetime: it stops a stream some time after its last subscriber left.

import type { Clock, TimerHandle } from '../k8s/clock.ts';
import { every } from '../k8s/clock.ts';
import type { CacheChange, NamespaceCache } from '../k8s/namespace-cache.ts';
import { buildModel } from '../topology/build-topology.ts';
import { stableUntil } from '../topology/model-horizon.ts';
import type { TopologyModel } from '../topology/types.ts';
import { jsonEqual } from './json-equal.ts';
import { markOrigin } from './message-origin.ts';
import type { WireMessage } from './messages.ts';
import { ReplayBuffer } from './replay-buffer.ts';
import { ShownEvents } from './shown-events.ts';
import { Subscriber } from './subscriber.ts';
import type { TimelineRecorder } from './timeline-hook.ts';
import { diffTopology } from './topology-patch.ts';
import { eventShown, topologyInput } from './topology-input.ts';
import type { ConnectionStatus, Snapshot, TimelineEntry } from './wire.ts';

export interface SetStreamOptions {
  namespace: string;
  name: string;
  cache: NamespaceCache;
  clock: Clock;
  nextId: () => number;
  timeline: TimelineRecorder;
  coalesceMs: number;
  refreshMs: number;
  replayLimit: number;
  queueLimit: number;
  clusterDomain?: string;
  /** Called when the last subscriber leaves. */
  onIdle: () => void;
}

type SetState = 'pending' | 'present' | 'gone';

/** How long a materialized snapshot is handed to further resyncing subscribers (see materialize). */
export const SNAPSHOT_SHARE_MS = 250;

export class SetStream {
  readonly namespace: string;
  readonly name: string;
  private readonly o: SetStreamOptions;
  private readonly buffer: ReplayBuffer;
  private readonly subscribers = new Set<Subscriber>();
  private readonly events: ShownEvents;
  private state: SetState = 'pending';
  /** The model as last sent, without the graph (the browser derives it; routes call withGraph). */
  private model: TopologyModel | null = null;
  private status: ConnectionStatus;
  private timer: TimerHandle | null = null;
  private lastBuildAt = -Infinity;
  /** A cache change the model or timeline may show arrived since the last rebuild. */
  private dirty = true;
  /** When the last rebuild ran, and until when its result stays the same if nothing changes (model-horizon.ts). */
  private stable = { from: Infinity, until: -Infinity };
  /** The message materialize() last built, and the state it was built from. */
  private resyncMessage: { message: WireMessage; state: SetState; model: TopologyModel | null; status: ConnectionStatus; at: number } | null = null;
  /** When the first cache change not yet rebuilt arrived (event->send latency metric). */
  private changedSince: number | null = null;
  private readonly refresh: TimerHandle;
  private readonly unsubscribe: () => void;

  constructor(opts: SetStreamOptions) {
    this.o = opts;
    this.namespace = opts.namespace;
    this.name = opts.name;
    this.buffer = new ReplayBuffer(opts.replayLimit, opts.nextId());
    this.status = opts.cache.status();
    this.events = new ShownEvents(opts.cache, opts.name);
    this.unsubscribe = opts.cache.subscribe((c) => this.onCacheChange(c));
    this.refresh = every(opts.clock, opts.refreshMs, () => this.schedule());
    this.schedule();
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** The model as last sent (no graph); null unless the set exists and the cache synced. */
  get topology(): TopologyModel | null {
    return this.state === 'present' ? this.model : null;
  }

  subscribe(lastEventId: number | null): Subscriber {
    const sub = new Subscriber({
      limit: this.o.queueLimit,
      materialize: () => this.materialize(),
      onClose: (s) => {
        this.subscribers.delete(s);
        if (this.subscribers.size === 0) this.o.onIdle();
      },
    });
    const missed = lastEventId === null || this.state === 'pending' ? null : this.buffer.after(lastEventId);
    if (missed) sub.replay(missed);
    else {
      // Still connecting: say so at once rather than keep the page blank.
      if (this.state === 'pending') sub.deliver({ id: this.buffer.head(), event: 'status', data: this.status });
      sub.resync();
    }
    this.subscribers.add(sub);
    return sub;
  }

  stop(): void {
    this.timer?.cancel();
    this.refresh.cancel();
    this.unsubscribe();
    for (const s of [...this.subscribers]) s.close();
  }

  private onCacheChange(c: CacheChange): void {
    this.events.onChange(c);
    // Events that cannot show (eventShown) change nothing; a relist (no object) may hold any.
    const ignored = c.kind === 'events' && c.object !== undefined && !eventShown(c.object, this.name);
    if (!ignored) this.dirty = true;
    if (c.type === 'status') {
      const s = this.o.cache.status();
      if (!jsonEqual(s, this.status)) {
        // Turning live: first send the data that made it live (a relist), so that "Live" never
        // labels the older data still on the page for the length of a coalescing window. A
        // snapshot sent by that rebuild carries the new status itself.
        const turningLive = s.state === 'live' && this.status.state !== 'live';
        const wasPresent = this.state === 'present';
        this.status = s;
        if (turningLive) this.rebuildNow();
        if (wasPresent || this.state !== 'present') this.broadcast({ id: this.o.nextId(), event: 'status', data: s });
      }
    }
    if (ignored) return;
    this.changedSince ??= this.o.clock.now();
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    const delay = Math.max(0, this.lastBuildAt + this.o.coalesceMs - this.o.clock.now());
    this.timer = this.o.clock.setTimeout(() => {
      this.timer = null;
      this.lastBuildAt = this.o.clock.now();
      this.rebuild();
      this.changedSince = null;
    }, delay);
  }

  private rebuildNow(): void {
    this.timer?.cancel();
    this.timer = null;
    this.lastBuildAt = this.o.clock.now();
    this.rebuild();
  }

  /** Rebuilds the model now and sends what changed (nothing to do when nothing could have). */
  rebuild(): void {
    const { cache, clock } = this.o;
    if (!cache.synced) return;
    const now = clock.now();
    if (!this.dirty && now >= this.stable.from && now <= this.stable.until) return;
    const set = cache.get('statefulsets', this.name);
    const input = set ? topologyInput(cache, set, this.model, this.events.list()) : null;
    const next = input ? buildModel(input, { now, clusterDomain: this.o.clusterDomain }) : null;
    this.dirty = false;
    // Absent, the set has no fact that time changes.
    this.stable = { from: now, until: next ? stableUntil(next) : Infinity };
    if (!input || !next) {
      this.o.timeline.observe(this.model, null, now);
      if (this.state !== 'gone') {
        this.state = 'gone';
        this.broadcast({ id: this.o.nextId(), event: 'gone', data: { reason: this.goneReason() } });
      }
      return;
    }
    const prev = this.model;
    const wasPresent = this.state === 'present';
    this.model = next;
    this.state = 'present';
    const entries = this.o.timeline.observe(prev, next, now, input.events);
    if (!wasPresent) {
      this.broadcast({ id: this.o.nextId(), event: 'snapshot', data: this.snapshot() });
      return;
    }
    const patch = prev ? diffTopology(prev, next) : null;
    if (patch) this.broadcast({ id: this.o.nextId(), event: 'patch', data: patch });
    if (entries.length > 0) this.broadcast({ id: this.o.nextId(), event: 'timeline', data: entries });
  }

  /** Sends entries recorded outside a rebuild (user actions); a snapshot carries them otherwise. */
  pushTimeline(entries: TimelineEntry[]): void {
    if (this.state === 'present' && entries.length > 0) this.broadcast({ id: this.o.nextId(), event: 'timeline', data: entries });
  }

  private goneReason(): string {
    return `StatefulSet "${this.name}" does not exist in namespace "${this.namespace}"`;
  }

  private snapshot(): Snapshot {
    return { topology: this.model as TopologyModel, timeline: this.o.timeline.entries(), status: this.status, serverTime: this.o.clock.now() };
  }

  /**
   * What a resyncing subscriber gets. Subscribers resynced at the same state (same last id, model
   * and status) within SNAPSHOT_SHARE_MS get the same message object, so the SSE layer encodes it
   * once for all of them; the bound keeps a shared snapshot's serverTime (the browser's clock
   * offset) that close to the time it is sent.
   */
  private materialize(): WireMessage[] | null {
    if (this.state === 'pending') return null;
    const id = this.buffer.head();
    const now = this.o.clock.now();
    const r = this.resyncMessage;
    if (r && r.message.id === id && r.state === this.state && r.model === this.model && r.status === this.status && now - r.at <= SNAPSHOT_SHARE_MS) return [r.message];
    const message: WireMessage = this.state === 'present'
      ? { id, event: 'snapshot', data: this.snapshot() }
      : { id, event: 'gone', data: { reason: this.goneReason() } };
    this.resyncMessage = { message, state: this.state, model: this.model, status: this.status, at: now };
    return [message];
  }

  private broadcast(m: WireMessage): void {
    // A shared resync snapshot is out of date from here on (its id is no longer the last).
    this.resyncMessage = null;
    if (this.changedSince !== null && m.event !== 'status') markOrigin(m, this.changedSince);
    this.buffer.push(m);
    for (const s of this.subscribers) s.deliver(m);
    // A subscriber waiting for its first snapshot can have it now.
    if (m.event === 'snapshot' || m.event === 'gone') for (const s of this.subscribers) s.wake();
  }
}
