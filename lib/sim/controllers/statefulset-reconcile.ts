// One sync of one StatefulSet key (stateful_set.go sync + stateful_set_control.go
// UpdateStatefulSet/performUpdate): adopt orphaned revisions, claim pods, pick revisions,
// create/delete/update pods, write the status, truncate history. Errors are thrown after the
// status and history work is done, so the caller can retry with backoff.

import { R } from '../resources.ts';
import { applyDefaults } from '../api/defaults.ts';
import { adoptOrphanRevisions, getStatefulSetRevisions, listRevisions, truncateHistory, type SetRevisions } from './revision-history.ts';
import type { ControllerRevision } from './revision.ts';
import { claimPods } from './statefulset-adoption.ts';
import { aggregateError, asError, type SyncContext } from './statefulset-context.ts';
import type { StatefulSet } from './statefulset-model.ts';
import { writeStatus, type WorkingStatus } from './statefulset-status.ts';
import { updateStatefulSet } from './statefulset-sync.ts';

export interface ReconcileResult {
  set: StatefulSet;
  status?: WorkingStatus;
}

/**
 * The set as the controller's informer would hold it: API-defaulted. Objects written through the
 * API server already are; defaulting again is a no-op for them and protects against objects
 * put into the store directly.
 */
function readSet(ctx: SyncContext, namespace: string | undefined, name: string): StatefulSet | undefined {
  const stored = ctx.store.get(R.statefulsets, namespace, name);
  if (!stored) return undefined;
  const set = structuredClone(stored) as StatefulSet;
  applyDefaults(R.statefulsets, set);
  return set;
}

/** Syncs one set; undefined if it no longer exists. Throws the sync's error, if any. */
export function reconcileStatefulSet(ctx: SyncContext, namespace: string | undefined, name: string): ReconcileResult | undefined {
  const set = readSet(ctx, namespace, name);
  if (!set) return undefined;
  adoptOrphanRevisions(ctx, set);
  const pods = claimPods(ctx, set);
  const revisions = listRevisions(ctx, set);
  const errs: Error[] = [];
  let revs: SetRevisions | undefined;
  let status: WorkingStatus | undefined;
  try {
    revs = getStatefulSetRevisions(ctx, set, revisions);
    const result = updateStatefulSet(ctx, set, revs.current, revs.update, revs.collisionCount, pods);
    status = result.status;
    if (result.error) errs.push(result.error);
    writeStatus(ctx, set, status);
  } catch (e) {
    errs.push(asError(e));
  }
  try {
    const live: Array<ControllerRevision | undefined> = [revs?.current, revs?.update];
    truncateHistory(ctx, set, pods, revisions, live);
  } catch (e) {
    errs.push(asError(e));
  }
  const err = aggregateError(errs);
  if (err) throw err;
  return { set, status };
}
