// The StatefulSet part of the model, and the summary list for a set picker.

import type { KubeObject } from '../kube/types.ts';
import { labelSelectorToString } from '../kube/labels.ts';
import { compareStrings as compare, num, specOf, statusOf } from './fields.ts';
import { nodeId } from './ids.ts';
import { rolloutStatus } from './rollout-status.ts';
import type { SetFacts } from './set-facts.ts';
import type { StatefulSetInfo } from './types.ts';

/** The hash part of a ControllerRevision name `<set>-<hash>`. */
export function revisionHash(setName: string, revision: string | null): string | null {
  if (revision === null) return null;
  return revision.startsWith(`${setName}-`) ? revision.slice(setName.length + 1) : revision;
}

function safeSelector(set: SetFacts): string {
  try {
    return labelSelectorToString(set.selector);
  } catch {
    // An invalid operator would have been rejected by a real API server; show nothing.
    return '';
  }
}

export function buildStatefulSetInfo(sts: KubeObject, set: SetFacts): StatefulSetInfo {
  const status = statusOf(sts);
  const ready = num(status.readyReplicas, 0);
  const rollout = rolloutStatus(sts);
  return {
    id: nodeId('StatefulSet', set.namespace, set.name),
    name: set.name,
    namespace: set.namespace,
    uid: set.uid,
    createdAt: sts.metadata.creationTimestamp ?? null,
    deleting: set.deleting,
    replicas: {
      desired: set.desired,
      current: num(status.replicas, 0),
      ready,
      updated: num(status.updatedReplicas, 0),
      available: num(status.availableReplicas, 0),
      onCurrentRevision: num(status.currentReplicas, 0),
    },
    ready: `${ready}/${set.desired}`,
    podManagementPolicy: set.podManagementPolicy,
    updateStrategy: set.updateStrategy,
    partition: set.partition,
    ordinalsStart: set.start,
    currentRevision: set.currentRevision,
    updateRevision: set.updateRevision,
    currentRevisionHash: revisionHash(set.name, set.currentRevision),
    updateRevisionHash: revisionHash(set.name, set.updateRevision),
    serviceName: set.serviceName,
    minReadySeconds: set.minReadySeconds,
    retentionPolicy: { whenDeleted: set.whenDeleted, whenScaled: set.whenScaled },
    selector: safeSelector(set),
    claimTemplates: set.templates.map((t) => t.name),
    rolloutStatus: rollout.message,
    rolloutDone: rollout.done,
    generation: num(sts.metadata.generation, 0),
    observedGeneration: num(status.observedGeneration, 0),
  };
}

export interface StatefulSetSummary {
  namespace: string;
  name: string;
  /** kubectl READY column, e.g. "2/3". */
  ready: string;
  replicas: number;
}

/** One row per set, sorted by name (then namespace), for a picker. */
export function listStatefulSetSummaries(statefulSets: KubeObject[]): StatefulSetSummary[] {
  return statefulSets
    .map((sts) => {
      const replicas = num(specOf(sts).replicas, 1);
      return {
        namespace: sts.metadata.namespace ?? 'default',
        name: sts.metadata.name ?? '',
        ready: `${num(statusOf(sts).readyReplicas, 0)}/${replicas}`,
        replicas,
      };
    })
    .sort((a, b) => compare(a.name, b.name) || compare(a.namespace, b.namespace));
}
