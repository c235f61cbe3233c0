// NamespaceCache: the live objects of one namespace (and the cluster-wide PVs and StorageClasses
// the namespace's claims refer to), one reflector per kind, as the hub needs them.
// Contract:
// - list/get return trimmed objects (trim.ts), current as of the last event; never mutate them.
// - `synced` is true once every kind was listed at least once (kinds forbidden by RBAC count as
//   listed, empty); it stays true through reconnects (the data is then last-known, and status()
//   says so).
// - subscribe() listeners run synchronously after every change: an object event, a full relist
//   ('replace'), or a connection status change ('status'). They must be cheap (the hub only
//   schedules work).
// - Time comes from the clock: a failing connection turns 'stale' on the clock's time.
// - Retries back off to at most RETRY_CAP_MS (not the reflector's usual 30 s): once the cluster
//   answers again, the dashboard shows its exact state within 5 s (issue 9), however long the
//   outage was. The cost is one list attempt per kind every 2-4 s while the cluster is down.

import type { KubeObject } from '../kube/types.ts';
import type { ConnectionStatus } from '../stream/wire.ts';
import type { BackoffOptions } from './backoff.ts';
import { systemClock, type Clock, type TimerHandle } from './clock.ts';
import { foldConnectionStatus } from './connection-status.ts';
import { KINDS, type KindDef, type WatchedKind } from './kinds.ts';
import { Reflector, type ReflectorChange } from './reflector.ts';
import type { KubeTransport } from './transport.ts';

export interface CacheChange {
  /** null for a status change that no single kind caused (reconnecting turned stale). */
  kind: WatchedKind | null;
  type: ReflectorChange['type'];
  /** The object, for upsert and delete. */
  object?: KubeObject;
}

export interface NamespaceCacheOptions {
  namespace: string;
  transport: KubeTransport;
  clock?: Clock;
  random?: () => number;
  backoff?: BackoffOptions;
  /** Watchdog: restart a watch silent for this long. */
  watchStaleAfterMs?: number;
  /** Report 'stale' after reconnecting this long. */
  statusStaleAfterMs?: number;
  forbiddenRetryMs?: number;
  kinds?: readonly KindDef[];
}

/** The longest wait between two attempts of one kind; with the reflector's jitter, 2-4 s. */
export const RETRY_CAP_MS = 4_000;

export class NamespaceCache {
  readonly namespace: string;
  private readonly clock: Clock;
  private readonly reflectors = new Map<WatchedKind, Reflector>();
  private readonly listeners = new Set<(c: CacheChange) => void>();
  private readonly statusStaleAfterMs: number;
  private startedAt = 0;
  private staleTimer: TimerHandle | null = null;
  private running = false;

  constructor(opts: NamespaceCacheOptions) {
    this.namespace = opts.namespace;
    this.clock = opts.clock ?? systemClock;
    this.statusStaleAfterMs = opts.statusStaleAfterMs ?? 15_000;
    for (const def of opts.kinds ?? KINDS) {
      this.reflectors.set(def.kind, new Reflector({
        def,
        namespace: def.namespaced ? opts.namespace : null,
        transport: opts.transport,
        clock: this.clock,
        random: opts.random,
        backoff: { maxMs: RETRY_CAP_MS, ...opts.backoff },
        staleAfterMs: opts.watchStaleAfterMs,
        forbiddenRetryMs: opts.forbiddenRetryMs,
        onChange: (c) => this.onReflectorChange(def.kind, c),
      }));
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.clock.now();
    for (const r of this.reflectors.values()) r.start();
  }

  stop(): void {
    this.running = false;
    this.staleTimer?.cancel();
    for (const r of this.reflectors.values()) r.stop();
    this.listeners.clear();
  }

  list(kind: WatchedKind): KubeObject[] {
    return this.reflectors.get(kind)?.list() ?? [];
  }

  get(kind: WatchedKind, name: string): KubeObject | undefined {
    return this.reflectors.get(kind)?.get(name);
  }

  get synced(): boolean {
    return [...this.reflectors.values()].every((r) => r.synced);
  }

  /** 'forbidden' when RBAC does not let the dashboard read PersistentVolumes. */
  pvAccess(): 'ok' | 'forbidden' {
    return this.reflectors.get('persistentvolumes')?.status.phase === 'forbidden' ? 'forbidden' : 'ok';
  }

  status(): ConnectionStatus {
    const kinds = [...this.reflectors.values()].map((r) => ({ status: r.status, synced: r.synced }));
    return foldConnectionStatus(kinds, { now: this.clock.now(), startedAt: this.startedAt, staleAfterMs: this.statusStaleAfterMs });
  }

  subscribe(fn: (c: CacheChange) => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  /** Resolves once synced; rejects if signal aborts first. */
  whenSynced(signal?: AbortSignal): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => { off(); reject(signal?.reason ?? new Error('aborted')); };
      const off = this.subscribe(() => {
        if (!this.synced) return;
        off();
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private onReflectorChange(kind: WatchedKind, c: ReflectorChange): void {
    if (c.type === 'status') this.armStaleTimer();
    const change: CacheChange = { kind, type: c.type, object: c.type === 'upsert' || c.type === 'delete' ? c.object : undefined };
    for (const fn of [...this.listeners]) fn(change);
  }

  // 'reconnecting' turns 'stale' by the passing of time alone: tell listeners when it does.
  private armStaleTimer(): void {
    this.staleTimer?.cancel();
    this.staleTimer = null;
    const s = this.status();
    if (s.state !== 'reconnecting' || s.since === null || !this.running) return;
    const due = s.since + this.statusStaleAfterMs - this.clock.now();
    this.staleTimer = this.clock.setTimeout(() => {
      this.staleTimer = null;
      for (const fn of [...this.listeners]) fn({ kind: null, type: 'status' });
    }, due);
  }
}
