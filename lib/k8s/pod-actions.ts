// Pod deletions for the actions (actions.ts): only pods a StatefulSet owns, each deleted with a
// uid precondition so that a pod already replaced by a new incarnation of the same name is not
// deleted by mistake. Deletion uses the pod's own grace period, as `kubectl delete pod` does.

import type { CoreV1Api, V1OwnerReference, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { parseOrdinal } from '../kube/ordinals.ts';
import { labelSelectorToString } from '../kube/labels.ts';
import { actionText } from '../topology/action-text.ts';
import { ActionError, orNotFound, toActionError } from './action-error.ts';
import type { ActionOutcome, WriteAnnouncer } from './actions.ts';

function statefulSetOwner(pod: V1Pod): V1OwnerReference | null {
  const refs = (pod.metadata?.ownerReferences ?? []).filter((r) => r.kind === 'StatefulSet');
  return refs.find((r) => r.controller) ?? refs[0] ?? null;
}

const codeOf = (e: unknown) => (e as { code?: unknown })?.code;

/** DELETE with a uid precondition; false when the pod was already gone or replaced. */
async function deleteIncarnation(core: CoreV1Api, namespace: string, pod: V1Pod): Promise<boolean> {
  const name = pod.metadata?.name ?? '';
  try {
    await core.deleteNamespacedPod({ name, namespace, body: { preconditions: { uid: pod.metadata?.uid } } });
    return true;
  } catch (e) {
    if (codeOf(e) === 404 || codeOf(e) === 409) return false;
    throw e;
  }
}

export async function deleteOwnedPod(core: CoreV1Api, namespace: string, name: string, announce: WriteAnnouncer): Promise<ActionOutcome> {
  const pod = await orNotFound(core.readNamespacedPod({ name, namespace }), `pod "${name}" in namespace "${namespace}"`);
  const owner = statefulSetOwner(pod);
  if (!owner) {
    throw new ActionError(409, 'Conflict', `pod "${name}" is not managed by a StatefulSet: the dashboard deletes only StatefulSet pods (which come back with the same name)`);
  }
  const terminating = Boolean(pod.metadata?.deletionTimestamp);
  if (!terminating) announce(owner.name, actionText.deletePod(name));
  const deleted = await deleteIncarnation(core, namespace, pod);
  const message = !deleted
    ? `Pod ${name} was already gone`
    : terminating
      ? `Pod ${name} was already terminating`
      : `Deleted pod ${name}: StatefulSet ${owner.name} re-creates it with the same name`;
  return { setName: owner.name, message, timelineText: deleted && !terminating ? actionText.deletePod(name) : null };
}

export async function deleteSetPods(core: CoreV1Api, namespace: string, set: V1StatefulSet, announce: WriteAnnouncer): Promise<ActionOutcome> {
  const setName = set.metadata?.name ?? '';
  const uid = set.metadata?.uid;
  const selector = set.spec?.selector;
  const labelSelector = selector ? labelSelectorToString(selector) : '';
  // An empty selector would list every pod of the namespace; a StatefulSet always has one.
  const listed = labelSelector ? (await core.listNamespacedPod({ namespace, labelSelector })).items : [];
  const owned = listed
    .filter((p) => (p.metadata?.ownerReferences ?? []).some((r) => r.kind === 'StatefulSet' && r.uid === uid))
    .sort((a, b) => parseOrdinal(setName, a.metadata?.name ?? '') - parseOrdinal(setName, b.metadata?.name ?? ''));
  if (owned.length === 0) return { setName, message: `StatefulSet ${setName} has no pods to delete`, timelineText: null };
  announce(setName, actionText.deletePods());
  const deleted: string[] = [];
  for (const pod of owned) {
    try {
      if (await deleteIncarnation(core, namespace, pod)) deleted.push(pod.metadata?.name ?? '');
    } catch (e) {
      if (deleted.length === 0) throw e;
      const err = toActionError(e);
      throw new ActionError(err.status, err.reason, `${err.message} (after deleting ${deleted.join(', ')})`);
    }
  }
  const list = deleted.join(', ');
  const message = deleted.length === 0
    ? `The pods of ${setName} were already gone`
    : `Deleted ${deleted.length} pod${deleted.length === 1 ? '' : 's'} of ${setName} (${list}): the controller re-creates them`;
  return { setName, message, timelineText: deleted.length > 0 ? actionText.deletePods() : null };
}
