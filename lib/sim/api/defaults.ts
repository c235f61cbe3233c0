// Defaulting as a v1.34 API server does it between decoding a write and validating it
// (SetDefaults_* in pkg/apis/*/v1, plus the few registry and admission steps that fill fields
// the user sees: Service IP families, Namespace finalizers, Pod service account, priority and
// tolerations). Idempotent: it only fills what is missing, so it runs on create and on every
// update. ClusterIP allocation and status resets are the server's job, not this module's.
// MaxUnavailableStatefulSet is off (statefulset-semantics.md §0), so no maxUnavailable default.

import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import { defaultPodExtras, defaultPodSpec } from './defaults-pod.ts';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function objects(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** obj[key] as an object, created when missing or not an object. */
function ensure(obj: Obj, key: string): Obj {
  if (!isObject(obj[key])) obj[key] = {};
  return obj[key] as Obj;
}

function setIfEmpty(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** Defaults a pod template in place (its metadata and spec are struct values upstream, so always present). */
export function defaultPodTemplateSpec(template: Obj): void {
  ensure(template, 'metadata');
  defaultPodSpec(ensure(template, 'spec'));
}

function defaultClaimTemplate(claim: Obj): void {
  setIfEmpty(claim, 'apiVersion', 'v1');
  setIfEmpty(claim, 'kind', 'PersistentVolumeClaim');
  defaultPVC(claim);
}

function defaultPVC(claim: Obj): void {
  setIfEmpty(ensure(claim, 'spec'), 'volumeMode', 'Filesystem');
  setIfEmpty(ensure(claim, 'status'), 'phase', 'Pending');
}

function defaultStatefulSet(sts: Obj): void {
  const spec = ensure(sts, 'spec');
  setIfEmpty(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = ensure(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    if (!isObject(strategy.rollingUpdate)) strategy.rollingUpdate = {};
  }
  if (strategy.type === 'RollingUpdate' && isObject(strategy.rollingUpdate)) {
    if (typeof strategy.rollingUpdate.partition !== 'number') strategy.rollingUpdate.partition = 0;
  }
  const retention = ensure(spec, 'persistentVolumeClaimRetentionPolicy');
  setIfEmpty(retention, 'whenDeleted', 'Retain');
  setIfEmpty(retention, 'whenScaled', 'Retain');
  if (typeof spec.replicas !== 'number') spec.replicas = 1;
  if (typeof spec.revisionHistoryLimit !== 'number') spec.revisionHistoryLimit = 10;
  defaultPodTemplateSpec(ensure(spec, 'template'));
  for (const claim of objects(spec.volumeClaimTemplates)) defaultClaimTemplate(claim);
}

function defaultServiceIPFamilies(spec: Obj): void {
  if (spec.type === 'ExternalName') return;
  const headless = spec.clusterIP === 'None';
  const hasSelector = isObject(spec.selector) && Object.keys(spec.selector).length > 0;
  // The cluster is single-stack IPv4; selectorless headless Services default to RequireDualStack.
  setIfEmpty(spec, 'ipFamilyPolicy', headless && !hasSelector ? 'RequireDualStack' : 'SingleStack');
  if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
}

function defaultService(svc: Obj): void {
  const spec = ensure(svc, 'spec');
  setIfEmpty(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = ensure(ensure(spec, 'sessionAffinityConfig'), 'clientIP');
    if (typeof clientIP.timeoutSeconds !== 'number') clientIP.timeoutSeconds = 10800;
  }
  setIfEmpty(spec, 'type', 'ClusterIP');
  for (const p of objects(spec.ports)) {
    setIfEmpty(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (external) setIfEmpty(spec, 'externalTrafficPolicy', 'Cluster');
  if (external || spec.type === 'ClusterIP') setIfEmpty(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer' && typeof spec.allocateLoadBalancerNodePorts !== 'boolean') spec.allocateLoadBalancerNodePorts = true;
  defaultServiceIPFamilies(spec);
}

function defaultPV(pv: Obj): void {
  const spec = ensure(pv, 'spec');
  setIfEmpty(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setIfEmpty(spec, 'volumeMode', 'Filesystem');
  setIfEmpty(ensure(pv, 'status'), 'phase', 'Pending');
}

function defaultNamespace(ns: KubeObject): void {
  const name = ns.metadata.name;
  if (name) ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': name };
  // Upstream adds the finalizer in PrepareForCreate only; here only when the list is absent, so
  // an update that emptied it (namespace finalization) is left alone.
  const spec = ensure(ns, 'spec');
  if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
  setIfEmpty(ensure(ns, 'status'), 'phase', 'Active');
}

function defaultNode(node: Obj): void {
  const status = isObject(node.status) ? node.status : undefined;
  if (status && isObject(status.capacity) && status.allocatable === undefined) status.allocatable = { ...status.capacity };
}

function defaultPortProtocols(ports: unknown, withName: boolean): void {
  for (const p of objects(ports)) {
    setIfEmpty(p, 'protocol', 'TCP');
    if (withName && p.name === undefined) p.name = '';
  }
}

function defaultStorageClass(sc: Obj): void {
  setIfEmpty(sc, 'reclaimPolicy', 'Delete');
  setIfEmpty(sc, 'volumeBindingMode', 'Immediate');
}

/** Fills in what the API server defaults for a write to `resourceKey` (an R value). Mutates obj. */
export function applyDefaults(resourceKey: string, obj: KubeObject): void {
  obj.metadata ??= {};
  switch (resourceKey) {
    case R.pods:
      defaultPodSpec(ensure(obj, 'spec'));
      defaultPodExtras(obj);
      return;
    case R.statefulsets: return defaultStatefulSet(obj);
    case R.services: return defaultService(obj);
    case R.pvcs: return defaultPVC(obj);
    case R.pvs: return defaultPV(obj);
    case R.namespaces: return defaultNamespace(obj);
    case R.nodes: return defaultNode(obj);
    case R.endpoints:
      for (const s of objects(obj.subsets)) defaultPortProtocols(s.ports, false);
      return;
    case R.endpointSlices: return defaultPortProtocols(obj.ports, true);
    case R.storageClasses: return defaultStorageClass(obj);
    default:
      return;
  }
}
