// The StatefulSet controller's events, texts exactly as upstream writes them
// (statefulset-semantics.md §6; stateful_pod_control.go recordPodEvent / recordClaimEvent).
// The involved object is always the StatefulSet.

import type { KubeObject } from '../../kube/types.ts';
import type { SyncContext } from './statefulset-context.ts';

export type Verb = 'create' | 'update' | 'delete';

const title = (verb: Verb) => verb[0].toUpperCase() + verb.slice(1);
// Always attributed to the controller, whatever defaults a shared recorder carries.
const SOURCE = { component: 'statefulset-controller' };

export function recordPodEvent(ctx: SyncContext, verb: Verb, set: KubeObject, pod: KubeObject, err?: Error): void {
  const [pod_, set_] = [pod.metadata.name, set.metadata.name];
  if (!err) ctx.recorder.record(set, 'Normal', `Successful${title(verb)}`, `${verb} Pod ${pod_} in StatefulSet ${set_} successful`, SOURCE);
  else ctx.recorder.record(set, 'Warning', `Failed${title(verb)}`, `${verb} Pod ${pod_} in StatefulSet ${set_} failed error: ${err.message}`, SOURCE);
}

export function recordClaimEvent(ctx: SyncContext, verb: Verb, set: KubeObject, pod: KubeObject, claim: KubeObject, err?: Error): void {
  const [claim_, pod_, set_] = [claim.metadata.name, pod.metadata.name, set.metadata.name];
  if (!err) ctx.recorder.record(set, 'Normal', `Successful${title(verb)}`, `${verb} Claim ${claim_} Pod ${pod_} in StatefulSet ${set_} success`, SOURCE);
  else ctx.recorder.record(set, 'Warning', `Failed${title(verb)}`, `${verb} Claim ${claim_} for Pod ${pod_} in StatefulSet ${set_} failed error: ${err.message}`, SOURCE);
}

export function recordConflictingController(ctx: SyncContext, set: KubeObject, claimName: string): void {
  // "manging" (sic) is upstream's spelling.
  ctx.recorder.record(set, 'Warning', 'ConflictingController', `PersistentVolumeClaim ${claimName} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`, SOURCE);
}
