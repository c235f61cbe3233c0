// The /scale subresource of StatefulSets (statefulset-semantics.md §5.3): an autoscaling/v1
// Scale view whose only writable field is spec.replicas, with the Scale's resourceVersion as a
// precondition.

import { labelSelectorToString } from '../../kube/labels.ts';
import type { KubeObject, LabelSelector } from '../../kube/types.ts';
import { errors } from './status.ts';

export function toScale(sts: KubeObject): KubeObject {
  const spec = (sts.spec ?? {}) as { replicas?: number; selector?: LabelSelector };
  const status = (sts.status ?? {}) as { replicas?: number };
  const m = sts.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: spec.replicas ? { replicas: spec.replicas } : {},
    status: { replicas: status.replicas ?? 0, selector: labelSelectorToString(spec.selector) },
  };
}

/**
 * Applies a Scale written by a client to the StatefulSet it belongs to; returns the new
 * StatefulSet object to store (with the Scale's resourceVersion as precondition).
 */
export function applyScale(sts: KubeObject, scale: Record<string, unknown>): KubeObject {
  const name = sts.metadata.name ?? '';
  const spec = scale.spec as { replicas?: unknown } | undefined;
  const replicas = spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas > 2 ** 31 - 1) {
    const msg = `Invalid value: ${JSON.stringify(replicas)}: must be an integer`;
    throw errors.invalid('Scale', 'autoscaling', name, `Scale.autoscaling "${name}" is invalid: spec.replicas: ${msg}`, [{ reason: 'FieldValueInvalid', message: msg, field: 'spec.replicas' }]);
  }
  if (replicas < 0) {
    const msg = `Invalid value: ${replicas}: must be greater than or equal to 0`;
    throw errors.invalid('Scale', 'autoscaling', name, `Scale.autoscaling "${name}" is invalid: spec.replicas: ${msg}`, [{ reason: 'FieldValueInvalid', message: msg, field: 'spec.replicas' }]);
  }
  const meta = (scale.metadata ?? {}) as { name?: string; resourceVersion?: string };
  if (meta.name && meta.name !== name) throw errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  const next = structuredClone(sts) as KubeObject;
  (next.spec as { replicas: number }).replicas = replicas;
  next.metadata.resourceVersion = meta.resourceVersion || undefined;
  return next;
}
