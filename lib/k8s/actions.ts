// What the dashboard's buttons do to the cluster, each exactly as the kubectl command a
// workshop would type, through @kubernetes/client-node with the kubeconfig's credentials:
//   scale          PATCH statefulsets/{name}/scale, merge patch {"spec":{"replicas":n}}
//                  (`kubectl scale`; RBAC: patch statefulsets/scale)
//   deletePod      DELETE pods/{name} with a uid precondition, only for a pod a StatefulSet owns
//                  (`kubectl delete pod`; RBAC: get + delete pods)
//   deleteSetPods  every pod the set owns (by selector and owner uid), one DELETE each
//                  (`kubectl delete pod -l <selector>`; RBAC: list + delete pods)
//   restart        strategic merge patch of the template annotation
//                  kubectl.kubernetes.io/restartedAt = now, RFC 3339 (`kubectl rollout restart`)
//   setImage       strategic merge patch of one container, merged by name (`kubectl set image`)
//   setPartition   merge patch of spec.updateStrategy.rollingUpdate.partition
//                  (`kubectl patch sts --type merge`; refused for OnDelete, which has none)
// Patches name their Content-Type explicitly (client-node labels a body JSON-Patch otherwise).
// Every action answers an ActionOutcome or throws (ActionError, or the client's ApiException
// which toActionError describes). `beforeWrite` is told the timeline text just before the first
// write, so the caller can record the user's action ahead of the changes it causes (the
// cluster's reaction can reach the timeline before the write's own answer does).

import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions, type KubeConfig, type V1StatefulSet } from '@kubernetes/client-node';
import { actionText } from '../topology/action-text.ts';
import { ActionError, orNotFound } from './action-error.ts';
import { systemClock, type Clock } from './clock.ts';
import { deleteOwnedPod, deleteSetPods } from './pod-actions.ts';

export interface ActionOutcome {
  /** The StatefulSet whose timeline records the action. */
  setName: string;
  /** Plain-language result for the user, e.g. "Scaled web from 2 to 5". */
  message: string;
  /** The `action` timeline entry; null when nothing changed (no entry is recorded). */
  timelineText: string | null;
}

export interface ClusterActions {
  scale(namespace: string, name: string, replicas: number): Promise<ActionOutcome>;
  deletePod(namespace: string, pod: string): Promise<ActionOutcome>;
  deleteSetPods(namespace: string, name: string): Promise<ActionOutcome>;
  restart(namespace: string, name: string): Promise<ActionOutcome>;
  setImage(namespace: string, name: string, container: string, image: string): Promise<ActionOutcome>;
  setPartition(namespace: string, name: string, partition: number): Promise<ActionOutcome>;
}

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

const mergePatch = () => setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const strategicPatch = () => setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

/** RFC 3339 in UTC with whole seconds, as metav1.Time prints. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ClusterActionsOptions {
  clock?: Clock;
  /** Called once, just before the first write of an action that changes something. */
  beforeWrite?: WriteAnnouncer;
}

export type WriteAnnouncer = (setName: string, timelineText: string) => void;

export function clusterActions(kc: KubeConfig, opts: ClusterActionsOptions = {}): ClusterActions {
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const clock = opts.clock ?? systemClock;
  const announce: WriteAnnouncer = opts.beforeWrite ?? (() => {});
  const readSet = (namespace: string, name: string): Promise<V1StatefulSet> =>
    orNotFound(apps.readNamespacedStatefulSet({ name, namespace }), `StatefulSet "${name}" in namespace "${namespace}"`);

  return {
    async scale(namespace, name, replicas) {
      const before = await orNotFound(apps.readNamespacedStatefulSetScale({ name, namespace }), `StatefulSet "${name}" in namespace "${namespace}"`);
      const from = before.spec?.replicas ?? 0;
      if (from === replicas) return { setName: name, message: `${name} already has ${replicas} replica${replicas === 1 ? '' : 's'}`, timelineText: null };
      announce(name, actionText.scale(from, replicas));
      await apps.patchNamespacedStatefulSetScale({ name, namespace, body: { spec: { replicas } } }, mergePatch());
      return { setName: name, message: `Scaled ${name} from ${from} to ${replicas}`, timelineText: actionText.scale(from, replicas) };
    },

    deletePod: (namespace, pod) => deleteOwnedPod(core, namespace, pod, announce),

    deleteSetPods: async (namespace, name) => deleteSetPods(core, namespace, await readSet(namespace, name), announce),

    async restart(namespace, name) {
      const set = await readSet(namespace, name);
      const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: rfc3339(clock.now()) } } } } };
      announce(name, actionText.restart());
      await apps.patchNamespacedStatefulSet({ name, namespace, body }, strategicPatch());
      const onDelete = set.spec?.updateStrategy?.type === 'OnDelete';
      const message = onDelete
        ? `Restart requested for ${name}: with the OnDelete update strategy each pod restarts only when you delete it`
        : `Rolling restart of ${name} started: pods are replaced one at a time, from the highest ordinal down`;
      return { setName: name, message, timelineText: actionText.restart() };
    },

    async setImage(namespace, name, container, image) {
      const set = await readSet(namespace, name);
      const podSpec = set.spec?.template?.spec;
      const lists = { containers: podSpec?.containers ?? [], initContainers: podSpec?.initContainers ?? [] };
      const list = lists.containers.some((c) => c.name === container) ? 'containers' : lists.initContainers.some((c) => c.name === container) ? 'initContainers' : null;
      if (!list) {
        const names = [...lists.containers, ...lists.initContainers].map((c) => c.name).join(', ');
        throw new ActionError(422, 'Invalid', `StatefulSet "${name}" has no container "${container}" (it has: ${names || 'none'})`, { field: 'container' });
      }
      const old = lists[list].find((c) => c.name === container)?.image ?? '';
      if (old === image) return { setName: name, message: `Container ${container} of ${name} already runs ${image}`, timelineText: null };
      const body = { spec: { template: { spec: { [list]: [{ name: container, image }] } } } };
      announce(name, actionText.image(container, image));
      await apps.patchNamespacedStatefulSet({ name, namespace, body }, strategicPatch());
      return { setName: name, message: `Set the image of ${container} in ${name}: ${old || '(none)'} -> ${image}`, timelineText: actionText.image(container, image) };
    },

    async setPartition(namespace, name, partition) {
      const set = await readSet(namespace, name);
      const strategy = set.spec?.updateStrategy;
      if (strategy?.type === 'OnDelete') {
        throw new ActionError(422, 'Invalid', `StatefulSet "${name}" uses the OnDelete update strategy, which has no partition`, { field: 'partition' });
      }
      const from = strategy?.rollingUpdate?.partition ?? 0;
      if (from === partition) return { setName: name, message: `The partition of ${name} is already ${partition}`, timelineText: null };
      const body = { spec: { updateStrategy: { rollingUpdate: { partition } } } };
      announce(name, actionText.partition(from, partition));
      await apps.patchNamespacedStatefulSet({ name, namespace, body }, mergePatch());
      const first = (set.spec?.ordinals?.start ?? 0) + partition;
      return { setName: name, message: `Set the partition of ${name} from ${from} to ${partition}: updates now reach pods with ordinal ${first} and above`, timelineText: actionText.partition(from, partition) };
    },
  };
}
