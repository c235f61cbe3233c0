// Pod spec defaulting as a v1.34 API server applies it (pkg/apis/core/v1/defaults.go plus the
// generated defaulters that walk containers, probes and volumes). The set of fields defaulted
// on a pod *template* matters byte for byte: the StatefulSet revision hash is computed over the
// defaulted template (statefulset-semantics.md §3.6), so only upstream's defaults belong here.
// Pod-only defaults (SetDefaults_Pod and the admission plugins) live in defaultPodExtras.

import { parseQuantity } from './quantity.ts';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function objects(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

function child(o: Obj, key: string): Obj | undefined {
  const v = o[key];
  return isObject(v) ? v : undefined;
}

function setIfEmpty(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** The tag ParseImageName finds: after the last ':' of the last path segment; "latest" when neither tag nor digest. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  return tag === '' && at < 0 ? 'latest' : tag;
}

function defaultFieldRefs(o: Obj): void {
  const fieldRef = child(o, 'fieldRef');
  if (fieldRef) setIfEmpty(fieldRef, 'apiVersion', 'v1');
  const resourceFieldRef = child(o, 'resourceFieldRef');
  // A zero Quantity serialises as "0": what a real server echoes back.
  if (resourceFieldRef) setIfEmpty(resourceFieldRef, 'divisor', '0');
}

function defaultHttpGet(handler: Obj | undefined): void {
  const httpGet = handler && child(handler, 'httpGet');
  if (!httpGet) return;
  setIfEmpty(httpGet, 'path', '/');
  setIfEmpty(httpGet, 'scheme', 'HTTP');
}

function defaultProbe(probe: Obj | undefined): void {
  if (!probe) return;
  for (const [k, v] of [['timeoutSeconds', 1], ['periodSeconds', 10], ['successThreshold', 1], ['failureThreshold', 3]] as const) {
    if (!probe[k]) probe[k] = v;
  }
  defaultHttpGet(probe);
  const grpc = child(probe, 'grpc');
  if (grpc && grpc.service === undefined) grpc.service = '';
}

function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  setIfEmpty(c, 'terminationMessagePath', '/dev/termination-log');
  setIfEmpty(c, 'terminationMessagePolicy', 'File');
  // ResourceRequirements is a struct value, so it is always serialised, as {} when empty.
  if (!isObject(c.resources)) c.resources = {};
  for (const p of objects(c.ports)) setIfEmpty(p, 'protocol', 'TCP');
  for (const e of objects(c.env)) {
    const from = child(e, 'valueFrom');
    if (from) defaultFieldRefs(from);
  }
  defaultProbe(child(c, 'livenessProbe'));
  defaultProbe(child(c, 'readinessProbe'));
  defaultProbe(child(c, 'startupProbe'));
  const lifecycle = child(c, 'lifecycle');
  if (lifecycle) {
    defaultHttpGet(child(lifecycle, 'postStart'));
    defaultHttpGet(child(lifecycle, 'preStop'));
  }
}

function defaultDownwardItems(source: Obj | undefined): void {
  for (const item of objects(source?.items)) defaultFieldRefs(item);
}

function defaultVolume(v: Obj): void {
  if (!Object.keys(v).some((k) => k !== 'name')) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = child(v, k);
    if (src && src.defaultMode === undefined) src.defaultMode = 420;
  }
  defaultDownwardItems(child(v, 'downwardAPI'));
  for (const s of objects(child(v, 'projected')?.sources)) {
    const token = child(s, 'serviceAccountToken');
    if (token && token.expirationSeconds === undefined) token.expirationSeconds = 3600;
    defaultDownwardItems(child(s, 'downwardAPI'));
  }
  const hostPath = child(v, 'hostPath');
  if (hostPath && hostPath.type === undefined) hostPath.type = '';
  const claimSpec = child(child(child(v, 'ephemeral') ?? {}, 'volumeClaimTemplate') ?? {}, 'spec');
  if (claimSpec) setIfEmpty(claimSpec, 'volumeMode', 'Filesystem');
}

/** SetDefaults_PodSpec and everything below it; used for pods and pod templates alike. */
export function defaultPodSpec(spec: Obj): void {
  setIfEmpty(spec, 'dnsPolicy', 'ClusterFirst');
  setIfEmpty(spec, 'restartPolicy', 'Always');
  if (!isObject(spec.securityContext)) spec.securityContext = {};
  if (typeof spec.terminationGracePeriodSeconds !== 'number') spec.terminationGracePeriodSeconds = 30;
  setIfEmpty(spec, 'schedulerName', 'default-scheduler');
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of objects(spec[key])) defaultContainer(c);
  }
  for (const v of objects(spec.volumes)) defaultVolume(v);
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

// DefaultTolerationSeconds admission: add a 300 s NoExecute toleration for each taint unless an
// existing toleration already covers it.
function defaultTolerations(spec: Obj): void {
  const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const covered = (key: string) => objects(tolerations).some((t) =>
    (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!covered(key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}

function requestsFromLimits(c: Obj): void {
  const resources = child(c, 'resources');
  const limits = resources && child(resources, 'limits');
  if (!resources || !limits) return;
  const requests = child(resources, 'requests') ?? {};
  for (const [k, v] of Object.entries(limits)) if (requests[k] === undefined) requests[k] = v;
  resources.requests = requests;
}

/** GetPodQOS over containers and init containers (cpu and memory only). */
export function podQOSClass(spec: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let guaranteed = true;
  for (const c of [...objects(spec.containers), ...objects(spec.initContainers)]) {
    const res = child(c, 'resources') ?? {};
    const found = new Set<string>();
    for (const [sum, list, isLimit] of [[requests, child(res, 'requests'), false], [limits, child(res, 'limits'), true]] as const) {
      for (const name of ['cpu', 'memory']) {
        const q = parseQuantity(list?.[name]);
        if (!q) continue;
        sum[name] = (sum[name] ?? 0) + q;
        if (isLimit) found.add(name);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  const reqNames = Object.keys(requests);
  if (reqNames.length === 0 && Object.keys(limits).length === 0) return 'BestEffort';
  if (guaranteed && reqNames.every((n) => limits[n] === requests[n]) && reqNames.length === Object.keys(limits).length) return 'Guaranteed';
  return 'Burstable';
}

/**
 * What a created Pod gets beyond its spec defaults: SetDefaults_Pod (requests from limits,
 * enableServiceLinks, host-network ports), the ServiceAccount, Priority and
 * DefaultTolerationSeconds admission plugins, and the initial status phase and QoS class when
 * absent. The projected kube-api-access volume is not added.
 */
export function defaultPodExtras(pod: Obj): void {
  const spec = child(pod, 'spec') ?? (pod.spec = {}) as Obj;
  for (const key of ['containers', 'initContainers']) for (const c of objects(spec[key])) requestsFromLimits(c);
  if (typeof spec.enableServiceLinks !== 'boolean') spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const key of ['containers', 'initContainers']) {
      for (const c of objects(spec[key])) for (const p of objects(c.ports)) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
  const sa = spec.serviceAccountName || spec.serviceAccount || 'default';
  spec.serviceAccountName = sa;
  spec.serviceAccount = sa;
  if (spec.priority === undefined && !spec.priorityClassName) spec.priority = 0;
  setIfEmpty(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  defaultTolerations(spec);
  const status = child(pod, 'status') ?? (pod.status = {}) as Obj;
  setIfEmpty(status, 'phase', 'Pending');
  setIfEmpty(status, 'qosClass', podQOSClass(spec));
}
