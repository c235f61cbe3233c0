// processReplica's last question for every replica on every sync: do the pod's identity, its
// storage volumes and its claims' retention-policy ownerRefs already match the set (else the
// controller repairs them with an UPDATE)? statefulset-semantics.md §2.2 step 7.
//
// A stored pod is deep-frozen, so a "consistent" verdict is remembered per pod object together
// with what it was computed from: the set's shape (identity, claim templates, retention policy,
// ordinal range) and the claim objects read from the store. A new pod object, another shape or
// any claim that changed (stored objects are replaced, never mutated) computes it again. This
// keeps a sync of a large, settled set to a few lookups per pod.

import { R } from '../resources.ts';
import { claimsMatchRetentionPolicy } from './statefulset-claim-control.ts';
import type { SyncContext } from './statefulset-context.ts';
import { ordinalOf, replicasOf, retentionPolicy, startOrdinal, type Pod, type StatefulSet } from './statefulset-model.ts';
import { claimsForPod, identityMatches, storageMatches } from './statefulset-pods.ts';

interface Verdict {
  shape: string;
  claimNames: string[];
  claims: unknown[];
}

const consistent = new WeakMap<Pod, Verdict>();

/** What the checks read from the set, as one comparable string (compute once per sync). */
export function checkShape(set: StatefulSet): string {
  const policy = retentionPolicy(set);
  const templates = (set.spec.volumeClaimTemplates ?? []).map((t) => t.metadata.name ?? '');
  return JSON.stringify([set.metadata.uid, set.metadata.namespace, set.metadata.name, templates, policy.whenDeleted, policy.whenScaled, startOrdinal(set), replicasOf(set)]);
}

function claimOf(ctx: SyncContext, namespace: string | undefined, name: string): unknown {
  return ctx.cachedClaim ? ctx.cachedClaim(namespace, name) : ctx.store.get(R.pvcs, namespace, name);
}

function claimsUnchanged(ctx: SyncContext, namespace: string | undefined, v: Verdict): boolean {
  for (let i = 0; i < v.claimNames.length; i++) {
    if (claimOf(ctx, namespace, v.claimNames[i]) !== v.claims[i]) return false;
  }
  return true;
}

/**
 * identityMatches && storageMatches && claimsMatchRetentionPolicy (an error reading claims
 * counts as a match, as upstream ignores it). `shape` is checkShape(set).
 */
export function podIsConsistent(ctx: SyncContext, set: StatefulSet, updateSet: StatefulSet, shape: string, pod: Pod): boolean {
  const namespace = set.metadata.namespace;
  const memo = consistent.get(pod);
  if (memo && memo.shape === shape && claimsUnchanged(ctx, namespace, memo)) return true;
  let retentionMatch = true;
  let remember = Object.isFrozen(pod);
  try {
    retentionMatch = claimsMatchRetentionPolicy(ctx, updateSet, pod);
  } catch {
    remember = false;
  }
  const ok = identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch;
  if (ok && remember) {
    const claimNames = claimsForPod(updateSet, ordinalOf(pod)).map((c) => c.claimName);
    consistent.set(pod, { shape, claimNames, claims: claimNames.map((n) => claimOf(ctx, namespace, n)) });
  }
  return ok;
}
