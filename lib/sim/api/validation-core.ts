// Core v1 validation for the kinds with rules beyond metadata (pkg/apis/core/validation):
// Service, Pod and PersistentVolumeClaim, create and update. A subset of upstream: the checks a
// workshop is likely to hit, in upstream's wording and order. Objects arrive defaulted.

import { isIP } from 'node:net';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../../kube/names.ts';
import type { KubeObject } from '../../kube/types.ts';
import { parseQuantity } from './quantity.ts';
import {
  child, duplicate, forbidden, invalid, isObject, notSupported, objects, required, semanticEqual,
  validateLabels, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate, type Cause, type Obj,
} from './validation-field.ts';

const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validPort(p: unknown): boolean {
  return typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535;
}

/** IsValidPortName: IANA service names. */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

function labelNameCauses(value: unknown, field: string, names: Set<string>): Cause[] {
  if (typeof value !== 'string' || value === '') return [required(field)];
  const out = dns1123LabelErrors(value).map((m) => invalid(field, value, m));
  if (names.has(value)) out.push(duplicate(field, value));
  names.add(value);
  return out;
}

// ---------------------------------------------------------------- Service

function clusterIPsOf(spec: Obj): string[] {
  if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length) return spec.clusterIPs.map(String);
  return typeof spec.clusterIP === 'string' && spec.clusterIP ? [spec.clusterIP] : [];
}

function isHeadless(spec: Obj): boolean {
  const ips = clusterIPsOf(spec);
  return spec.type === 'ClusterIP' && ips.length === 1 && ips[0] === 'None';
}

function validateServicePort(p: Obj, path: string, requireName: boolean, names: Set<string>): Cause[] {
  const out: Cause[] = [];
  if (requireName && !p.name) out.push(required(`${path}.name`));
  else if (p.name) {
    out.push(...dns1123LabelErrors(String(p.name)).map((m) => invalid(`${path}.name`, p.name, m)));
    if (names.has(String(p.name))) out.push(duplicate(`${path}.name`, p.name));
    names.add(String(p.name));
  }
  if (!validPort(p.port)) out.push(invalid(`${path}.port`, p.port ?? 0, PORT_RANGE));
  if (!p.protocol) out.push(required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(String(p.protocol))) out.push(notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
  const tp = p.targetPort;
  if (typeof tp === 'string') out.push(...portNameErrors(tp).map((m) => invalid(`${path}.targetPort`, tp, m)));
  else if (!validPort(tp)) out.push(invalid(`${path}.targetPort`, tp ?? 0, PORT_RANGE));
  return out;
}

function validateServiceSpec(spec: Obj): Cause[] {
  const out: Cause[] = [];
  const ports = objects(spec.ports);
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') out.push(required('spec.ports'));
  if (spec.type === 'ExternalName') {
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (!cname) out.push(required('spec.externalName'));
    else out.push(...dns1123SubdomainErrors(cname).map((m) => invalid('spec.externalName', cname, m)));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => out.push(...validateServicePort(p, `spec.ports[${i}]`, ports.length > 1, names)));
  if (spec.selector !== undefined && spec.selector !== null) out.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) out.push(required('spec.sessionAffinity'));
  else if (spec.sessionAffinity !== 'ClientIP' && spec.sessionAffinity !== 'None') out.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  clusterIPsOf(spec).forEach((ip, i) => {
    if (ip !== 'None' && !isIP(ip)) out.push(invalid(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  const policy = spec.ipFamilyPolicy;
  if (policy && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(String(policy))) {
    out.push(notSupported('spec.ipFamilyPolicy', policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!spec.type) out.push(required('spec.type'));
  else if (!types.includes(String(spec.type))) out.push(notSupported('spec.type', spec.type, types));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => { if (p.nodePort) out.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'")); });
  }
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) out.push(duplicate(`spec.ports[${i}]`, { Name: '', Protocol: p.protocol ?? '', AppProtocol: null, Port: p.port ?? 0, TargetPort: 0, NodePort: 0 }));
    seen.add(key);
  });
  return out;
}

export function validateServiceCreate(obj: KubeObject): Cause[] {
  return [...validateObjectMeta(obj, 'dns1035', true), ...validateServiceSpec((obj.spec ?? {}) as Obj)];
}

/**
 * ClusterIPs may not change once set (except to or from ExternalName). A new object without any
 * clusterIP is not an error here: the server must carry the old values over, as upstream's
 * patchAllocatedValues does before validating.
 */
export function validateServiceUpdate(obj: KubeObject, old: KubeObject): Cause[] {
  const spec = (obj.spec ?? {}) as Obj;
  const oldSpec = (old.spec ?? {}) as Obj;
  const out = validateObjectMetaUpdate(obj, old);
  const ips = clusterIPsOf(spec);
  const oldIPs = clusterIPsOf(oldSpec);
  const external = spec.type === 'ExternalName' || oldSpec.type === 'ExternalName';
  if (!external && ips.length && !(isHeadless(spec) && isHeadless(oldSpec))) {
    if (ips.length === oldIPs.length) {
      oldIPs.forEach((ip, i) => { if (ip !== ips[i]) out.push(invalid(`spec.clusterIPs[${i}]`, ips, 'may not change once set')); });
    } else if (ips[0] !== oldIPs[0]) {
      out.push(invalid('spec.clusterIPs[0]', ips, 'may not change once set'));
    }
  }
  return [...out, ...validateServiceCreate(obj).filter((c) => !c.field.startsWith('metadata.'))];
}

// ---------------------------------------------------------------- Pod

function validateContainer(c: Obj, path: string, names: Set<string>): Cause[] {
  const out = labelNameCauses(c.name, `${path}.name`, names);
  const image = typeof c.image === 'string' ? c.image : '';
  if (!image) out.push(required(`${path}.image`));
  else if (image.trim() !== image) out.push(invalid(`${path}.image`, image, 'must not have leading or trailing whitespace'));
  const portNames = new Set<string>();
  objects(c.ports).forEach((p, j) => {
    const pp = `${path}.ports[${j}]`;
    if (p.name !== undefined && p.name !== '') {
      out.push(...portNameErrors(String(p.name)).map((m) => invalid(`${pp}.name`, p.name, m)));
      if (portNames.has(String(p.name))) out.push(duplicate(`${pp}.name`, p.name));
      portNames.add(String(p.name));
    }
    if (!validPort(p.containerPort)) out.push(invalid(`${pp}.containerPort`, p.containerPort ?? 0, PORT_RANGE));
    if (!p.protocol) out.push(required(`${pp}.protocol`));
    else if (!PROTOCOLS.includes(String(p.protocol))) out.push(notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS));
  });
  return out;
}

function validatePodSpec(spec: Obj): Cause[] {
  const out: Cause[] = [];
  const volumeNames = new Set<string>();
  objects(spec.volumes).forEach((v, i) => out.push(...labelNameCauses(v.name, `spec.volumes[${i}].name`, volumeNames)));
  const names = new Set<string>();
  const containers = objects(spec.containers);
  if (containers.length === 0) out.push(required('spec.containers'));
  containers.forEach((c, i) => out.push(...validateContainer(c, `spec.containers[${i}]`, names)));
  objects(spec.initContainers).forEach((c, i) => out.push(...validateContainer(c, `spec.initContainers[${i}]`, names)));
  const restart = ['Always', 'Never', 'OnFailure'];
  if (spec.restartPolicy && !restart.includes(String(spec.restartPolicy))) out.push(notSupported('spec.restartPolicy', spec.restartPolicy, restart));
  const dns = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
  if (spec.dnsPolicy && !dns.includes(String(spec.dnsPolicy))) out.push(notSupported('spec.dnsPolicy', spec.dnsPolicy, dns));
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null && (typeof ads !== 'number' || ads < 1 || ads > 2147483647)) {
    out.push(invalid('spec.activeDeadlineSeconds', ads, 'must be between 1 and 2147483647, inclusive'));
  }
  return out;
}

export function validatePodCreate(obj: KubeObject): Cause[] {
  return [...validateObjectMeta(obj, 'subdomain', true), ...validatePodSpec((obj.spec ?? {}) as Obj)];
}

const POD_UPDATE_MESSAGE = 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function validateActiveDeadlineUpdate(spec: Obj, oldSpec: Obj): Cause[] {
  const now = spec.activeDeadlineSeconds;
  const before = oldSpec.activeDeadlineSeconds;
  if (typeof now === 'number') {
    if (typeof before === 'number' && before < now) return [invalid('spec.activeDeadlineSeconds', now, 'must be less than or equal to previous value')];
  } else if (typeof before === 'number') {
    return [invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value')];
  }
  return [];
}

function onlyAddedTolerations(now: Obj[], before: Obj[]): boolean {
  return before.every((old) => now.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t)));
}

function withImagesFrom(list: unknown, oldList: unknown): unknown {
  const olds = objects(oldList);
  if (!Array.isArray(list) || objects(list).length !== olds.length) return list;
  return objects(list).map((c, i) => ({ ...c, image: olds[i].image }));
}

export function validatePodUpdate(obj: KubeObject, old: KubeObject): Cause[] {
  const spec = (obj.spec ?? {}) as Obj;
  const oldSpec = (old.spec ?? {}) as Obj;
  const out = [...validateObjectMetaUpdate(obj, old), ...validatePodSpec(spec), ...validateActiveDeadlineUpdate(spec, oldSpec)];
  if (!onlyAddedTolerations(objects(spec.tolerations), objects(oldSpec.tolerations))) {
    out.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
  }
  const munged: Obj = {
    ...spec,
    containers: withImagesFrom(spec.containers, oldSpec.containers),
    initContainers: withImagesFrom(spec.initContainers, oldSpec.initContainers),
    activeDeadlineSeconds: oldSpec.activeDeadlineSeconds,
    tolerations: oldSpec.tolerations,
    ephemeralContainers: oldSpec.ephemeralContainers,
  };
  const tgps = oldSpec.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps < 0 && spec.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = tgps;
  // Scheduling gates may only be removed.
  const gates = objects(spec.schedulingGates);
  if (gates.every((g) => objects(oldSpec.schedulingGates).some((o) => o.name === g.name))) munged.schedulingGates = oldSpec.schedulingGates;
  if (!semanticEqual(munged, oldSpec)) out.push(forbidden('spec', POD_UPDATE_MESSAGE));
  return out;
}

// ---------------------------------------------------------------- PersistentVolumeClaim

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function storageRequest(spec: Obj): unknown {
  return child(child(spec, 'resources'), 'requests')?.storage;
}

function validatePVCSpec(spec: Obj): Cause[] {
  const out: Cause[] = [];
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) out.push(required('spec.accessModes', 'at least 1 access mode is required'));
  const selector = child(spec, 'selector');
  if (selector) out.push(...validateLabelSelector(selector, 'spec.selector'));
  for (const m of modes) if (!ACCESS_MODES.includes(String(m))) out.push(notSupported('spec.accessModes', m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) out.push(forbidden('spec.accessModes', 'may not use ReadWriteOncePod with other access modes'));
  const storage = storageRequest(spec);
  const size = parseQuantity(storage);
  if (storage === undefined || storage === null) out.push(required('spec.resources[storage]'));
  else if (size === undefined) out.push(invalid('spec.resources[storage]', storage, QUANTITY_FORMAT));
  else if (size <= 0) out.push(invalid('spec.resources[storage]', String(storage), 'must be greater than zero'));
  if (spec.volumeMode && spec.volumeMode !== 'Block' && spec.volumeMode !== 'Filesystem') out.push(notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']));
  return out;
}

export function validatePVCCreate(obj: KubeObject): Cause[] {
  return [...validateObjectMeta(obj, 'subdomain', true), ...validatePVCSpec((obj.spec ?? {}) as Obj)];
}

/**
 * The spec is immutable except: volumeName may be set once, storageClassName may be set when it
 * was unset, volumeAttributesClassName may change, and a Bound claim may change its storage
 * request, though never to status.capacity or below when shrinking (RecoverVolumeExpansionFailure, GA).
 */
export function validatePVCUpdate(obj: KubeObject, old: KubeObject): Cause[] {
  const spec = (obj.spec ?? {}) as Obj;
  const oldSpec = (old.spec ?? {}) as Obj;
  const out = [...validateObjectMetaUpdate(obj, old), ...validatePVCSpec(spec)];
  const munged: Obj = { ...spec, volumeAttributesClassName: oldSpec.volumeAttributesClassName };
  if (!oldSpec.volumeName) munged.volumeName = oldSpec.volumeName;
  if (oldSpec.storageClassName === undefined || oldSpec.storageClassName === null) munged.storageClassName = oldSpec.storageClassName;
  const bound = (old.status as Obj | undefined)?.phase === 'Bound';
  if (bound && isObject(munged.resources)) {
    const resources = munged.resources;
    munged.resources = { ...resources, requests: { ...child(resources, 'requests'), storage: storageRequest(oldSpec) } };
  }
  if (!semanticEqual(munged, oldSpec)) {
    out.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  }
  const newSize = parseQuantity(storageRequest(spec));
  const oldSize = parseQuantity(storageRequest(oldSpec));
  const capacity = parseQuantity(child(child(old, 'status'), 'capacity')?.storage) ?? 0;
  if (newSize !== undefined && oldSize !== undefined && newSize < oldSize && newSize <= capacity) {
    out.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  return out;
}
