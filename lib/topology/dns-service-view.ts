// What DNS sees of one Service: its kind, ClusterIP, ports, and the endpoints its EndpointSlices
// publish (statefulset-semantics.md §8.1-8.2), read from plain objects. Pure.
//
// Contracts (kubernetes/dns specification 1.1.0, CoreDNS's kubernetes plugin):
// - Headless when spec.clusterIP is "None"; ExternalName when spec.type says so.
// - Slices belong to a Service by the label kubernetes.io/service-name; only IPv4 slices count
//   (the dashboard's clusters answer A records only).
// - An endpoint is ready unless conditions.ready is false; its DNS label is its hostname, or else
//   its address with dashes.

import type { KubeObject } from '../kube/types.ts';
import { dict, list, num, specOf, str } from './fields.ts';

export interface DnsPort {
  /** "" for an unnamed port. */
  name: string;
  /** Lower case: tcp, udp, sctp. */
  protocol: string;
  port: number;
}

export interface DnsEndpoint {
  ip: string;
  /** Lower case: the hostname, or the dashed IP when it has none. */
  label: string;
  hasHostname: boolean;
  ready: boolean;
  terminating: boolean;
  podName: string | null;
  /** The ports of its slice: the target ports. */
  ports: DnsPort[];
}

export interface DnsService {
  namespace: string;
  name: string;
  kind: 'ClusterIP' | 'Headless' | 'ExternalName';
  clusterIP: string | null;
  externalName: string | null;
  ports: DnsPort[];
  endpoints: DnsEndpoint[];
  selector: Record<string, string> | null;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

export function dashedIp(ip: string): string {
  return ip.replace(/\./g, '-');
}

function portsOf(raw: unknown): DnsPort[] {
  return list(raw).map(dict).filter((p) => typeof p.port === 'number')
    .map((p) => ({ name: str(p.name) ?? '', protocol: (str(p.protocol) ?? 'TCP').toLowerCase(), port: num(p.port, 0) }));
}

function endpointsOf(namespace: string, service: string, slices: readonly KubeObject[]): DnsEndpoint[] {
  const out: DnsEndpoint[] = [];
  const seen = new Set<string>();
  for (const slice of slices) {
    if ((slice.metadata.namespace ?? namespace) !== namespace) continue;
    if (slice.metadata.labels?.[SERVICE_NAME_LABEL] !== service || slice.addressType !== 'IPv4') continue;
    const ports = portsOf(slice.ports);
    for (const ep of list(slice.endpoints).map(dict)) {
      const conditions = dict(ep.conditions);
      const ref = dict(ep.targetRef);
      const hostname = str(ep.hostname);
      for (const ip of list(ep.addresses).filter((a): a is string => typeof a === 'string' && isIPv4(a))) {
        const label = (hostname ?? dashedIp(ip)).toLowerCase();
        if (seen.has(`${ip}/${label}`)) continue;
        seen.add(`${ip}/${label}`);
        out.push({
          ip, label, hasHostname: hostname !== null, ready: conditions.ready !== false, terminating: conditions.terminating === true,
          podName: ref.kind === 'Pod' ? str(ref.name) : null, ports,
        });
      }
    }
  }
  return out;
}

export function dnsService(svc: KubeObject, slices: readonly KubeObject[]): DnsService {
  const spec = specOf(svc);
  const namespace = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name ?? '';
  const kind = spec.type === 'ExternalName' ? 'ExternalName' : spec.clusterIP === 'None' ? 'Headless' : 'ClusterIP';
  const ips = [spec.clusterIP, ...list(spec.clusterIPs)].filter((ip): ip is string => typeof ip === 'string' && isIPv4(ip));
  const selector = spec.selector === undefined || spec.selector === null ? null : dict(spec.selector) as Record<string, string>;
  return {
    namespace,
    name,
    kind,
    clusterIP: kind === 'ClusterIP' ? ips[0] ?? null : null,
    externalName: kind === 'ExternalName' ? str(spec.externalName)?.replace(/\.$/, '').toLowerCase() ?? null : null,
    ports: portsOf(spec.ports),
    endpoints: kind === 'ExternalName' ? [] : endpointsOf(namespace, name, slices),
    selector,
  };
}

export function readyEndpoints(svc: DnsService): DnsEndpoint[] {
  return svc.endpoints.filter((e) => e.ready);
}

/** "web-0 (10.244.1.5), web-1 (10.244.1.6)". */
export function describeEndpoints(eps: readonly DnsEndpoint[]): string {
  return eps.map((e) => `${e.podName ?? e.label} (${e.ip})`).join(', ');
}
