// The JSON types of the fields the embedded cluster reads, as the Go structs of k8s.io/api declare
// them. kube-apiserver decodes every body into those structs, so a value of the wrong JSON type
// ("replicas": "3", "image": 0, "labels": {"a": 1}) is a 400 BadRequest before anything else
// happens; without this check such a value would be stored and then misread (a string replicas
// defaulted to 1, a numeric image handed to the kubelet). Only the fields the controllers, the
// printers and the dashboard read are listed; null is the Go zero value and always accepted;
// unknown fields are ignored (as with the default field validation, "Warn").

import type { KubeObject } from '../../kube/types.ts';
import { ApiError } from './status.ts';

type Scalar = 'string' | 'int32' | 'int64' | 'bool' | 'intOrString';
/** A scalar, a struct name, a list of either ([T]) or a map of strings ({string}). */
type FieldType = Scalar | `[${string}]` | '{string}' | string;

const S = 'string', I = 'int32', L = 'int64', B = 'bool';

const STRUCTS: Record<string, Record<string, FieldType>> = {
  ObjectMeta: {
    name: S, generateName: S, namespace: S, uid: S, resourceVersion: S, generation: L, deletionGracePeriodSeconds: L,
    labels: '{string}', annotations: '{string}', finalizers: `[${S}]`, ownerReferences: '[OwnerReference]',
  },
  OwnerReference: { apiVersion: S, kind: S, name: S, uid: S, controller: B, blockOwnerDeletion: B },
  LabelSelector: { matchLabels: '{string}', matchExpressions: '[LabelSelectorRequirement]' },
  LabelSelectorRequirement: { key: S, operator: S, values: `[${S}]` },
  StatefulSetSpec: {
    replicas: I, serviceName: S, selector: 'LabelSelector', template: 'PodTemplateSpec', podManagementPolicy: S,
    updateStrategy: 'StatefulSetUpdateStrategy', minReadySeconds: I, revisionHistoryLimit: I,
    volumeClaimTemplates: '[PersistentVolumeClaim]', persistentVolumeClaimRetentionPolicy: 'StatefulSetPersistentVolumeClaimRetentionPolicy',
    ordinals: 'StatefulSetOrdinals',
  },
  StatefulSetUpdateStrategy: { type: S, rollingUpdate: 'RollingUpdateStatefulSetStrategy' },
  RollingUpdateStatefulSetStrategy: { partition: I, maxUnavailable: 'intOrString' },
  StatefulSetPersistentVolumeClaimRetentionPolicy: { whenDeleted: S, whenScaled: S },
  StatefulSetOrdinals: { start: I },
  PodTemplateSpec: { metadata: 'ObjectMeta', spec: 'PodSpec' },
  PodSpec: {
    containers: '[Container]', initContainers: '[Container]', nodeName: S, hostname: S, subdomain: S, restartPolicy: S,
    terminationGracePeriodSeconds: L, activeDeadlineSeconds: L, serviceAccountName: S, nodeSelector: '{string}', volumes: '[Volume]',
  },
  Volume: { name: S },
  Container: {
    name: S, image: S, imagePullPolicy: S, command: `[${S}]`, args: `[${S}]`, workingDir: S,
    ports: '[ContainerPort]', env: '[EnvVar]', volumeMounts: '[VolumeMount]',
  },
  ContainerPort: { name: S, containerPort: I, hostPort: I, protocol: S },
  EnvVar: { name: S, value: S },
  VolumeMount: { name: S, mountPath: S, subPath: S, readOnly: B },
  ServiceSpec: {
    type: S, clusterIP: S, clusterIPs: `[${S}]`, selector: '{string}', ports: '[ServicePort]', publishNotReadyAddresses: B,
  },
  ServicePort: { name: S, protocol: S, port: I, targetPort: 'intOrString', nodePort: I },
  PersistentVolumeClaim: { metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec' },
  PersistentVolumeClaimSpec: { accessModes: `[${S}]`, storageClassName: S, volumeName: S },
};

/** The top-level fields of each kind beyond metadata. */
const KINDS: Record<string, Record<string, FieldType>> = {
  StatefulSet: { spec: 'StatefulSetSpec' },
  Pod: { spec: 'PodSpec' },
  Service: { spec: 'ServiceSpec' },
  PersistentVolumeClaim: { spec: 'PersistentVolumeClaimSpec' },
  ConfigMap: { data: '{string}', binaryData: '{string}' },
};

const INT32_MAX = 2 ** 31 - 1;

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

class TypeMismatch extends Error {
  readonly got: string;
  readonly field: string;
  readonly goType: string;
  constructor(got: string, field: string, goType: string) {
    super(`cannot unmarshal ${got} into ${field} of type ${goType}`);
    this.got = got;
    this.field = field;
    this.goType = goType;
  }
}

function checkScalar(v: unknown, t: Scalar, path: string): void {
  const ok = t === 'string' ? typeof v === 'string'
    : t === 'bool' ? typeof v === 'boolean'
      : t === 'intOrString' ? typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT32_MAX)
        : typeof v === 'number' && Number.isInteger(v) && (t === 'int64' ? Number.isSafeInteger(v) : Math.abs(v) <= INT32_MAX);
  if (!ok) throw new TypeMismatch(typeof v === 'number' ? `number ${v}` : jsonType(v), path, t === 'intOrString' ? 'intstr.IntOrString' : t);
}

function check(v: unknown, t: FieldType, path: string): void {
  if (v === null || v === undefined) return;
  if (t.startsWith('[')) {
    if (!Array.isArray(v)) throw new TypeMismatch(jsonType(v), path, `[]${t.slice(1, -1)}`);
    v.forEach((item) => check(item, t.slice(1, -1), path));
    return;
  }
  if (t === '{string}') {
    if (jsonType(v) !== 'object') throw new TypeMismatch(jsonType(v), path, 'map[string]string');
    for (const item of Object.values(v as object)) if (typeof item !== 'string') throw new TypeMismatch(jsonType(item), path, 'string');
    return;
  }
  const fields = STRUCTS[t];
  if (!fields) return checkScalar(v, t as Scalar, path);
  if (jsonType(v) !== 'object') throw new TypeMismatch(jsonType(v), path, t);
  for (const [k, ft] of Object.entries(fields)) check((v as Record<string, unknown>)[k], ft, `${path}.${k}`);
}

/**
 * Throws a 400 BadRequest, in kube-apiserver's words, when a field of obj holds the wrong JSON
 * type; `version` is the API version of the request ("v1").
 */
export function checkFieldTypes(kind: string, version: string, obj: KubeObject): void {
  const top: Record<string, FieldType> = { metadata: 'ObjectMeta', ...KINDS[kind] };
  try {
    for (const [k, t] of Object.entries(top)) check((obj as Record<string, unknown>)[k], t, k);
  } catch (e) {
    if (!(e instanceof TypeMismatch)) throw e;
    throw new ApiError(400, 'BadRequest', `${kind} in version "${version}" cannot be handled as a ${kind}: json: cannot unmarshal ${e.got} into Go struct field ${kind}.${e.field} of type ${e.goType}`, {});
  }
}
