// Which StatefulSets a store change concerns (stateful_set.go addPod/updatePod/deletePod and
// resolveControllerRef; revisions and claims are routed the same way). Pure reads of the store.

import type { KubeObject } from '../../kube/types.ts';
import { fromLabelSelector, isEmptySelector, matches } from '../../kube/labels.ts';
import { R } from '../resources.ts';
import type { Change, Store } from '../store/store.ts';
import { controllerOf, parseName, type StatefulSet } from './statefulset-model.ts';

/** The set a controllerRef names, if it still is that very set. */
function resolveRef(store: Store, namespace: string | undefined, obj: KubeObject | undefined): StatefulSet | undefined {
  const ref = obj && controllerOf(obj);
  if (!ref || ref.kind !== 'StatefulSet') return undefined;
  const set = store.get(R.statefulsets, namespace, ref.name) as StatefulSet | undefined;
  return set && set.metadata.uid === ref.uid ? set : undefined;
}

function setsSelecting(store: Store, obj: KubeObject): StatefulSet[] {
  return (store.list(R.statefulsets, obj.metadata.namespace) as StatefulSet[]).filter(
    (s) => !isEmptySelector(s.spec?.selector) && matches(fromLabelSelector(s.spec.selector), obj.metadata.labels),
  );
}

/** Sets whose claim templates produce this claim name (`<template>-<set>-<ordinal>`). */
function setsOfClaim(store: Store, pvc: KubeObject): StatefulSet[] {
  const name = pvc.metadata.name ?? '';
  return (store.list(R.statefulsets, pvc.metadata.namespace) as StatefulSet[]).filter((s) =>
    (s.spec?.volumeClaimTemplates ?? []).some((t) => {
      const prefix = `${t.metadata?.name}-`;
      return name.startsWith(prefix) && parseName(name.slice(prefix.length)).parent === s.metadata.name;
    }),
  );
}

/** Orphans are offered to every matching set when they appear or their labels/ref change. */
function orphanAdopters(store: Store, c: Change): StatefulSet[] {
  if (c.type === 'DELETED' || controllerOf(c.object)) return [];
  if (c.type === 'MODIFIED' && c.old) {
    const labelsChanged = JSON.stringify(c.old.metadata.labels) !== JSON.stringify(c.object.metadata.labels);
    if (!labelsChanged && !controllerOf(c.old)) return [];
  }
  return setsSelecting(store, c.object);
}

/** The sets a change concerns (stateful_set.go add/update/deletePod, plus revisions and claims). */
export function setsForChange(store: Store, c: Change): StatefulSet[] {
  const ns = c.object.metadata.namespace;
  const out: Array<StatefulSet | undefined> = [resolveRef(store, ns, c.object), resolveRef(store, ns, c.old)];
  if (c.resource === R.pods || c.resource === R.controllerRevisions) {
    out.push(...orphanAdopters(store, c));
  } else if (c.resource === R.pvcs) {
    out.push(...setsOfClaim(store, c.object));
  }
  return out.filter((s): s is StatefulSet => !!s);
}
