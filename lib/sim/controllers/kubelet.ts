// The simulated scheduler + kubelet: drives every pod through the stage table of pod-stages.ts.
// It creates the simulated nodes (sim-nodes.ts) at start, hands out pod IPs (ip-pool.ts) and
// records scheduler/kubelet events.
//
// Contract: for each pod the first matching stage is armed with its speed-scaled delay; the timer
// survives unrelated updates as long as the same stage still matches (so other controllers'
// writes do not postpone a pod forever) and is dropped as soon as it does not. A zero delay is
// applied synchronously, one write per stage, in order. Writes that change nothing are skipped.
// Re-evaluation happens on changes to the pod, its PVCs, PVs, StorageClasses and nodes.

import type { Clock, TimerHandle } from '../clock.ts';
import { R } from '../resources.ts';
import { StoreError, type Change, type Store } from '../store/store.ts';
import { KeyQueue, keyOf, sameJson, scaleDelay, splitKey, typed, type Speed } from './controller-kit.ts';
import { newEventRecorder, type EventRecorder } from './events.ts';
import { PodIpPool } from './ip-pool.ts';
import { PodIndex } from './pod-index.ts';
import { specOf, statusOf, type Pod } from './pod-parts.ts';
import { nextStage, type PodMemo, type PodStage, type StageOutcome, type StageWorld } from './pod-stages.ts';
import { claimClassName, decideNode, podClaimNames, type ClaimInfo, type Verdict } from './scheduler.ts';
import { ensureSimNodes, nodePodSubnet } from './sim-nodes.ts';
import { defaultStorageClass } from './storage-classes.ts';

export * from './pod-stages.ts';
export { PodIpPool } from './ip-pool.ts';

export interface KubeletOptions {
  clock: Clock;
  /** N divides every delay; 'instant' applies each stage at once (back-offs keep speed 1). */
  speed?: Speed;
  /** Number of simulated nodes created at start if absent (default 3). */
  nodes?: number;
  /** Share a pool to assert IP freshness across kubelet restarts in tests. */
  ipPool?: PodIpPool;
  recorder?: EventRecorder;
}

export interface Kubelet {
  stop(): void;
  /** The pool pod IPs come from: tests use it to check that an IP is fresh. */
  readonly ips: PodIpPool;
}

interface Armed {
  uid: string;
  stage: string;
  since: number;
  fired: boolean;
  timer?: TimerHandle;
}

export function startKubelet(store: Store, opts: KubeletOptions): Kubelet {
  const { clock } = opts;
  const recorder = opts.recorder ?? newEventRecorder(store, clock);
  const ips = opts.ipPool ?? new PodIpPool();
  const memos = new Map<string, PodMemo>();
  const armed = new Map<string, Armed>();
  const chosen = new Map<string, number>();
  const images = new Map<string, Set<string>>();
  const pods = new PodIndex(store);

  ensureSimNodes(store, clock, opts.nodes);
  for (const p of store.list(R.pods)) {
    for (const ip of (statusOf(p as Pod).podIPs ?? []).map((x) => x.ip)) ips.reserve(ip);
  }

  const disarm = (key: string) => {
    armed.get(key)?.timer?.cancel();
    armed.delete(key);
  };

  const claimsOf = (pod: Pod): ClaimInfo[] => podClaimNames(pod).map((claimName) => {
    const pvc = store.get(R.pvcs, pod.metadata.namespace, claimName);
    const cls = pvc ? claimClassName(pvc) : undefined;
    const storageClass = cls ? store.get(R.storageClasses, undefined, cls) : cls === undefined ? defaultStorageClass(store) : undefined;
    const volumeName = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName;
    return { claimName, pvc, storageClass, pv: volumeName ? store.get(R.pvs, undefined, volumeName) : undefined };
  });

  const worldFor = (pod: Pod, since: number): StageWorld => {
    const nodeName = specOf(pod).nodeName;
    const node = nodeName ? store.get(R.nodes, undefined, nodeName) : undefined;
    let verdict: Verdict | undefined;
    const memo = memos.get(pod.metadata.uid!) ?? {};
    const claims = claimsOf(pod);
    return {
      now: clock.now(),
      since,
      memo,
      claims,
      node,
      verdict: () => (verdict ??= decideNode(pod, {
        nodes: store.list(R.nodes),
        claims,
        load: (n) => pods.liveOn(n),
        chosen: (n) => chosen.get(n) ?? 0,
      })),
      imagePresent: (image) => !!nodeName && !!images.get(nodeName)?.has(image),
      allocateIp: () => {
        const subnet = node ? nodePodSubnet(node) ?? 0 : 0;
        // Only needed once the node's /24 wrapped around: computed on first use.
        let inUse: Set<string | undefined> | undefined;
        return ips.allocate(subnet, (ip) => (inUse ??= new Set(store.list(R.pods).map((p) => statusOf(p as Pod).podIP))).has(ip));
      },
    };
  };

  const record = (pod: Pod, out: StageOutcome) => {
    const host = specOf(pod).nodeName;
    for (const e of out.events ?? []) {
      const component = e.source;
      recorder.record(typed(R.pods, pod), e.type, e.reason, e.message, {
        component,
        host: component === 'kubelet' ? host : undefined,
        fieldPath: e.fieldPath,
      });
    }
  };

  const apply = (key: string, pod: Pod, stage: PodStage, w: StageWorld) => {
    const out = stage.next(pod, w);
    const uid = pod.metadata.uid!;
    if (out.memo) memos.set(uid, { ...memos.get(uid), ...out.memo });
    if (out.pulled?.length) {
      const node = specOf(out.pod ?? pod).nodeName!;
      const set = images.get(node) ?? new Set<string>();
      out.pulled.forEach((i) => set.add(i));
      images.set(node, set);
    }
    let written: Pod = pod;
    if (out.remove) {
      try {
        store.delete(R.pods, pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid } });
      } catch (err) {
        if (!(err instanceof StoreError && (err.reason === 'NotFound' || err.reason === 'Conflict'))) throw err;
      }
    } else if (out.pod && !sameJson(out.pod, pod)) {
      if (stage.name === 'schedule' && specOf(out.pod).nodeName) {
        const n = specOf(out.pod).nodeName!;
        chosen.set(n, (chosen.get(n) ?? 0) + 1);
      }
      written = store.update(R.pods, out.pod) as Pod;
    }
    retrack(key);
    record(written, out);
    queue.add(key);
  };

  const sync = (key: string) => {
    const { namespace, name } = splitKey(key);
    const pod = store.get(R.pods, namespace, name) as Pod | undefined;
    if (!pod) return disarm(key);
    let a = armed.get(key);
    if (a && a.uid !== pod.metadata.uid) {
      disarm(key);
      a = undefined;
    }
    const stage = nextStage(pod, worldFor(pod, a?.since ?? clock.now()));
    if (!stage) return disarm(key);
    if (a && a.stage !== stage.name) {
      disarm(key);
      a = undefined;
    }
    if (!a) {
      const now = clock.now();
      const base = stage.delay(pod, worldFor(pod, now));
      const delay = stage.backoff && opts.speed === 'instant' ? base : scaleDelay(base, opts.speed);
      if (delay <= 0) return apply(key, pod, stage, worldFor(pod, now));
      const entry: Armed = { uid: pod.metadata.uid!, stage: stage.name, since: now, fired: false };
      entry.timer = clock.setTimeout(() => {
        entry.fired = true;
        queue.add(key);
      }, delay);
      armed.set(key, entry);
      return;
    }
    if (a.fired) {
      armed.delete(key);
      apply(key, pod, stage, worldFor(pod, a.since));
    }
  };

  const queue = new KeyQueue('kubelet', sync, store);

  const add = (key: string) => queue.add(key);
  // Re-files a pod after a change, ours or another's. A node with room again (a pod on it gone or
  // finished): the pods no node had room for try again, as default-scheduler requeues
  // unschedulable pods when an assigned pod goes. Our own writes are filed before the store tells
  // us about them, so the room must be noticed here, not by comparing counts on notification.
  const retrack = (key: string) => {
    if (pods.track(key) !== undefined) pods.unscheduled().forEach(add);
  };

  const onChange = (c: Change) => {
    const obj = c.object;
    switch (c.resource) {
      case R.pods:
        if (c.type === 'DELETED') memos.delete(obj.metadata.uid!);
        retrack(keyOf(obj));
        queue.add(keyOf(obj));
        return;
      case R.pvcs:
        pods.podsUsingClaim(obj.metadata.namespace, obj.metadata.name!).forEach(add);
        return;
      case R.pvs: {
        const ref = (obj.spec as { claimRef?: { namespace?: string; name?: string } } | undefined)?.claimRef;
        if (ref?.name) pods.podsUsingClaim(ref.namespace, ref.name).forEach(add);
        return;
      }
      case R.nodes:
      case R.storageClasses:
        pods.unscheduled().forEach(add);
        if (c.resource === R.nodes) pods.podsOn(obj.metadata.name!).forEach(add);
        return;
    }
  };

  const unsubscribe = store.subscribe(onChange);
  for (const p of store.list(R.pods)) queue.add(keyOf(p));

  return {
    ips,
    stop() {
      unsubscribe();
      queue.stop();
      for (const key of [...armed.keys()]) disarm(key);
    },
  };
}
