// What DNS sees of the cluster, read from the store at query time: Services and the endpoints
// their EndpointSlices publish. Nothing is cached, so an answer changes the moment a slice does.
//
// Contracts (kubernetes/dns specification 1.1.0 and CoreDNS's kubernetes plugin):
// - A Service is headless when spec.clusterIP is "None"; ExternalName when spec.type says so.
// - Slices belong to a Service through the label kubernetes.io/service-name (whoever manages
//   them); only addressType IPv4 is read.
// - An endpoint is ready unless conditions.ready is false (nil means ready, as in CoreDNS).
// - An endpoint's DNS label is its hostname, or else its IPv4 address with dashes.
// Limits: IPv4 only (the embedded cluster has no IPv6), so there are never AAAA records.

import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import type { Store } from '../store/store.ts';
import { dashedIp, IPV4 } from './records.ts';

export interface PortView {
  /** "" for an unnamed port. */
  name: string;
  /** Lower case: tcp, udp, sctp. */
  protocol: string;
  port: number;
}

export interface EndpointView {
  ip: string;
  /** The DNS label: the endpoint's hostname, or the dashed IP when it has none. */
  label: string;
  explicitHostname: boolean;
  ready: boolean;
  /** The pod behind the endpoint, when the slice names it. */
  podName?: string;
  /** The ports of the slice the endpoint came from (endpoint = target ports). */
  ports: PortView[];
}

export type ServiceKind = 'ClusterIP' | 'Headless' | 'ExternalName';

export interface ServiceView {
  namespace: string;
  name: string;
  kind: ServiceKind;
  /** IPv4 ClusterIP, when allocated. */
  clusterIP?: string;
  externalName?: string;
  /** The Service's own ports (service port numbers). */
  ports: PortView[];
  /** Every endpoint with an IPv4 address, ready or not; deduplicated by IP and label. */
  endpoints: EndpointView[];
}

interface ServiceSpecShape {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  ports?: Array<{ name?: string; protocol?: string; port?: number }>;
}

interface SliceEndpointShape {
  addresses?: string[];
  conditions?: { ready?: boolean | null };
  hostname?: string;
  targetRef?: { kind?: string; name?: string };
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function portsOf(list: Array<{ name?: string; protocol?: string; port?: number }> | undefined): PortView[] {
  return (list ?? [])
    .filter((p) => typeof p.port === 'number')
    .map((p) => ({ name: p.name ?? '', protocol: (p.protocol ?? 'TCP').toLowerCase(), port: p.port! }));
}

function kindOf(spec: ServiceSpecShape): ServiceKind {
  if (spec.type === 'ExternalName') return 'ExternalName';
  return spec.clusterIP === 'None' ? 'Headless' : 'ClusterIP';
}

function endpointsOf(store: Store, namespace: string, service: string): EndpointView[] {
  const out: EndpointView[] = [];
  const seen = new Set<string>();
  for (const slice of store.list(R.endpointSlices, namespace)) {
    if (slice.metadata.labels?.[SERVICE_NAME_LABEL] !== service || slice.addressType !== 'IPv4') continue;
    const ports = portsOf(slice.ports as PortView[] | undefined);
    for (const ep of (slice.endpoints ?? []) as SliceEndpointShape[]) {
      for (const ip of ep.addresses ?? []) {
        if (!IPV4.test(ip)) continue;
        const label = (ep.hostname || dashedIp(ip)).toLowerCase();
        if (seen.has(`${ip}/${label}`)) continue;
        seen.add(`${ip}/${label}`);
        const podName = ep.targetRef?.kind === 'Pod' ? ep.targetRef.name : undefined;
        out.push({ ip, label, explicitHostname: !!ep.hostname, ready: ep.conditions?.ready !== false, ports, ...(podName ? { podName } : {}) });
      }
    }
  }
  return out;
}

export function serviceView(store: Store, svc: KubeObject): ServiceView {
  const spec = (svc.spec ?? {}) as ServiceSpecShape;
  const namespace = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name!;
  const kind = kindOf(spec);
  const clusterIP = [spec.clusterIP, ...(spec.clusterIPs ?? [])].find((ip) => !!ip && IPV4.test(ip));
  return {
    namespace,
    name,
    kind,
    ...(kind === 'ClusterIP' && clusterIP ? { clusterIP } : {}),
    ...(kind === 'ExternalName' && spec.externalName ? { externalName: spec.externalName.replace(/\.$/, '').toLowerCase() } : {}),
    ports: portsOf(spec.ports),
    endpoints: kind === 'ExternalName' ? [] : endpointsOf(store, namespace, name),
  };
}

/** The Service `name` in `namespace` (both already lower case, as object names always are). */
export function findService(store: Store, namespace: string, name: string): ServiceView | undefined {
  const svc = store.get(R.services, namespace, name);
  return svc ? serviceView(store, svc) : undefined;
}

export function allServices(store: Store): ServiceView[] {
  return store.list(R.services).map((s) => serviceView(store, s));
}

/** A namespace "exists" for DNS when the Namespace object does or a Service lives in it. */
export function namespaceExists(store: Store, namespace: string): boolean {
  if (store.get(R.namespaces, undefined, namespace)) return true;
  return store.list(R.services, namespace).length > 0;
}

export function readyEndpoints(svc: ServiceView): EndpointView[] {
  return svc.endpoints.filter((e) => e.ready);
}
