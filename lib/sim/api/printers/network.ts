// Services (printService), Endpoints (printEndpoints) and EndpointSlices (printEndpointSlice).

import { ENDPOINT_SLICE, ENDPOINTS_SUBSETS, SERVICE } from './descriptions.ts';
import { ageColumn, ageOf, column, formatLabels, listWithMore, nameColumn, nameOf, part, wide, type Printer } from './common.ts';

interface ServiceSpecLike {
  type: string;
  clusterIPs: string[];
  externalIPs: string[];
  externalName: string;
  ports: Array<{ port?: number; nodePort?: number; protocol?: string }>;
  selector: Record<string, string>;
}

interface ServiceStatusLike {
  loadBalancer: { ingress?: Array<{ ip?: string; hostname?: string }> };
}

// loadBalancerStatusStringer with wide=true (the server never clips it): sorted, de-duplicated.
function loadBalancerIPs(status: Partial<ServiceStatusLike>): string[] {
  const all = (status.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((x) => x !== '');
  return [...new Set(all)].sort();
}

function externalIP(spec: Partial<ServiceSpecLike>, status: Partial<ServiceStatusLike>): string {
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIPs(status);
      if (external.length > 0) return [...lb, ...external].join(',');
      return lb.length > 0 ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: "80/TCP", or "80:30080/TCP" with a node port, comma-joined. */
function portString(ports: ServiceSpecLike['ports'] | undefined): string {
  const s = (ports ?? []).map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port ?? 0}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port ?? 0}/${p.protocol ?? ''}`)).join(',');
  return s === '' ? '<none>' : s;
}

export const servicePrinter: Printer = {
  columns: [
    nameColumn,
    column('Type', SERVICE.type),
    column('Cluster-IP', SERVICE.clusterIP),
    column('External-IP', SERVICE.externalIPs),
    column('Port(s)', SERVICE.ports),
    ageColumn,
    wide('Selector', SERVICE.selector),
  ],
  print(svc, now) {
    const spec = part<ServiceSpecLike>(svc, 'spec');
    const status = part<ServiceStatusLike>(svc, 'status');
    // A headless Service has clusterIPs ["None"], which prints as "None".
    const clusterIP = spec.clusterIPs?.[0] ?? '<none>';
    return {
      cells: [nameOf(svc), spec.type ?? '', clusterIP, externalIP(spec, status), portString(spec.ports), ageOf(svc, now), formatLabels(spec.selector)],
    };
  },
};

interface EndpointSubsetLike {
  addresses?: Array<{ ip?: string }>;
  ports?: Array<{ port?: number }>;
}

const joinHostPort = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** formatEndpoints: ready "ip:port" pairs (just IPs for port-less subsets), 3 then "+ N more...". */
function formatEndpoints(subsets: EndpointSubsetLike[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const all: string[] = [];
  for (const ss of subsets) {
    const ips = (ss.addresses ?? []).map((a) => a.ip ?? '');
    if (!ss.ports || ss.ports.length === 0) all.push(...ips);
    else for (const p of ss.ports) all.push(...ips.map((ip) => joinHostPort(ip, p.port ?? 0)));
  }
  const shown = all.slice(0, 3).join(',');
  return all.length > 3 ? `${shown} + ${all.length - 3} more...` : shown;
}

export const endpointsPrinter: Printer = {
  columns: [nameColumn, column('Endpoints', ENDPOINTS_SUBSETS), ageColumn],
  print(ep, now) {
    return { cells: [nameOf(ep), formatEndpoints(ep.subsets as EndpointSubsetLike[] | undefined), ageOf(ep, now)] };
  },
};

interface EndpointSliceLike {
  addressType?: string;
  ports?: Array<{ port?: number | null; name?: string | null }>;
  endpoints?: Array<{ addresses?: string[] }>;
}

export const endpointSlicePrinter: Printer = {
  columns: [
    nameColumn,
    column('AddressType', ENDPOINT_SLICE.addressType),
    column('Ports', ENDPOINT_SLICE.ports),
    column('Endpoints', ENDPOINT_SLICE.endpoints),
    ageColumn,
  ],
  print(obj, now) {
    const slice = obj as EndpointSliceLike;
    // A port with no number means "all ports" and prints as its name, or "*".
    const ports = (slice.ports ?? []).map((p) => (p.port != null ? String(p.port) : p.name != null ? p.name : '*'));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return { cells: [nameOf(obj), slice.addressType ?? '', listWithMore(ports), listWithMore(addresses), ageOf(obj, now)] };
  },
};
