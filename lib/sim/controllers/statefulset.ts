// The StatefulSet controller of the embedded cluster (statefulset-semantics.md §1–§4, §6;
// baseline v1.34–1.36, MaxUnavailableStatefulSet off).
//
// Contract:
// - A set is synced whenever it, one of its pods (by controllerRef; orphans: every set whose
//   selector matches), one of its ControllerRevisions or one of its claims changes. Every
//   write a sync makes is itself such a change, so the next step follows right after the
//   cluster has moved (OrderedReady: one create/delete per sync, then wait for the pod).
// - Syncs run synchronously in a deduplicating queue (no microtasks): under a ManualClock the
//   effect of a store write is visible as soon as the write returns. Changes that arrive while
//   the store is dispatching only mark their set; it is synced once they have all been delivered
//   (store.afterDispatch), so a burst of N pod changes costs one sync, not N.
// - Pods are listed from an informer-like cache kept from the store's changes (complete when a
//   sync starts); claims are read from the store, a claim cache only tells whether one changed
//   since a pod last passed its repair checks (statefulset-pod-checks.ts). Writes go to the store.
// - Re-syncs: after minReadySeconds(+1s) when a pod turns Ready, after minReadySeconds while
//   availableReplicas != spec.replicas, with exponential backoff (5ms…1000s) after an error,
//   and on a periodic tick.
// - Pods are deleted through store.delete (graceful); the kubelet finishes the deletion.
//   PVCs are never deleted here (the garbage collector does it through ownerRefs).

import type { KubeObject } from '../../kube/types.ts';
import { admitCreate, checkNamespace } from '../api/admission.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { R, RESOURCES } from '../resources.ts';
import type { Change, Store } from '../store/store.ts';
import { KeyQueue, keyOf, splitKey } from './controller-kit.ts';
import { newEventRecorder, type EventRecorder } from './events.ts';
import { InformerCache } from './informer-cache.ts';
import { isPodReady, minReadySecondsOf, replicasOf, type Pod, type StatefulSet } from './statefulset-model.ts';
import { reconcileStatefulSet } from './statefulset-reconcile.ts';
import { Requeue } from './statefulset-requeue.ts';
import { setsForChange } from './statefulset-triggers.ts';

export interface StatefulSetControllerOptions {
  clock: Clock;
  recorder?: EventRecorder;
  /** Period of the safety-net resync of every set. */
  resyncMs?: number;
}

export interface StatefulSetController {
  stop(): void;
  /** Syncs every set now (synchronously). */
  syncAll(): void;
}

const DEFAULT_RESYNC_MS = 5_000;

/** The API server's create path, as the controller's client requests would take. */
function apiCreate(store: Store, caches: InformerCache[]) {
  return <T extends KubeObject>(resource: string, obj: T): T => {
    const def = RESOURCES.find((r) => r.key === resource);
    if (!def) throw new Error(`unknown resource ${resource}`);
    const o = structuredClone(obj) as T;
    checkNamespace(store, def, o.metadata.namespace, true);
    admitCreate(store, def, o);
    const created = store.create(resource, o) as T;
    for (const cache of caches) if (cache.resource === resource) cache.created(created);
    return created;
  };
}

/** Every pod that turns Ready gets a minReadySeconds+1s re-check of its set (updatePod upstream). */
function onPodReady(c: Change, sets: readonly StatefulSet[], requeue: Requeue): void {
  if (c.resource !== R.pods || c.type !== 'MODIFIED' || isPodReady(c.old as Pod) || !isPodReady(c.object as Pod)) return;
  for (const set of sets) {
    const mrs = set.spec?.minReadySeconds ?? 0;
    if (mrs > 0) requeue.after(keyOf(set), (mrs + 1) * 1000, `${keyOf(set)} ready ${c.object.metadata.name}`);
  }
}

export function startStatefulSetController(store: Store, opts: StatefulSetControllerOptions): StatefulSetController {
  const { clock } = opts;
  const recorder = opts.recorder ?? newEventRecorder(store, clock);
  const pods = new InformerCache(store, R.pods);
  const claims = new InformerCache(store, R.pvcs);
  const create = apiCreate(store, [pods, claims]);
  const listPods = (namespace: string | undefined) => pods.list(namespace);
  const cachedClaim = (namespace: string | undefined, name: string) => claims.get(namespace, name);

  const sync = (key: string) => {
    const { namespace, name } = splitKey(key);
    try {
      const result = reconcileStatefulSet({ store, recorder, now: clock.now(), create, listPods, cachedClaim }, namespace, name);
      requeue.succeeded(key);
      const mrs = result ? minReadySecondsOf(result.set) : 0;
      if (result?.status && mrs > 0 && result.status.availableReplicas !== replicasOf(result.set)) requeue.after(key, mrs * 1000);
    } catch {
      // Transient by design (a claim being deleted, a conflict): retry with backoff. The
      // user-visible trace is the Warning event the failing step recorded.
      requeue.failed(key);
    }
  };
  const queue = new KeyQueue('statefulset-controller', sync, store);
  const requeue = new Requeue(clock, (key) => queue.add(key));

  const unsubscribe = store.subscribe((c) => {
    pods.observe(c);
    claims.observe(c);
    if (c.resource === R.statefulsets) return queue.add(keyOf(c.object));
    if (c.resource !== R.pods && c.resource !== R.controllerRevisions && c.resource !== R.pvcs) return;
    const sets = setsForChange(store, c);
    for (const set of sets) queue.add(keyOf(set));
    onPodReady(c, sets, requeue);
  });

  let stopped = false;
  const syncAll = () => {
    for (const set of store.list(R.statefulsets)) queue.add(keyOf(set));
  };
  const tick = () => {
    if (stopped) return;
    syncAll();
    tickHandle = clock.setTimeout(tick, opts.resyncMs ?? DEFAULT_RESYNC_MS);
  };
  let tickHandle: TimerHandle = clock.setTimeout(tick, opts.resyncMs ?? DEFAULT_RESYNC_MS);
  syncAll();

  return {
    syncAll,
    stop: () => {
      stopped = true;
      tickHandle.cancel();
      unsubscribe();
      queue.stop();
      requeue.stop();
    },
  };
}
