// The garbage collector: ownerReferences semantics of kube-controller-manager's GC
// (pkg/controller/garbagecollector, attemptToDeleteItem / processDeletingDependentsItem /
// orphanDependents), restated:
// - An owner is "absent" when no object of the referenced kind and name exists, or the one that
//   exists has a different uid (a recreated owner does not adopt old dependents). It is
//   "waiting" when it is being deleted with the foregroundDeletion finalizer, else "solid".
// - A dependent with at least one solid owner keeps living; references to absent and waiting
//   owners are removed from it. Without a solid owner it is deleted (background; foreground if
//   it has dependents of its own and an owner is waiting, so the cascade stays blocking).
// - Foreground: the owner keeps foregroundDeletion until no dependent with
//   blockOwnerDeletion=true references it any more (dependents being deleted still count until
//   they are gone), then the finalizer is removed and the owner disappears.
// - Orphan: the owner's references are removed from every dependent, then the orphan finalizer.
// Owner kinds the embedded cluster does not serve are treated as solid (never collected).
// Runs on every change plus a resync timer (default 30 s).

import type { KubeObject, OwnerReference } from '../../kube/types.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import { R, RESOURCES, type ResourceDef } from '../resources.ts';
import { StoreError, type Change, type DeleteOptions, type Store } from '../store/store.ts';
import { KeyQueue } from './controller-kit.ts';

type OwnerState = 'absent' | 'solid' | 'waiting';

interface Loc {
  resource: string;
  namespace?: string;
  name: string;
}

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

function locKey(l: Loc): string {
  return `${l.resource}|${l.namespace ?? ''}|${l.name}`;
}

function parseLoc(key: string): Loc {
  const [resource, namespace, name] = key.split('|');
  return { resource, namespace: namespace || undefined, name };
}

function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

function defFor(ref: OwnerReference): ResourceDef | undefined {
  return RESOURCES.find((r) => r.kind === ref.kind && r.group === groupOf(ref.apiVersion));
}

export function startGarbageCollector(store: Store, opts: { clock: Clock; resyncMs?: number }): { stop(): void } {
  // Events are neither owners nor dependents in practice and are the bulk of all writes.
  const resources = RESOURCES.map((r) => r.key).filter((k) => {
    if (k === R.events) return false;
    try { store.resourceTraits(k); return true; } catch { return false; }
  });
  // owner uid -> dependents (loc keys); uid -> where the object lives.
  const dependents = new Map<string, Set<string>>();
  const where = new Map<string, Loc>();

  const index = (resource: string, obj: KubeObject, add: boolean) => {
    const loc: Loc = { resource, namespace: obj.metadata.namespace, name: obj.metadata.name! };
    const k = locKey(loc);
    if (add) where.set(obj.metadata.uid!, loc);
    else if (where.get(obj.metadata.uid!) && locKey(where.get(obj.metadata.uid!)!) === k) where.delete(obj.metadata.uid!);
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const set = dependents.get(ref.uid) ?? new Set<string>();
      if (add) set.add(k);
      else set.delete(k);
      if (set.size) dependents.set(ref.uid, set);
      else dependents.delete(ref.uid);
    }
  };

  const get = (l: Loc) => store.get(l.resource, l.namespace, l.name);

  const ownerState = (dep: KubeObject, ref: OwnerReference): OwnerState => {
    const def = defFor(ref);
    if (!def || !resources.includes(def.key)) return 'solid';
    const owner = store.get(def.key, def.namespaced ? dep.metadata.namespace : undefined, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return 'absent';
    if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND)) return 'waiting';
    return 'solid';
  };

  const deleteQuietly = (l: Loc, o: DeleteOptions, uid: string) => {
    try {
      store.delete(l.resource, l.namespace, l.name, { ...o, preconditions: { uid } });
    } catch (err) {
      if (!(err instanceof StoreError && (err.reason === 'NotFound' || err.reason === 'Conflict'))) throw err;
    }
  };

  const removeRefs = (l: Loc, obj: KubeObject, drop: (r: OwnerReference) => boolean) => {
    const next = structuredClone(obj) as KubeObject;
    next.metadata.ownerReferences = (obj.metadata.ownerReferences ?? []).filter((r) => !drop(r));
    if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
    store.update(l.resource, next);
  };

  const processDependent = (l: Loc) => {
    const obj = get(l);
    const refs = obj?.metadata.ownerReferences ?? [];
    if (!obj || !refs.length) return;
    if (obj.metadata.deletionTimestamp) return;
    const states = refs.map((r) => ownerState(obj, r));
    if (states.includes('solid')) {
      if (states.some((s) => s !== 'solid')) removeRefs(l, obj, (r) => ownerState(obj, r) !== 'solid');
      return;
    }
    const cascade = states.includes('waiting') && (dependents.get(obj.metadata.uid!)?.size ?? 0) > 0;
    deleteQuietly(l, cascade ? { propagationPolicy: 'Foreground' } : {}, obj.metadata.uid!);
  };

  const dependentsOf = (uid: string) =>
    [...(dependents.get(uid) ?? [])].map(parseLoc).map((l) => ({ l, obj: get(l) })).filter((d): d is { l: Loc; obj: KubeObject } =>
      !!d.obj && (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === uid));

  const removeFinalizer = (l: Loc, uid: string, finalizer: string) => {
    const obj = get(l);
    if (!obj || obj.metadata.uid !== uid || !obj.metadata.finalizers?.includes(finalizer)) return;
    const next = structuredClone(obj) as KubeObject;
    next.metadata.finalizers = obj.metadata.finalizers.filter((f) => f !== finalizer);
    store.update(l.resource, next);
  };

  const processOwner = (uid: string) => {
    const l = where.get(uid);
    const owner = l && get(l);
    if (!l || !owner || owner.metadata.uid !== uid) {
      for (const d of dependentsOf(uid)) queue.add(`dep:${locKey(d.l)}`);
      return;
    }
    if (!owner.metadata.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    if (finalizers.includes(ORPHAN)) {
      for (const d of dependentsOf(uid)) removeRefs(d.l, d.obj, (r) => r.uid === uid);
      removeFinalizer(l, uid, ORPHAN);
    } else if (finalizers.includes(FOREGROUND)) {
      const deps = dependentsOf(uid);
      for (const d of deps) queue.add(`dep:${locKey(d.l)}`);
      const blocking = deps.some((d) => d.obj.metadata.ownerReferences!.some((r) => r.uid === uid && r.blockOwnerDeletion));
      if (!blocking) removeFinalizer(l, uid, FOREGROUND);
    }
  };

  const queue = new KeyQueue('garbage-collector', (k) => (k.startsWith('dep:') ? processDependent(parseLoc(k.slice(4))) : processOwner(k.slice(6))), store);

  const onChange = (c: Change) => {
    if (!resources.includes(c.resource)) return;
    const obj = c.object;
    if (c.old) index(c.resource, c.old, false);
    if (c.type !== 'DELETED') index(c.resource, obj, true);
    const loc = locKey({ resource: c.resource, namespace: obj.metadata.namespace, name: obj.metadata.name! });
    if (c.type === 'DELETED') {
      queue.add(`owner:${obj.metadata.uid}`);
      for (const r of obj.metadata.ownerReferences ?? []) queue.add(`owner:${r.uid}`);
      return;
    }
    if (obj.metadata.ownerReferences?.length) queue.add(`dep:${loc}`);
    const f = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && (f.includes(FOREGROUND) || f.includes(ORPHAN))) queue.add(`owner:${obj.metadata.uid}`);
  };

  let timer: TimerHandle | undefined;
  let stopped = false;
  const resync = () => {
    for (const resource of resources) {
      for (const obj of store.list(resource)) {
        index(resource, obj, true);
        if (obj.metadata.ownerReferences?.length) queue.add(`dep:${locKey({ resource, namespace: obj.metadata.namespace, name: obj.metadata.name! })}`);
        if (obj.metadata.deletionTimestamp) queue.add(`owner:${obj.metadata.uid}`);
      }
    }
  };
  const tick = () => {
    if (stopped) return;
    resync();
    timer = opts.clock.setTimeout(tick, opts.resyncMs ?? 30_000);
  };

  const unsubscribe = store.subscribe(onChange);
  tick();
  return {
    stop() {
      stopped = true;
      unsubscribe();
      queue.stop();
      timer?.cancel();
    },
  };
}
