// Pure builders for a Service's endpoints: which pods count, their resolved ports, the
// EndpointSlice content (statefulset-semantics.md §8.1, restated from upstream
// staging/src/k8s.io/endpointslice utils.go and util/controller_utils.go) and the legacy
// core/v1 Endpoints subsets (pkg/controller/endpoint endpoints_controller.go).

import type { KubeObject } from '../../kube/types.ts';
import { isPodReady, isTerminal, specOf, statusOf, type ContainerSpec, type Pod } from './pod-parts.ts';
import { ZONE_LABEL } from './sim-nodes.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpec {
  type?: string;
  selector?: Record<string, string>;
  clusterIP?: string;
  ports?: ServicePort[];
  publishNotReadyAddresses?: boolean;
}

export type Service = KubeObject & { spec?: ServiceSpec };

export interface EndpointPort {
  name: string;
  protocol: string;
  port: number;
  appProtocol?: string;
}

export interface Endpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: 'Pod'; namespace?: string; name?: string; uid?: string };
  nodeName?: string;
  zone?: string;
}

export interface SliceContent {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

export function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** Services the endpoint controllers manage: with a non-empty selector, not ExternalName. */
export function hasSelector(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && Object.keys(svc.spec?.selector ?? {}).length > 0;
}

export function selects(svc: Service, pod: Pod): boolean {
  if (pod.metadata.namespace !== svc.metadata.namespace) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(svc.spec?.selector ?? {}).every(([k, v]) => labels[k] === v);
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless tolerated. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isTerminal(pod)) return false;
  if (!podIPv4(pod)) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

export function podIPv4(pod: Pod): string | undefined {
  const st = statusOf(pod);
  for (const x of st.podIPs ?? []) if (IPV4.test(x.ip)) return x.ip;
  return st.podIP && IPV4.test(st.podIP) ? st.podIP : undefined;
}

/** ShouldSetHostname: the pod's hostname is published only under the Service its subdomain names. */
export function hostnameFor(pod: Pod, svc: Service): string | undefined {
  const spec = specOf(pod);
  const ok = !!spec.hostname && spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
  return ok ? spec.hostname : undefined;
}

/** FindPort: a named targetPort is looked up in the container (and sidecar) ports, same protocol. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const proto = sp.protocol ?? 'TCP';
  const sidecars = (specOf(pod).initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  const containers: ContainerSpec[] = [...(specOf(pod).containers ?? []), ...sidecars];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  if (/^\d+$/.test(target)) return Number(target);
  return undefined;
}

export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

export function podToEndpoint(svc: Service, pod: Pod, nodes: ReadonlyMap<string, KubeObject>): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const hostname = hostnameFor(pod, svc);
  const nodeName = specOf(pod).nodeName;
  const zone = nodeName ? nodes.get(nodeName)?.metadata.labels?.[ZONE_LABEL] : undefined;
  return {
    addresses: [podIPv4(pod)!],
    conditions: { ready: !!svc.spec?.publishNotReadyAddresses || (serving && !terminating), serving, terminating },
    ...(hostname ? { hostname } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    ...(nodeName ? { nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/**
 * The slices a Service should have: endpoints grouped by their resolved port set (pods can
 * resolve a named port differently), at most 100 per slice, sorted by pod name.
 */
export function desiredSlices(svc: Service, pods: readonly Pod[], nodes: ReadonlyMap<string, KubeObject>): SliceContent[] {
  const groups = new Map<string, SliceContent>();
  const members = pods.filter((p) => selects(svc, p) && shouldPodBeInEndpoints(p, true));
  members.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
  for (const pod of members) {
    const ports = endpointPorts(svc, pod);
    const key = JSON.stringify(ports);
    const g = groups.get(key) ?? { ports, endpoints: [] };
    g.endpoints.push(podToEndpoint(svc, pod, nodes));
    groups.set(key, g);
  }
  const out: SliceContent[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
  }
  // Upstream keeps a placeholder slice (no endpoints, no ports) for a Service selecting nothing.
  if (!out.length) out.push({ ports: [], endpoints: [] });
  return out;
}

/** Labels of a managed object: the Service's own plus the controller's (sorted, as Go prints maps). */
export function serviceDerivedLabels(svc: Service, extra: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = { ...svc.metadata.labels };
  delete labels[SERVICE_NAME_LABEL];
  delete labels[MANAGED_BY_LABEL];
  delete labels[HEADLESS_LABEL];
  Object.assign(labels, extra);
  if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export interface EndpointsSubset {
  addresses?: Array<Record<string, unknown>>;
  notReadyAddresses?: Array<Record<string, unknown>>;
  ports?: Array<{ name: string; port: number; protocol: string; appProtocol?: string }>;
}

/**
 * Legacy Endpoints subsets: terminating pods only with publishNotReadyAddresses; ready pods (or
 * all, when publishing not-ready addresses) in `addresses`, the rest in `notReadyAddresses`;
 * addresses grouped by port set and sorted by IP (RepackSubsets).
 */
export function desiredSubsets(svc: Service, pods: readonly Pod[]): EndpointsSubset[] {
  const tolerate = !!svc.spec?.publishNotReadyAddresses;
  const groups = new Map<string, EndpointsSubset>();
  const hasPorts = (svc.spec?.ports ?? []).length > 0;
  if (!hasPorts && !isHeadless(svc)) return [];
  for (const pod of pods) {
    if (!selects(svc, pod) || !shouldPodBeInEndpoints(pod, tolerate)) continue;
    const ports = hasPorts ? endpointPorts(svc, pod).map(({ name, port, protocol, appProtocol }) => ({ name, port, protocol, ...(appProtocol ? { appProtocol } : {}) })) : undefined;
    if (ports && !ports.length) continue;
    ports?.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.port - b.port));
    const hostname = hostnameFor(pod, svc);
    const addr: Record<string, unknown> = { ip: podIPv4(pod)!, ...(hostname ? { hostname } : {}) };
    if (specOf(pod).nodeName) addr.nodeName = specOf(pod).nodeName;
    addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
    const key = JSON.stringify(ports ?? null);
    const g = groups.get(key) ?? { ...(ports ? { ports } : {}) };
    const list = tolerate || isPodReady(pod) ? (g.addresses ??= []) : (g.notReadyAddresses ??= []);
    list.push(addr);
    groups.set(key, g);
  }
  return [...groups.keys()].sort().map((k) => {
    const g = groups.get(k)!;
    if (g.addresses) g.addresses = sortByIp(g.addresses);
    if (g.notReadyAddresses) g.notReadyAddresses = sortByIp(g.notReadyAddresses);
    return { ...(g.addresses ? { addresses: g.addresses } : {}), ...(g.notReadyAddresses ? { notReadyAddresses: g.notReadyAddresses } : {}), ...(g.ports ? { ports: g.ports } : {}) };
  });
}

/** An IPv4 address as one number, so that sorting compares numbers (octet by octet). */
function ipNumber(ip: string): number {
  let n = 0;
  for (const part of ip.split('.')) n = n * 256 + Number(part);
  return n;
}

/** Addresses sorted by IP, numerically; stable for equal IPs. */
function sortByIp(addrs: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const keyed = addrs.map((a) => ({ a, n: ipNumber(String(a.ip)) }));
  keyed.sort((x, y) => x.n - y.n);
  return keyed.map((k) => k.a);
}
