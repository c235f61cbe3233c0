// What strategic merge patch needs to know about the kinds the embedded cluster serves: for each
// field that matters, the type it holds and, for lists, the patchStrategy/patchMergeKey struct
// tags of k8s.io/api. Restated from the upstream types; only fields whose merge behaviour
// differs from the default are listed. Everything else follows the defaults: objects merge key
// by key, lists are replaced whole (the upstream default for lists without a strategy, e.g.
// tolerations, volumeClaimTemplates, matchExpressions, EndpointSlice endpoints).

import { RESOURCES } from '../resources.ts';

export interface FieldMeta {
  /** Name of the type the field holds (for lists: the element type), when it has known fields. */
  type?: string;
  /** 'merge' for lists merged by mergeKey (maps) or as sets (primitives); lists default to replace. */
  strategy?: 'merge';
  mergeKey?: string;
}

const M = 'merge' as const;

const meta = { metadata: { type: 'ObjectMeta' } };

const TYPES: Record<string, Record<string, FieldMeta>> = {
  ObjectMeta: {
    finalizers: { strategy: M },
    ownerReferences: { strategy: M, mergeKey: 'uid' },
  },
  PodTemplateSpec: { ...meta, spec: { type: 'PodSpec' } },
  PodSpec: {
    volumes: { strategy: M, mergeKey: 'name' },
    initContainers: { type: 'Container', strategy: M, mergeKey: 'name' },
    containers: { type: 'Container', strategy: M, mergeKey: 'name' },
    ephemeralContainers: { type: 'Container', strategy: M, mergeKey: 'name' },
    imagePullSecrets: { strategy: M, mergeKey: 'name' },
    hostAliases: { strategy: M, mergeKey: 'ip' },
    topologySpreadConstraints: { strategy: M, mergeKey: 'topologyKey' },
    schedulingGates: { strategy: M, mergeKey: 'name' },
    resourceClaims: { strategy: M, mergeKey: 'name' },
  },
  Container: {
    ports: { strategy: M, mergeKey: 'containerPort' },
    env: { strategy: M, mergeKey: 'name' },
    volumeMounts: { strategy: M, mergeKey: 'mountPath' },
    volumeDevices: { strategy: M, mergeKey: 'devicePath' },
  },
  PodStatus: {
    conditions: { strategy: M, mergeKey: 'type' },
    podIPs: { strategy: M, mergeKey: 'ip' },
    hostIPs: { strategy: M, mergeKey: 'ip' },
    resourceClaimStatuses: { strategy: M, mergeKey: 'name' },
  },
  Pod: { ...meta, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  Service: { ...meta, spec: { type: 'ServiceSpec' }, status: { type: 'Conditioned' } },
  ServiceSpec: { ports: { strategy: M, mergeKey: 'port' } },
  StatefulSet: { ...meta, spec: { type: 'StatefulSetSpec' }, status: { type: 'Conditioned' } },
  StatefulSetSpec: { template: { type: 'PodTemplateSpec' } },
  PersistentVolumeClaim: { ...meta, status: { type: 'Conditioned' } },
  Namespace: { ...meta, status: { type: 'Conditioned' } },
  Node: { ...meta, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },
  NodeSpec: { podCIDRs: { strategy: M } },
  NodeStatus: {
    conditions: { strategy: M, mergeKey: 'type' },
    addresses: { strategy: M, mergeKey: 'type' },
  },
  ServiceAccount: { ...meta, secrets: { strategy: M, mergeKey: 'name' } },
  /** Any status whose only merge list is conditions (by type). */
  Conditioned: { conditions: { strategy: M, mergeKey: 'type' } },
  /** Kinds whose only special field is metadata. */
  Plain: meta,
};

/**
 * The root type name for a kind ("StatefulSet") or a resource key/plural ("statefulsets.apps").
 * Unknown kinds get "Plain": metadata lists merge as usual, every other list is replaced.
 */
export function rootTypeFor(kind: string): string {
  if (TYPES[kind]) return kind;
  const def = RESOURCES.find((r) => r.key === kind || r.plural === kind || r.kind === kind);
  return def && TYPES[def.kind] ? def.kind : 'Plain';
}

export function fieldMeta(type: string | undefined, field: string): FieldMeta {
  return (type && TYPES[type]?.[field]) || {};
}
