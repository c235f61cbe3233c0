// The hub: one upstream per namespace, however many browsers watch. It owns the namespace
// caches (reference-counted: started on first use, stopped lingerMs after the last user left)
// and one SetStream per watched StatefulSet (also kept lingerMs after its last subscriber, so a
// reloading page resumes from Last-Event-ID instead of a snapshot).
// Nothing starts until asked: constructing a Hub opens no connection (route modules are
// evaluated by `next build`). Server code gets the process-wide instance from server-hub.ts.

import { systemClock, type Clock, type TimerHandle } from '../k8s/clock.ts';
import type { NamespaceCache } from '../k8s/namespace-cache.ts';
import type { KubeObject } from '../kube/types.ts';
import { withGraph } from '../topology/graph.ts';
import type { Topology } from '../topology/types.ts';
import { SetStream } from './set-stream.ts';
import type { Subscriber } from './subscriber.ts';
import { noTimeline, type TimelineRecorder, type TimelineRecorderFactory } from './timeline-hook.ts';
import { topologyFromCache } from './topology-input.ts';
import type { ConnectionStatus, TimelineEntry } from './wire.ts';

export interface HubOptions {
  /** Makes (does not start) the cache of a namespace. */
  openCache: (namespace: string) => NamespaceCache;
  clock?: Clock;
  lingerMs?: number;
  coalesceMs?: number;
  refreshMs?: number;
  replayLimit?: number;
  queueLimit?: number;
  timeline?: TimelineRecorderFactory;
  /** How many sets' timelines are kept (default 256). */
  timelineSets?: number;
  clusterDomain?: string;
}

export interface CacheLease {
  cache: NamespaceCache;
  /** Idempotent. */
  release(): void;
}

export type ReadResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'missing' }
  | { kind: 'unsynced'; status: ConnectionStatus };

interface CacheEntry {
  cache: NamespaceCache;
  refs: number;
  linger: TimerHandle | null;
}

interface StreamEntry {
  stream: SetStream;
  lease: CacheLease;
  linger: TimerHandle | null;
}

export class Hub {
  private readonly o: HubOptions;
  private readonly clock: Clock;
  private readonly caches = new Map<string, CacheEntry>();
  private readonly streams = new Map<string, StreamEntry>();
  private readonly pinned = new Map<string, CacheLease>();
  /** One recorder per set, kept across stream restarts (bounded, least recently used dropped). */
  private readonly timelines = new Map<string, TimelineRecorder>();
  private lastId: number;
  private stopped = false;

  constructor(opts: HubOptions) {
    this.o = opts;
    this.clock = opts.clock ?? systemClock;
    // Ids start at the clock's epoch ms, so an id from an earlier server process is unknown here.
    this.lastId = Math.floor(this.clock.now());
  }

  private get lingerMs(): number {
    return this.o.lingerMs ?? 10_000;
  }

  /** Uses the namespace's cache (starting it if needed) until release(). */
  acquire(namespace: string): CacheLease {
    if (this.stopped) throw new Error('the hub is stopped');
    let e = this.caches.get(namespace);
    if (!e) {
      e = { cache: this.o.openCache(namespace), refs: 0, linger: null };
      this.caches.set(namespace, e);
      e.cache.start();
    }
    const entry = e;
    entry.refs++;
    entry.linger?.cancel();
    entry.linger = null;
    let released = false;
    return {
      cache: entry.cache,
      release: () => {
        if (released) return;
        released = true;
        if (--entry.refs > 0) return;
        entry.linger = this.clock.setTimeout(() => {
          if (entry.refs > 0 || this.caches.get(namespace) !== entry) return;
          this.caches.delete(namespace);
          entry.cache.stop();
        }, this.lingerMs);
      },
    };
  }

  /** Keeps the namespace's cache running for the life of the hub (readiness). */
  pin(namespace: string): NamespaceCache {
    let lease = this.pinned.get(namespace);
    if (!lease) {
      lease = this.acquire(namespace);
      this.pinned.set(namespace, lease);
    }
    return lease.cache;
  }

  /** A live subscription to one StatefulSet; lastEventId resumes a reconnecting client. */
  subscribe(namespace: string, name: string, opts: { lastEventId?: number | null } = {}): Subscriber {
    const key = `${namespace}/${name}`;
    let e = this.streams.get(key);
    if (!e) e = this.openStream(key, namespace, name);
    e.linger?.cancel();
    e.linger = null;
    return e.stream.subscribe(opts.lastEventId ?? null);
  }

  private openStream(key: string, namespace: string, name: string): StreamEntry {
    const lease = this.acquire(namespace);
    const entry: StreamEntry = { lease, linger: null, stream: null as unknown as SetStream };
    entry.stream = new SetStream({
      namespace,
      name,
      cache: lease.cache,
      clock: this.clock,
      nextId: () => ++this.lastId,
      timeline: this.timelineFor(namespace, name),
      coalesceMs: this.o.coalesceMs ?? 16,
      refreshMs: this.o.refreshMs ?? 1000,
      replayLimit: this.o.replayLimit ?? 256,
      queueLimit: this.o.queueLimit ?? 64,
      clusterDomain: this.o.clusterDomain,
      onIdle: () => {
        if (this.stopped) return;
        entry.linger?.cancel();
        entry.linger = this.clock.setTimeout(() => {
          if (entry.stream.subscriberCount > 0 || this.streams.get(key) !== entry) return;
          this.streams.delete(key);
          entry.stream.stop();
          lease.release();
        }, this.lingerMs);
      },
    });
    this.streams.set(key, entry);
    return entry;
  }

  private timelineFor(namespace: string, name: string): TimelineRecorder {
    const key = `${namespace}/${name}`;
    let rec = this.timelines.get(key);
    if (rec) this.timelines.delete(key);
    else rec = (this.o.timeline ?? noTimeline)(namespace, name);
    this.timelines.set(key, rec);
    if (this.timelines.size > (this.o.timelineSets ?? 256)) {
      for (const k of this.timelines.keys()) {
        if (this.streams.has(k)) continue;
        this.timelines.delete(k);
        break;
      }
    }
    return rec;
  }

  /**
   * Records the user's action on the set's timeline (text from lib/topology/action-text.ts) and
   * sends it to the set's subscribers; a set nobody watches keeps it for the next snapshot.
   */
  recordAction(namespace: string, name: string, text: string): TimelineEntry[] {
    const entries = this.timelineFor(namespace, name).recordAction(text, this.clock.now());
    this.streams.get(`${namespace}/${name}`)?.stream.pushTimeline(entries);
    return entries;
  }

  /** Reads from the namespace's cache once it synced (waits up to timeoutMs). */
  async read<T>(namespace: string, fn: (cache: NamespaceCache) => T | null, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ReadResult<T>> {
    const lease = this.acquire(namespace);
    try {
      const synced = await this.waitSynced(lease.cache, opts.timeoutMs ?? 5_000, opts.signal);
      if (!synced) return { kind: 'unsynced', status: lease.cache.status() };
      const value = fn(lease.cache);
      return value === null ? { kind: 'missing' } : { kind: 'ok', value };
    } finally {
      lease.release();
    }
  }

  /**
   * The current model of one StatefulSet with its graph (the live stream's model when one runs).
   * Streams keep no graph: it is derived here, per request.
   */
  readTopology(namespace: string, name: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ReadResult<Topology>> {
    return this.read(namespace, (cache) => {
      const live = this.streams.get(`${namespace}/${name}`)?.stream.topology;
      const model = live && cache.get('statefulsets', name) ? live
        : topologyFromCache(cache, name, { now: this.clock.now(), previous: null, clusterDomain: this.o.clusterDomain });
      return model && withGraph(model);
    }, opts);
  }

  /** The StatefulSets of a namespace as cached. */
  readStatefulSets(namespace: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ReadResult<KubeObject[]>> {
    return this.read(namespace, (cache) => cache.list('statefulsets'), opts);
  }

  private waitSynced(cache: NamespaceCache, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (cache.synced) return Promise.resolve(true);
    const abort = new AbortController();
    const timer = this.clock.setTimeout(() => abort.abort(), timeoutMs);
    const onOuterAbort = () => abort.abort();
    signal?.addEventListener('abort', onOuterAbort, { once: true });
    return cache.whenSynced(abort.signal).then(() => true, () => false).finally(() => {
      timer.cancel();
      signal?.removeEventListener('abort', onOuterAbort);
    });
  }

  stats(): { caches: number; streams: number; subscribers: number } {
    let subscribers = 0;
    for (const e of this.streams.values()) subscribers += e.stream.subscriberCount;
    return { caches: this.caches.size, streams: this.streams.size, subscribers };
  }

  /** Stops everything now (tests, shutdown). */
  stop(): void {
    this.stopped = true;
    for (const e of this.streams.values()) { e.linger?.cancel(); e.stream.stop(); }
    this.streams.clear();
    for (const e of this.caches.values()) { e.linger?.cancel(); e.cache.stop(); }
    this.caches.clear();
    this.pinned.clear();
    this.timelines.clear();
  }
}
