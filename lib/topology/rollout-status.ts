// `kubectl rollout status sts/<name>`: the StatefulSet status viewer of kubectl
// (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go), checks in its order.
// Input is the raw object because kubectl reads nil-ness (rollingUpdate, partition) that
// defaulting would hide; the trailing newline kubectl prints is dropped.

import type { KubeObject } from '../kube/types.ts';
import { dict, num, specOf, statusOf, str } from './fields.ts';

export function rolloutStatus(sts: KubeObject): { message: string; done: boolean } {
  const spec = specOf(sts);
  const status = statusOf(sts);
  const strategy = dict(spec.updateStrategy);
  // Objects from an API server always carry the defaulted type; absent means RollingUpdate.
  const type = str(strategy.type) ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') {
    return { message: 'rollout status is only available for RollingUpdate strategy type', done: true };
  }
  const generation = num(sts.metadata.generation, 0);
  const observed = num(status.observedGeneration, 0);
  if (observed === 0 || generation > observed) {
    return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  }
  const replicas = num(spec.replicas, 1);
  const ready = num(status.readyReplicas, 0);
  const updated = num(status.updatedReplicas, 0);
  if (ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...`, done: false };
  if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
    const partition = dict(strategy.rollingUpdate).partition;
    if (typeof partition === 'number' && updated < replicas - partition) {
      return {
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`,
        done: false,
      };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...`, done: true };
  }
  const currentRevision = str(status.currentRevision) ?? '';
  const updateRevision = str(status.updateRevision) ?? '';
  if (updateRevision !== currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`, done: false };
  }
  const current = num(status.currentReplicas, 0);
  return { message: `statefulset rolling update complete ${current} pods at revision ${currentRevision}...`, done: true };
}
