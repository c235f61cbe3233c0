// The embedded cluster's object store: what etcd plus the generic registry are to a real API
// server. It owns resourceVersions (one global counter, as etcd's revision), uids, timestamps,
// generation, graceful deletion and finalizers, and a bounded change log for watch resumption.
//
// Contracts:
// - Stored objects are deep-frozen. Readers get the stored object itself (no copy); to change
//   one, structuredClone it and write it back. Writes store their own deep copy.
// - Every successful write produces exactly one change with a strictly larger resourceVersion.
// - Listeners are called synchronously after the write, in resourceVersion order, also when a
//   listener writes while being notified (such writes are queued and dispatched after).
// - afterDispatch(fn) runs fn once the current dispatch has delivered every queued change, still
//   before the outermost write returns (so a burst of changes can be handled as one piece of
//   work); such callbacks run one at a time, each after the changes written before it arrived.
// - watch(fromRV) replays every change after fromRV, then streams live; if changes after fromRV
//   were already compacted out of the log it throws StoreError 'Expired' (HTTP 410).

import { randomUUID } from 'node:crypto';
import type { KubeObject, ObjectMeta } from '../../kube/types.ts';
import { realClock, type Clock } from '../clock.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: ChangeType;
  /** The resource key, e.g. "pods" or "statefulsets.apps". */
  resource: string;
  /** The object after the change (for DELETED: the last state, with the deletion's rv). */
  object: KubeObject;
  /** The object before the change (MODIFIED and DELETED). */
  old?: KubeObject;
  rv: number;
}

export type StoreErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Expired' | 'Invalid' | 'BadRequest';

export class StoreError extends Error {
  readonly reason: StoreErrorReason;
  constructor(reason: StoreErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

export interface ResourceTraits {
  namespaced: boolean;
  /** Bump metadata.generation when anything but metadata and status changes. */
  generation?: boolean;
  /** Deletions are graceful (deletionTimestamp = now + grace) and finished by a second delete. */
  graceful?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface WatchOptions {
  namespace?: string;
  /** Resume after this resourceVersion; undefined means "from now, after a synthetic ADDED of every object". */
  fromRV?: number;
}

export interface Watcher {
  stop(): void;
}

export interface StoreOptions {
  clock?: Clock;
  uid?: () => string;
  /** How many changes the log keeps for watch resumption. */
  logCapacity?: number;
  random?: () => number;
}

export interface StoreSnapshot {
  rv: number;
  objects: Array<{ resource: string; object: KubeObject }>;
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

function specOf(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.stringify(rest);
}

export class Store {
  readonly clock: Clock;
  private readonly uid: () => string;
  private readonly random: () => number;
  private readonly logCapacity: number;
  private readonly traits = new Map<string, ResourceTraits>();
  private readonly data = new Map<string, Map<string, KubeObject>>();
  private rv = 0;
  private log: Change[] = [];
  /** Smallest rv a watch may resume from without missing changes. */
  private compactedThrough = 0;
  private listeners = new Set<(c: Change) => void>();
  private pending: Change[] = [];
  private dispatching = false;
  private readonly settled = new Set<() => void>();

  constructor(opts: StoreOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.uid = opts.uid ?? randomUUID;
    this.random = opts.random ?? Math.random;
    this.logCapacity = opts.logCapacity ?? 10_000;
  }

  /** Declares a resource kind the store may hold. */
  register(resource: string, traits: ResourceTraits): void {
    this.traits.set(resource, traits);
    if (!this.data.has(resource)) this.data.set(resource, new Map());
  }

  resourceTraits(resource: string): ResourceTraits {
    const t = this.traits.get(resource);
    if (!t) throw new StoreError('NotFound', `the server could not find the requested resource (${resource})`);
    return t;
  }

  /** The newest resourceVersion handed out. */
  currentRV(): number {
    return this.rv;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.bucket(resource).get(objectKey(this.ns(resource, namespace), name));
  }

  /** Every object of a resource (in one namespace if given), sorted by namespace/name as etcd keys are. */
  list(resource: string, namespace?: string): KubeObject[] {
    const out: KubeObject[] = [];
    const prefix = namespace && this.resourceTraits(resource).namespaced ? `${namespace}/` : '';
    for (const [k, v] of this.bucket(resource)) if (!prefix || k.startsWith(prefix)) out.push(v);
    out.sort((a, b) => cmpKey(a, b));
    return out;
  }

  create(resource: string, input: KubeObject): KubeObject {
    const traits = this.resourceTraits(resource);
    const obj = structuredClone(input) as KubeObject;
    const meta: ObjectMeta = (obj.metadata ??= {});
    if (!traits.namespaced) delete meta.namespace;
    else if (!meta.namespace) throw new StoreError('BadRequest', 'the namespace of the object is required');
    if (!meta.name) {
      if (!meta.generateName) throw new StoreError('Invalid', 'metadata.name: Required value: name or generateName is required');
      meta.name = this.generateName(resource, meta.namespace, meta.generateName);
    }
    const key = objectKey(meta.namespace, meta.name);
    if (this.bucket(resource).has(key)) {
      throw new StoreError('AlreadyExists', `${resource.split('.')[0]} "${meta.name}" already exists`);
    }
    meta.uid = this.uid();
    meta.creationTimestamp = new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (traits.generation) meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    return this.commit('ADDED', resource, key, obj, undefined);
  }

  /**
   * Replaces an object. With expectedRV (the object's metadata.resourceVersion, when set) a
   * stale write fails with Conflict. Immutable metadata (uid, creationTimestamp, deletion
   * fields) is kept from the stored object. An object being deleted that has lost its last
   * finalizer (and has no grace period left) is removed instead.
   */
  update(resource: string, input: KubeObject): KubeObject {
    const traits = this.resourceTraits(resource);
    const ns = this.ns(resource, input.metadata?.namespace);
    const name = input.metadata?.name;
    if (!name) throw new StoreError('Invalid', 'metadata.name: Required value: name is required');
    const key = objectKey(ns, name);
    const old = this.bucket(resource).get(key);
    if (!old) throw new StoreError('NotFound', `${resource.split('.')[0]} "${name}" not found`);
    const expected = input.metadata.resourceVersion;
    if (expected && expected !== old.metadata.resourceVersion) {
      throw new StoreError('Conflict', `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    const obj = structuredClone(input) as KubeObject;
    const meta = obj.metadata;
    meta.namespace = ns;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (traits.generation) {
      meta.generation = (old.metadata.generation ?? 1) + (specOf(obj) !== specOf(old) ? 1 : 0);
    } else if (old.metadata.generation !== undefined) {
      meta.generation = old.metadata.generation;
    }
    if (!meta.finalizers?.length) delete meta.finalizers;
    if (unchanged(old, obj)) return old;
    if (meta.deletionTimestamp && !meta.finalizers?.length && !(meta.deletionGracePeriodSeconds ?? 0)) {
      return this.remove(resource, key, obj, old);
    }
    return this.commit('MODIFIED', resource, key, obj, old);
  }

  /**
   * Deletes with Kubernetes semantics: graceful resources get deletionTimestamp = now + grace
   * and stay until deleted again with grace 0; objects with finalizers stay (with a
   * deletionTimestamp) until the last finalizer is removed; everything else goes at once.
   * Returns the object as it now is and whether it is gone.
   */
  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): { object: KubeObject; gone: boolean } {
    const traits = this.resourceTraits(resource);
    const ns = this.ns(resource, namespace);
    const key = objectKey(ns, name);
    const old = this.bucket(resource).get(key);
    if (!old) throw new StoreError('NotFound', `${resource.split('.')[0]} "${name}" not found`);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw new StoreError('Conflict', `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw new StoreError('Conflict', `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
    }
    const obj = structuredClone(old) as KubeObject;
    const meta = obj.metadata;
    const finalizers = new Set(meta.finalizers ?? []);
    if (opts.propagationPolicy === 'Foreground') { finalizers.add('foregroundDeletion'); finalizers.delete('orphan'); }
    if (opts.propagationPolicy === 'Orphan') { finalizers.add('orphan'); finalizers.delete('foregroundDeletion'); }
    if (opts.propagationPolicy === 'Background') { finalizers.delete('orphan'); finalizers.delete('foregroundDeletion'); }

    let grace = 0;
    if (traits.graceful) {
      const spec = obj.spec as { terminationGracePeriodSeconds?: number; nodeName?: string } | undefined;
      grace = opts.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
      // A pod no kubelet runs yet has nothing to stop: the API server deletes it at once.
      if (!spec?.nodeName) grace = 0;
      if (meta.deletionTimestamp) grace = Math.min(grace, meta.deletionGracePeriodSeconds ?? 0);
    }
    meta.finalizers = [...finalizers];
    if (!meta.finalizers.length) delete meta.finalizers;
    if (!meta.finalizers && grace === 0) {
      return { object: this.remove(resource, key, obj, old), gone: true };
    }
    const now = this.clock.now();
    const prevDeadline = meta.deletionTimestamp ? Date.parse(meta.deletionTimestamp) : Infinity;
    const deadline = Math.min(prevDeadline, now + grace * 1000);
    meta.deletionTimestamp = new Date(deadline).toISOString().replace(/\.\d{3}Z$/, 'Z');
    meta.deletionGracePeriodSeconds = grace;
    if (traits.generation) meta.generation = (meta.generation ?? 1) + 1;
    if (unchanged(old, obj)) return { object: old, gone: false };
    return { object: this.commit('MODIFIED', resource, key, obj, old), gone: false };
  }

  /** Subscribes to every change of every resource (controllers and the HTTP watch layer). */
  subscribe(fn: (c: Change) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Runs fn once every change queued in the current dispatch has reached every listener, inside
   * the outermost write (at once when no dispatch is running). Callbacks run one at a time, in
   * registration order, each after every change written so far has been delivered (so listener
   * caches are current when it starts). A function registered again before it ran runs once.
   * What a work queue needs to turn a burst of changes into one sync.
   */
  afterDispatch(fn: () => void): void {
    if (!this.dispatching) {
      fn();
      return;
    }
    this.settled.add(fn);
  }

  /**
   * Watches one resource. With fromRV, replays the logged changes after it first (throws
   * 'Expired' if they were compacted); without, sends ADDED for every current object first.
   */
  watch(resource: string, opts: WatchOptions, fn: (c: Change) => void): Watcher {
    const traits = this.resourceTraits(resource);
    const ns = traits.namespaced ? opts.namespace : undefined;
    const matches = (c: Change) => c.resource === resource && (!ns || c.object.metadata.namespace === ns);
    const backlog: Change[] = [];
    if (opts.fromRV === undefined) {
      for (const object of this.list(resource, ns)) {
        backlog.push({ type: 'ADDED', resource, object, rv: Number(object.metadata.resourceVersion) });
      }
    } else {
      if (opts.fromRV < this.compactedThrough) {
        throw new StoreError('Expired', `too old resource version: ${opts.fromRV} (${this.compactedThrough})`);
      }
      for (const c of this.log) if (c.rv > opts.fromRV && matches(c)) backlog.push(c);
    }
    let stopped = false;
    const listener = (c: Change) => { if (!stopped && matches(c)) fn(c); };
    this.listeners.add(listener);
    for (const c of backlog) { if (stopped) break; fn(c); }
    return { stop: () => { stopped = true; this.listeners.delete(listener); } };
  }

  /** Drops every logged change up to rv (what etcd compaction does); older watches get 410. */
  compact(rv = this.rv): void {
    this.log = this.log.filter((c) => c.rv > rv);
    this.compactedThrough = Math.max(this.compactedThrough, rv);
  }

  /** A consistent copy of everything, for persistence. */
  snapshot(): StoreSnapshot {
    const objects: StoreSnapshot['objects'] = [];
    for (const [resource, bucket] of this.data) for (const object of bucket.values()) objects.push({ resource, object });
    return { rv: this.rv, objects };
  }

  /** Loads a snapshot into an empty store; watches can resume only from its rv on. */
  restore(snap: StoreSnapshot): void {
    for (const { resource, object } of snap.objects) {
      this.resourceTraits(resource);
      this.bucket(resource).set(objectKey(object.metadata.namespace, object.metadata.name!), deepFreeze(structuredClone(object)));
    }
    this.rv = Math.max(this.rv, snap.rv);
    this.compactedThrough = this.rv;
  }

  private remove(resource: string, key: string, obj: KubeObject, old: KubeObject): KubeObject {
    this.bucket(resource).delete(key);
    obj.metadata.resourceVersion = String(++this.rv);
    deepFreeze(obj);
    this.emit({ type: 'DELETED', resource, object: obj, old, rv: this.rv });
    return obj;
  }

  private commit(type: ChangeType, resource: string, key: string, obj: KubeObject, old: KubeObject | undefined): KubeObject {
    obj.metadata.resourceVersion = String(++this.rv);
    deepFreeze(obj);
    this.bucket(resource).set(key, obj);
    this.emit({ type, resource, object: obj, old, rv: this.rv });
    return obj;
  }

  private emit(c: Change): void {
    this.log.push(c);
    if (this.log.length > this.logCapacity) {
      const drop = this.log.length - this.logCapacity;
      this.compactedThrough = this.log[drop - 1].rv;
      this.log = this.log.slice(drop);
    }
    this.pending.push(c);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (;;) {
        while (this.pending.length) this.deliver(this.pending.shift()!);
        // One callback at a time: each one starts with every change delivered.
        const fn = this.settled.values().next().value;
        if (!fn) break;
        this.settled.delete(fn);
        try {
          fn();
        } catch (err) {
          console.error('[store] afterDispatch callback failed:', err);
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  private deliver(c: Change): void {
    for (const l of [...this.listeners]) {
      try {
        l(c);
      } catch (err) {
        // A failing listener must not break the write path or other listeners.
        console.error('[store] listener failed:', err);
      }
    }
  }

  private bucket(resource: string): Map<string, KubeObject> {
    const b = this.data.get(resource);
    if (!b) throw new StoreError('NotFound', `the server could not find the requested resource (${resource})`);
    return b;
  }

  private ns(resource: string, namespace: string | undefined): string | undefined {
    return this.resourceTraits(resource).namespaced ? namespace : undefined;
  }

  private generateName(resource: string, namespace: string | undefined, prefix: string): string {
    for (let i = 0; i < 100; i++) {
      let s = '';
      for (let j = 0; j < 5; j++) s += NAME_CHARS[Math.floor(this.random() * NAME_CHARS.length)];
      const name = prefix.slice(0, 58) + s;
      if (!this.bucket(resource).has(objectKey(namespace, name))) return name;
    }
    throw new StoreError('AlreadyExists', `could not generate a unique name from "${prefix}"`);
  }
}

function cmpKey(a: KubeObject, b: KubeObject): number {
  const ka = objectKey(a.metadata.namespace, a.metadata.name!);
  const kb = objectKey(b.metadata.namespace, b.metadata.name!);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function unchanged(old: KubeObject, next: KubeObject): boolean {
  const a = { ...old, metadata: { ...old.metadata, resourceVersion: undefined } };
  const b = { ...next, metadata: { ...next.metadata, resourceVersion: undefined } };
  return JSON.stringify(a) === JSON.stringify(b);
}
