// Simulated storage: the default StorageClass `standard`, a dynamic provisioner with
// WaitForFirstConsumer binding (statefulset-semantics.md §4.3), the PVC/PV protection
// controllers and PV reclaim.
//
// Contracts:
// - PVCs get `kubernetes.io/pvc-protection` on sight; a PVC being deleted loses it once no
//   scheduled, non-terminal pod mounts it (pods being deleted still count until they are gone).
// - A PVC without storageClassName gets the default class (retroactive default assignment).
// - WaitForFirstConsumer: nothing happens until a pod using the PVC is scheduled; then the PVC is
//   annotated with the selected node, and after the provisioning delay a PV `pvc-<uid>` pinned
//   to that node is created and both are Bound. Immediate classes provision at once.
// - A PVC naming a missing class stays Pending (Warning ProvisioningFailed) until it appears.
// - When a Bound PVC is gone its PV becomes Released; with reclaimPolicy Delete the provisioner
//   then deletes it. `kubernetes.io/pv-protection` is dropped once the PV is no longer Bound.
// Limits: no static binding of pre-created PVs by matching (only PVCs naming spec.volumeName),
// no capacity/access-mode matching, no volume expansion.

import type { KubeObject } from '../../kube/types.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { R } from '../resources.ts';
import type { Change, Store } from '../store/store.ts';
import { KeyQueue, keyOf, rfc3339, scaleDelay, splitKey, type Speed } from './controller-kit.ts';
import { newEventRecorder, type EventRecorder, type EventType } from './events.ts';
import { PodIndex } from './pod-index.ts';
import { isTerminal, specOf, type Pod } from './pod-parts.ts';
import {
  boundClaim, claimForProvisioning, provisionedPv, provisionerComponent, pvNameFor, withoutFinalizer,
  PROVISIONED_BY_ANNOTATION, PV_PROTECTION, PVC_PROTECTION, STORAGE_PROVISIONER_ANNOTATION, type Pv, type Pvc,
} from './pv-binding.ts';
import { podClaimNames, SELECTED_NODE_ANNOTATION } from './scheduler.ts';
import { bindingMode, defaultStorageClass, ensureDefaultStorageClass, provisionerOf } from './storage-classes.ts';

export interface StorageOptions {
  clock: Clock;
  speed?: Speed;
  recorder?: EventRecorder;
  /** Base delay (ms at speed 1) between "Provisioning" and the PV being Bound. Default 200. */
  provisionDelayMs?: number;
  /** Base delay (ms at speed 1) between a PV turning Released and its deletion. Default 300. */
  reclaimDelayMs?: number;
}

const PV_CONTROLLER = 'persistentvolume-controller';

export function startStorageController(store: Store, opts: StorageOptions): { stop(): void } {
  const { clock } = opts;
  const recorder = opts.recorder ?? newEventRecorder(store, clock);
  const reported = new Map<string, string>();
  const timers = new Map<string, { handle: TimerHandle; fired: boolean }>();

  ensureDefaultStorageClass(store);
  const pods = new PodIndex(store);

  const event = (pvc: KubeObject, type: EventType, reason: string, message: string, component = PV_CONTROLLER) =>
    recorder.record({ ...pvc, apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, type, reason, message, { component });

  /** Records an event once per PVC and state (re-armed when the state changes). */
  const reportOnce = (pvc: KubeObject, state: string, type: EventType, reason: string, message: string) => {
    if (reported.get(pvc.metadata.uid!) === state) return;
    reported.set(pvc.metadata.uid!, state);
    event(pvc, type, reason, message);
  };

  /** Arms a timer that re-queues `queueKey`; true once the delay has passed (or is zero). */
  const after = (id: string, baseMs: number, queueKey: string): boolean => {
    const t = timers.get(id);
    if (t) {
      if (!t.fired) return false;
      timers.delete(id);
      return true;
    }
    const delay = scaleDelay(baseMs, opts.speed);
    if (delay <= 0) return true;
    const entry = { fired: false, handle: clock.setTimeout(() => { entry.fired = true; queue.add(queueKey); }, delay) };
    timers.set(id, entry);
    return false;
  };

  const consumers = (pvc: KubeObject) =>
    pods.podsUsingClaim(pvc.metadata.namespace, pvc.metadata.name!).map((k) => {
      const { namespace, name } = splitKey(k);
      return store.get(R.pods, namespace, name) as Pod | undefined;
    }).filter((p): p is Pod => !!p);
  const inUse = (pvc: KubeObject) => consumers(pvc).some((p) => specOf(p).nodeName && !isTerminal(p));

  const provision = (pvc: Pvc, sc: KubeObject | undefined, node: string | undefined) => {
    const existing = store.get(R.pvs, undefined, pvNameFor(pvc)) as Pv | undefined;
    const pv = existing ?? (store.create(R.pvs, provisionedPv(pvc, sc, node, clock.now())) as Pv);
    store.update(R.pvcs, boundClaim(pvc, pv));
    event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata.name}`, provisionerComponent(sc));
  };

  const syncClaimBinding = (key: string, pvc: Pvc) => {
    const spec = pvc.spec ?? {};
    if (spec.volumeName) {
      const pv = store.get(R.pvs, undefined, spec.volumeName) as Pv | undefined;
      const ref = pv?.spec?.claimRef;
      if (pv && !pv.metadata.deletionTimestamp && (!ref?.uid || ref.uid === pvc.metadata.uid)) {
        if (!ref?.uid) store.update(R.pvs, { ...structuredClone(pv), spec: { ...pv.spec, claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid } }, status: { phase: 'Bound', lastPhaseTransitionTime: rfc3339(clock.now()) } });
        store.update(R.pvcs, boundClaim(pvc, store.get(R.pvs, undefined, spec.volumeName) as Pv));
      }
      return;
    }
    const className = spec.storageClassName;
    if (!className) {
      reportOnce(pvc, 'static', 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    const sc = store.get(R.storageClasses, undefined, className);
    if (!sc) {
      reportOnce(pvc, `no-class:${className}`, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    const annotations = pvc.metadata.annotations ?? {};
    let node: string | undefined;
    if (bindingMode(sc) === 'WaitForFirstConsumer') {
      node = annotations[SELECTED_NODE_ANNOTATION] ?? consumers(pvc).find((p) => specOf(p).nodeName && !isTerminal(p))?.spec?.nodeName;
      if (!node) {
        reportOnce(pvc, 'wffc', 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
        return;
      }
    }
    if (!annotations[STORAGE_PROVISIONER_ANNOTATION] || (node && !annotations[SELECTED_NODE_ANNOTATION])) {
      const p = provisionerOf(sc);
      store.update(R.pvcs, claimForProvisioning(pvc, sc, node));
      event(pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${p}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
      event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`, provisionerComponent(sc));
      return;
    }
    if (after(`provision:${pvc.metadata.uid}`, opts.provisionDelayMs ?? 200, `pvc:${key}`)) provision(pvc, sc, node);
  };

  const syncClaim = (key: string) => {
    const { namespace, name } = splitKey(key);
    const pvc = store.get(R.pvcs, namespace, name) as Pvc | undefined;
    if (!pvc) return;
    const finalizers = pvc.metadata.finalizers ?? [];
    if (pvc.metadata.deletionTimestamp) {
      if (finalizers.includes(PVC_PROTECTION) && !inUse(pvc)) store.update(R.pvcs, withoutFinalizer(pvc, PVC_PROTECTION));
      return;
    }
    const def = pvc.spec?.storageClassName === undefined && !pvc.spec?.volumeName ? defaultStorageClass(store) : undefined;
    if (!finalizers.includes(PVC_PROTECTION) || def) {
      const next = structuredClone(pvc) as Pvc;
      if (!finalizers.includes(PVC_PROTECTION)) next.metadata.finalizers = [...finalizers, PVC_PROTECTION];
      if (def) next.spec = { ...next.spec, storageClassName: def.metadata.name };
      store.update(R.pvcs, next);
      return;
    }
    const phase = pvc.status?.phase ?? 'Pending';
    if (phase === 'Bound') {
      const volume = pvc.spec?.volumeName;
      if (volume && !store.get(R.pvs, undefined, volume)) {
        store.update(R.pvcs, { ...structuredClone(pvc), status: { ...pvc.status, phase: 'Lost' } });
        event(pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      }
      return;
    }
    if (phase === 'Pending') syncClaimBinding(key, pvc);
  };

  const syncVolume = (key: string) => {
    const pv = store.get(R.pvs, undefined, splitKey(key).name) as Pv | undefined;
    if (!pv) return;
    const phase = pv.status?.phase;
    const ref = pv.spec?.claimRef;
    if (phase === 'Bound' && ref?.name) {
      const pvc = store.get(R.pvcs, ref.namespace, ref.name);
      if (!pvc || (ref.uid && pvc.metadata.uid !== ref.uid)) {
        store.update(R.pvs, { ...structuredClone(pv), status: { ...pv.status, phase: 'Released', lastPhaseTransitionTime: rfc3339(clock.now()) } });
        return;
      }
    }
    if (pv.metadata.deletionTimestamp) {
      if ((pv.metadata.finalizers ?? []).includes(PV_PROTECTION) && phase !== 'Bound') store.update(R.pvs, withoutFinalizer(pv, PV_PROTECTION));
      return;
    }
    const dynamic = !!pv.metadata.annotations?.[PROVISIONED_BY_ANNOTATION];
    if (phase === 'Released' && dynamic && pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      if (after(`reclaim:${pv.metadata.uid}`, opts.reclaimDelayMs ?? 300, `pv:${key}`)) store.delete(R.pvs, undefined, pv.metadata.name!);
    }
  };

  const queue = new KeyQueue('storage', (k) => (k.startsWith('pv:') ? syncVolume(k.slice(3)) : syncClaim(k.slice(4))), store);
  const claimKey = (namespace: string | undefined, name: string) => `pvc:${namespace}/${name}`;

  const onChange = (c: Change) => {
    const obj = c.object;
    switch (c.resource) {
      case R.pvcs: {
        queue.add(claimKey(obj.metadata.namespace, obj.metadata.name!));
        if (c.type === 'DELETED') {
          reported.delete(obj.metadata.uid!);
          timers.get(`provision:${obj.metadata.uid}`)?.handle.cancel();
          timers.delete(`provision:${obj.metadata.uid}`);
          const volume = (obj.spec as { volumeName?: string } | undefined)?.volumeName;
          if (volume) queue.add(`pv:${volume}`);
        }
        return;
      }
      case R.pvs: {
        queue.add(`pv:${obj.metadata.name}`);
        const ref = (obj.spec as Pv['spec'])?.claimRef;
        if (ref?.name) queue.add(claimKey(ref.namespace, ref.name));
        return;
      }
      case R.pods:
        pods.track(keyOf(obj));
        for (const p of [c.old, obj]) for (const n of p ? podClaimNames(p as Pod) : []) queue.add(claimKey(obj.metadata.namespace, n));
        return;
      case R.storageClasses:
        store.list(R.pvcs).forEach((p) => queue.add(`pvc:${keyOf(p)}`));
        return;
    }
  };

  const unsubscribe = store.subscribe(onChange);
  store.list(R.pvcs).forEach((p) => queue.add(`pvc:${keyOf(p)}`));
  store.list(R.pvs).forEach((p) => queue.add(`pv:${p.metadata.name}`));

  return {
    stop() {
      unsubscribe();
      queue.stop();
      for (const t of timers.values()) t.handle.cancel();
      timers.clear();
    },
  };
}
