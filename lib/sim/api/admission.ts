// What a real API server does to an object between decoding and storage: refuse fields of the
// wrong JSON type (typed-decode.ts), reset fields clients may not set on create (status), apply
// defaults, allocate ClusterIPs, enforce namespace lifecycle, and validate. Kept apart from HTTP so handlers stay thin.

import type { KubeObject } from '../../kube/types.ts';
import { R, type ResourceDef } from '../resources.ts';
import type { Store } from '../store/store.ts';
import { applyDefaults } from './defaults.ts';
import { errors } from './status.ts';
import { checkFieldTypes } from './typed-decode.ts';
import { formatInvalidMessage, validateCreate, validateUpdate, type Cause } from './validation.ts';

/** Status a freshly created object starts with (PrepareForCreate in the upstream registries). */
function initialStatus(def: ResourceDef, obj: KubeObject): unknown {
  switch (def.key) {
    // qosClass is computed by the defaults from the containers' resources.
    case R.pods: return { phase: 'Pending' };
    case R.statefulsets: return { replicas: 0, availableReplicas: 0 };
    case R.pvcs: return { phase: 'Pending' };
    case R.pvs: return { phase: 'Pending' };
    case R.namespaces: return { phase: 'Active' };
    case R.services: return { loadBalancer: {} };
    case R.nodes: return obj.status;
    default: return obj.status;
  }
}

function invalid(def: ResourceDef, name: string, causes: Cause[]) {
  return errors.invalid(def.kind, def.group, name, formatInvalidMessage(`${def.kind}${def.group ? `.${def.group}` : ''}`, name, causes), causes);
}

export function checkNamespace(store: Store, def: ResourceDef, namespace: string | undefined, creating: boolean): void {
  if (!def.namespaced || !namespace) return;
  const ns = store.get(R.namespaces, undefined, namespace);
  if (!ns) throw errors.notFound('namespaces', '', namespace);
  if (creating && ns.metadata.deletionTimestamp) {
    throw errors.forbidden(`${def.plural} "${'<new>'}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}

export function admitCreate(store: Store, def: ResourceDef, obj: KubeObject): KubeObject {
  checkFieldTypes(def.kind, def.version, obj);
  const status = initialStatus(def, obj);
  if (status === undefined) delete obj.status;
  else obj.status = status;
  applyDefaults(def.key, obj);
  if (def.key === R.statefulsets) dropGatedFields(obj);
  if (def.key === R.services) allocateClusterIP(store, obj);
  const causes = validateCreate(def.key, obj);
  if (causes.length) throw invalid(def, obj.metadata.name ?? obj.metadata.generateName ?? '', causes);
  return obj;
}

export function admitUpdate(def: ResourceDef, obj: KubeObject, old: KubeObject): KubeObject {
  checkFieldTypes(def.kind, def.version, obj);
  if (def.key === R.services) keepClusterIP(obj, old);
  applyDefaults(def.key, obj);
  if (def.key === R.statefulsets) dropGatedFields(obj);
  const causes = validateUpdate(def.key, obj, old);
  if (causes.length) throw invalid(def, obj.metadata.name ?? '', causes);
  return obj;
}

/**
 * MaxUnavailableStatefulSet is off in the baseline this cluster follows (1.34–1.36), and a real
 * API server silently drops fields of disabled gates.
 */
function dropGatedFields(sts: KubeObject): void {
  const ru = (sts.spec as { updateStrategy?: { rollingUpdate?: { maxUnavailable?: unknown } } } | undefined)?.updateStrategy?.rollingUpdate;
  if (ru) delete ru.maxUnavailable;
}

/** An update that leaves out the ClusterIP keeps the allocated one, as upstream does. */
function keepClusterIP(svc: KubeObject, old: KubeObject): void {
  const spec = (svc.spec ??= {}) as { clusterIP?: string; clusterIPs?: string[] };
  const prev = (old.spec ?? {}) as { clusterIP?: string; clusterIPs?: string[] };
  if (!spec.clusterIP && prev.clusterIP) spec.clusterIP = prev.clusterIP;
  if (!spec.clusterIPs?.length && prev.clusterIPs) spec.clusterIPs = [...prev.clusterIPs];
}

// ClusterIPs come from 10.96.0.0/12 like kind's default service CIDR; 10.96.0.1 is the
// `kubernetes` Service and 10.96.0.10 is kube-dns by convention, so allocation starts above.
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;

function ipToString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function allocateClusterIP(store: Store, svc: KubeObject): void {
  const spec = (svc.spec ??= {}) as { clusterIP?: string; clusterIPs?: string[]; type?: string };
  if (spec.type === 'ExternalName') return;
  if (spec.clusterIP === 'None') {
    spec.clusterIPs = ['None'];
    return;
  }
  const used = new Set(store.list(R.services).map((s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP));
  if (spec.clusterIP) {
    if (used.has(spec.clusterIP)) {
      throw errors.invalid('Service', '', svc.metadata.name ?? '', `Service "${svc.metadata.name}" is invalid: spec.clusterIPs: Invalid value: ["${spec.clusterIP}"]: failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`, [
        { reason: 'FieldValueInvalid', message: `Invalid value: ["${spec.clusterIP}"]: failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`, field: 'spec.clusterIPs' },
      ]);
    }
    spec.clusterIPs = [spec.clusterIP];
    return;
  }
  // Looks random like a real allocator, but is stable for a given namespace/name.
  let offset = hash(`${svc.metadata.namespace}/${svc.metadata.name}`) % CIDR_SIZE;
  for (let i = 0; i < CIDR_SIZE; i++, offset = (offset + 1) % CIDR_SIZE) {
    const ip = ipToString(CIDR_BASE + offset);
    if (offset < 16 || offset % 256 === 0 || offset % 256 === 255 || used.has(ip)) continue;
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
    return;
  }
  throw errors.internal('the service IP range is full');
}
