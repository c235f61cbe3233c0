// The StatefulSet's spec and status, read once and defaulted as the apps/v1 API server defaults
// them (statefulset-semantics.md §5.1), so the other modules never re-read raw JSON.

import type { KubeObject, LabelSelector } from '../kube/types.ts';
import { dict, isTerminating, list, num, specOf, statusOf, str, stringMap } from './fields.ts';

export interface ClaimTemplate {
  name: string;
  spec: Record<string, unknown>;
}

export interface SetFacts {
  name: string;
  namespace: string;
  uid: string;
  desired: number;
  /** spec.ordinals.start (0 when unset). */
  start: number;
  /** Not Parallel means OrderedReady (the controller's `monotonic`). */
  ordered: boolean;
  podManagementPolicy: string;
  updateStrategy: string;
  /** rollingUpdate.partition, an index relative to `start`. */
  partition: number;
  minReadySeconds: number;
  serviceName: string;
  templates: ClaimTemplate[];
  templateLabels: Record<string, string>;
  /** Names of the container ports declared in the pod template (named targetPorts resolve here). */
  containerPortNames: string[];
  selector: LabelSelector | undefined;
  whenScaled: string;
  whenDeleted: string;
  currentRevision: string | null;
  updateRevision: string | null;
  deleting: boolean;
}

export function readSetFacts(sts: KubeObject): SetFacts {
  const spec = specOf(sts);
  const status = statusOf(sts);
  const strategy = dict(spec.updateStrategy);
  const policy = dict(spec.persistentVolumeClaimRetentionPolicy);
  const podManagementPolicy = str(spec.podManagementPolicy) ?? 'OrderedReady';
  return {
    name: sts.metadata.name ?? '',
    namespace: sts.metadata.namespace ?? 'default',
    uid: sts.metadata.uid ?? '',
    desired: num(spec.replicas, 1),
    start: num(dict(spec.ordinals).start, 0),
    ordered: podManagementPolicy !== 'Parallel',
    podManagementPolicy,
    updateStrategy: str(strategy.type) ?? 'RollingUpdate',
    partition: num(dict(strategy.rollingUpdate).partition, 0),
    minReadySeconds: num(spec.minReadySeconds, 0),
    serviceName: str(spec.serviceName) ?? '',
    templates: list(spec.volumeClaimTemplates).flatMap((t) => {
      const name = str(dict(dict(t).metadata).name);
      return name ? [{ name, spec: dict(dict(t).spec) }] : [];
    }),
    templateLabels: stringMap(dict(dict(spec.template).metadata).labels),
    containerPortNames: containerPortNames(dict(dict(spec.template).spec)),
    selector: spec.selector ? (spec.selector as LabelSelector) : undefined,
    whenScaled: str(policy.whenScaled) ?? 'Retain',
    whenDeleted: str(policy.whenDeleted) ?? 'Retain',
    currentRevision: str(status.currentRevision),
    updateRevision: str(status.updateRevision),
    deleting: isTerminating(sts),
  };
}

function containerPortNames(podSpec: Record<string, unknown>): string[] {
  // Init containers count too: a sidecar's named port is a valid targetPort.
  const containers = [...list(podSpec.containers), ...list(podSpec.initContainers)];
  return containers.flatMap((c) => list(dict(c).ports).flatMap((p) => str(dict(p).name) ?? []));
}

/** True when the pod's ordinal is in [start, start+replicas). */
export function inRange(set: SetFacts, ordinal: number): boolean {
  return ordinal >= set.start && ordinal < set.start + set.desired;
}
