// The store side of a StatefulSet's ControllerRevisions (statefulset-semantics.md §3.1, §3.7;
// controller_history.go, getStatefulSetRevisions, truncateHistory): list owned and orphaned
// revisions, adopt orphans, pick or create the update revision (renumbering an older equal one
// on rollback, re-hashing on a name collision), and delete surplus history.

import { fromLabelSelector, isEmptySelector, matches } from '../../kube/labels.ts';
import { R } from '../resources.ts';
import { StoreError } from '../store/store.ts';
import {
  canonicalRaw,
  controllerRevisionName,
  equalRevision,
  hashRevisionRaw,
  newControllerRevision,
  nextRevisionNumber,
  revisionsToTruncate,
  sortRevisions,
  statefulSetControllerRef,
  type ControllerRevision,
} from './revision.ts';
import { hasReason, type SyncContext } from './statefulset-context.ts';
import { controllerOf, podRevision, type Pod, type StatefulSet } from './statefulset-model.ts';

const DEFAULT_HISTORY_LIMIT = 10;

/** Revisions matching the selector that the set controls or nobody controls, sorted. */
export function listRevisions(ctx: SyncContext, set: StatefulSet): ControllerRevision[] {
  if (isEmptySelector(set.spec.selector)) return [];
  const reqs = fromLabelSelector(set.spec.selector);
  const owned = (ctx.store.list(R.controllerRevisions, set.metadata.namespace) as ControllerRevision[]).filter((r) => {
    if (!matches(reqs, r.metadata.labels)) return false;
    const ref = controllerOf(r);
    return !ref || ref.uid === set.metadata.uid;
  });
  return sortRevisions(owned);
}

/** Adopts orphaned revisions, after re-reading the set to be sure it is still the same one. */
export function adoptOrphanRevisions(ctx: SyncContext, set: StatefulSet): void {
  const orphans = listRevisions(ctx, set).filter((r) => !controllerOf(r));
  if (!orphans.length) return;
  const fresh = ctx.store.get(R.statefulsets, set.metadata.namespace, set.metadata.name ?? '');
  if (!fresh) throw new StoreError('NotFound', `statefulsets.apps "${set.metadata.name}" not found`);
  if (fresh.metadata.uid !== set.metadata.uid) {
    throw new Error(`original StatefulSet ${set.metadata.namespace}/${set.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${set.metadata.uid}`);
  }
  for (const rev of orphans) {
    const next = structuredClone(rev) as ControllerRevision;
    next.metadata.ownerReferences = [...(rev.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid), statefulSetControllerRef(set)];
    ctx.store.update(R.controllerRevisions, next);
  }
}

/** CreateControllerRevision: on a name taken by different data, bump the collision count and retry. */
function createRevision(ctx: SyncContext, set: StatefulSet, rev: ControllerRevision, collision: { count: number }): ControllerRevision {
  const raw = canonicalRaw(rev.data);
  for (;;) {
    const clone = structuredClone(rev) as ControllerRevision;
    clone.metadata.name = controllerRevisionName(set.metadata.name ?? '', hashRevisionRaw(raw, collision.count));
    try {
      return ctx.create(R.controllerRevisions, clone);
    } catch (e) {
      if (!(hasReason(e, 'AlreadyExists'))) throw e;
      const exists = ctx.store.get(R.controllerRevisions, set.metadata.namespace, clone.metadata.name) as ControllerRevision | undefined;
      if (exists && canonicalRaw(exists.data) === canonicalRaw(clone.data)) return exists;
      collision.count++;
    }
  }
}

function renumber(ctx: SyncContext, rev: ControllerRevision, revision: number): ControllerRevision {
  if (rev.revision === revision) return rev;
  const next = structuredClone(rev) as ControllerRevision;
  next.revision = revision;
  return ctx.store.update(R.controllerRevisions, next) as ControllerRevision;
}

export interface SetRevisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
}

/**
 * getStatefulSetRevisions. `revisions` must be sorted. The update revision is the latest one if
 * its data equals the template, else an older equal one renumbered to max+1 (a rollback), else
 * a new one. The current revision is the one named by status.currentRevision, else the update one.
 */
export function getStatefulSetRevisions(ctx: SyncContext, set: StatefulSet, revisions: readonly ControllerRevision[]): SetRevisions {
  const collision = { count: set.status?.collisionCount ?? 0 };
  const candidate = newControllerRevision(set, set.spec.template, nextRevisionNumber(revisions), collision.count);
  const equal = revisions.filter((r) => equalRevision(r, candidate));
  let update: ControllerRevision;
  if (equal.length && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    update = revisions[revisions.length - 1];
  } else if (equal.length) {
    update = renumber(ctx, equal[equal.length - 1], candidate.revision ?? 1);
  } else {
    update = createRevision(ctx, set, candidate, collision);
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount: collision.count };
}

/** Deletes the oldest non-live revisions beyond spec.revisionHistoryLimit (default 10). */
export function truncateHistory(ctx: SyncContext, set: StatefulSet, pods: readonly Pod[], revisions: readonly ControllerRevision[], live: readonly (ControllerRevision | undefined)[]): void {
  const names = new Set<string>();
  for (const r of live) if (r?.metadata.name) names.add(r.metadata.name);
  for (const p of pods) names.add(podRevision(p));
  const limit = set.spec.revisionHistoryLimit ?? DEFAULT_HISTORY_LIMIT;
  for (const rev of revisionsToTruncate(revisions, names, limit)) {
    try {
      ctx.store.delete(R.controllerRevisions, rev.metadata.namespace, rev.metadata.name ?? '');
    } catch (e) {
      if (!(hasReason(e, 'NotFound'))) throw e;
    }
  }
}
