// An index of the store's pods by node and by the claims they mount, so that the kubelet and the
// storage controller answer "live pods on node X" and "pods using claim Y" without listing (and
// sorting) every pod for every pod event.
//
// Contract: track(key) re-reads the pod `namespace/name` from the store and files it under its
// current node and claims (or forgets it when it is gone). The owner calls it for every pod
// change it is told about and after each pod write of its own, so the index always agrees with
// the store as of those calls (writes not yet dispatched by the store are not seen unless the
// owner tracked them). Pure bookkeeping: it never writes.

import { R } from '../resources.ts';
import type { Store } from '../store/store.ts';
import { isTerminal, specOf, type Pod } from './pod-parts.ts';
import { podClaimNames } from './scheduler.ts';

interface Entry {
  node: string | undefined;
  live: boolean;
  claims: string[];
}

function addTo(map: Map<string, Set<string>>, k: string, v: string): void {
  let s = map.get(k);
  if (!s) map.set(k, (s = new Set()));
  s.add(v);
}

function removeFrom(map: Map<string, Set<string>>, k: string, v: string): void {
  const s = map.get(k);
  if (!s) return;
  s.delete(v);
  if (!s.size) map.delete(k);
}

function claimKey(namespace: string | undefined, claim: string): string {
  return `${namespace ?? ''}/${claim}`;
}

export class PodIndex {
  private readonly store: Store;
  private readonly entries = new Map<string, Entry>();
  private readonly liveByNode = new Map<string, Set<string>>();
  private readonly byNode = new Map<string, Set<string>>();
  private readonly byClaim = new Map<string, Set<string>>();
  private readonly unscheduledKeys = new Set<string>();

  constructor(store: Store) {
    this.store = store;
    for (const p of store.list(R.pods)) this.track(`${p.metadata.namespace}/${p.metadata.name}`);
  }

  /**
   * Re-files the pod stored under `namespace/name` (or drops it when it is gone). Returns the node
   * the pod no longer counts against (it was live there and is gone, finished or elsewhere now),
   * else undefined: that node has room for one more pod.
   */
  track(key: string): string | undefined {
    const i = key.indexOf('/');
    const pod = this.store.get(R.pods, key.slice(0, i), key.slice(i + 1)) as Pod | undefined;
    const before = this.entries.get(key);
    const was = before?.live ? before.node : undefined;
    this.forget(key);
    if (!pod) return was;
    const node = specOf(pod).nodeName;
    const entry: Entry = { node, live: !!node && !isTerminal(pod), claims: podClaimNames(pod) };
    this.entries.set(key, entry);
    if (node) addTo(this.byNode, node, key);
    else this.unscheduledKeys.add(key);
    if (entry.live) addTo(this.liveByNode, node!, key);
    for (const c of entry.claims) addTo(this.byClaim, claimKey(pod.metadata.namespace, c), key);
    return was !== undefined && !(entry.live && node === was) ? was : undefined;
  }

  /** Scheduled, non-terminal pods on the node. */
  liveOn(node: string): number {
    return this.liveByNode.get(node)?.size ?? 0;
  }

  /** Keys of the pods scheduled to the node, sorted as the store lists them. */
  podsOn(node: string): string[] {
    return [...(this.byNode.get(node) ?? [])].sort();
  }

  /** Keys of the pods without a node, sorted. */
  unscheduled(): string[] {
    return [...this.unscheduledKeys].sort();
  }

  /** Keys of the pods in the namespace that mount the claim, sorted. */
  podsUsingClaim(namespace: string | undefined, claim: string): string[] {
    return [...(this.byClaim.get(claimKey(namespace, claim)) ?? [])].sort();
  }

  private forget(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    const ns = key.slice(0, key.indexOf('/'));
    if (old.node) removeFrom(this.byNode, old.node, key);
    else this.unscheduledKeys.delete(key);
    if (old.live) removeFrom(this.liveByNode, old.node!, key);
    for (const c of old.claims) removeFrom(this.byClaim, claimKey(ns, c), key);
  }
}
