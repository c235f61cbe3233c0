// Names in the cluster zone (`cluster.local`), per the Kubernetes DNS specification 1.1.0:
//   <zone>                                   SOA, NS
//   dns-version.<zone>                       TXT "1.1.0"                               (§2.2)
//   <svc>.<ns>.svc.<zone>                    A ClusterIP | A per ready endpoint | CNAME (§2.3.1, §2.4.1, §2.5)
//   <endpoint>.<svc>.<ns>.svc.<zone>         A of that ready endpoint                  (§2.4.1)
//   _<port>._<proto>.<svc>.<ns>.svc.<zone>   SRV per named port (× ready endpoint)     (§2.3.2, §2.4.2)
//   <a>-<b>-<c>-<d>.<ns>.pod.<zone>          A <a>.<b>.<c>.<d>                         (§2.6, deprecated)
// Beyond the spec, following CoreDNS: SRV at <svc>.<ns>.svc lists every port; endpoint names
// also exist under ClusterIP Services; a headless Service without ready endpoints is NXDOMAIN
// for every type; <ns>.svc.<zone> and <ns>.pod.<zone> exist (NODATA) when the namespace does.
// Empty non-terminals (svc.<zone>, _tcp.<svc>...) exist without records.

import type { Store } from '../store/store.ts';
import { findService, namespaceExists, readyEndpoints, type EndpointView, type ServiceView } from './cluster-view.ts';
import { DNS_SCHEMA_VERSION, IPV4, record, soaRecord, srvRecord, txtRecord, type DnsRecord } from './records.ts';

/** A name in one of our zones: every record it owns, or why it does not exist. */
export type NameLookup =
  | { exists: true; records: DnsRecord[]; reason: string }
  | { exists: false; reason: string };

export interface ZoneContext {
  store: Store;
  clusterDomain: string;
  ttl: number;
  /** What ns.dns.<zone> resolves to (the server's own address), if known. */
  nsAddress?: string;
  /** The owner name for records at the queried name: the question as asked. */
  owner: string;
}

const exists = (records: DnsRecord[], reason: string): NameLookup => ({ exists: true, records, reason });
const missing = (reason: string): NameLookup => ({ exists: false, reason });

/** `labels`: the lower-case labels left of the cluster domain, leftmost first. */
export function lookupClusterName(ctx: ZoneContext, labels: string[]): NameLookup {
  const { owner, ttl, clusterDomain } = ctx;
  const key = labels.join('.');
  if (key === '') {
    const soa = soaRecord(owner, ttl, clusterDomain, ctx.store.currentRV());
    return exists([soa, record(owner, ttl, 'NS', `ns.dns.${clusterDomain}`)], `${clusterDomain} is the cluster zone`);
  }
  if (key === 'dns-version') return exists([txtRecord(owner, ttl, DNS_SCHEMA_VERSION)], 'the DNS schema version record');
  if (key === 'dns') return exists([], 'dns.<zone> holds the name server');
  if (key === 'ns.dns') {
    return exists(ctx.nsAddress ? [record(owner, ttl, 'A', ctx.nsAddress)] : [], 'the name server of the cluster zone');
  }
  const top = labels[labels.length - 1];
  if (top === 'svc') return lookupServiceName(ctx, labels.slice(0, -1));
  if (top === 'pod') return lookupPodName(ctx, labels.slice(0, -1));
  return missing(`"${key}" is not a name the Kubernetes DNS schema defines`);
}

function lookupServiceName(ctx: ZoneContext, parts: string[]): NameLookup {
  if (parts.length === 0) return exists([], `svc.${ctx.clusterDomain} holds the Service names`);
  const ns = parts[parts.length - 1];
  if (parts.length === 1) {
    return namespaceExists(ctx.store, ns) ? exists([], `namespace ${ns} exists; its Services are named <svc>.${ns}.svc`) : missing(`namespace ${ns} does not exist`);
  }
  const svc = findService(ctx.store, ns, parts[parts.length - 2]);
  if (!svc) return missing(`there is no Service ${parts[parts.length - 2]} in namespace ${ns}`);
  if (parts.length === 2) return serviceRecords(ctx, svc);
  if (parts.length === 3) return parts[0].startsWith('_') ? protocolNode(ctx, svc, parts[0]) : endpointRecords(ctx, svc, parts[0]);
  if (parts.length === 4 && parts[0].startsWith('_') && parts[1].startsWith('_')) {
    return portRecords(ctx, svc, parts[0].slice(1), parts[1].slice(1));
  }
  return missing(`no record of the schema has this many labels under Service ${svc.namespace}/${svc.name}`);
}

const fqdn = (ctx: ZoneContext, svc: ServiceView) => `${svc.name}.${svc.namespace}.svc.${ctx.clusterDomain}`;
const id = (svc: ServiceView) => `${svc.namespace}/${svc.name}`;

function describe(eps: EndpointView[]): string {
  return eps.map((e) => `${e.podName ?? e.label} (${e.ip})`).join(', ');
}

/** Why a headless Service has no ready endpoints, naming the not-ready ones. */
function noReadyReason(svc: ServiceView): string {
  const notReady = svc.endpoints.filter((e) => !e.ready);
  const tail = notReady.length ? `; not ready: ${describe(notReady)}` : '; its EndpointSlices list no addresses';
  return `headless Service ${id(svc)} has no ready endpoints${tail}`;
}

/**
 * SRV records of a Service. `port`/`proto` undefined: every port (the bare service name);
 * otherwise only named ports matching them. Headless: one per ready endpoint and port, target
 * the endpoint's name and port its (target) port; otherwise target the Service name.
 */
function srvRecords(ctx: ZoneContext, svc: ServiceView, port?: string, proto?: string): DnsRecord[] {
  const matches = (p: { name: string; protocol: string }) =>
    (port === undefined || (p.name !== '' && p.name.toLowerCase() === port)) && (proto === undefined || p.protocol === proto);
  if (svc.kind === 'ClusterIP') {
    return svc.ports.filter(matches).map((p) => srvRecord(ctx.owner, ctx.ttl, p.port, fqdn(ctx, svc)));
  }
  const out: DnsRecord[] = [];
  for (const ep of readyEndpoints(svc)) {
    for (const p of ep.ports.filter(matches)) out.push(srvRecord(ctx.owner, ctx.ttl, p.port, `${ep.label}.${fqdn(ctx, svc)}`));
  }
  return out;
}

function serviceRecords(ctx: ZoneContext, svc: ServiceView): NameLookup {
  const { owner, ttl } = ctx;
  if (svc.kind === 'ExternalName') {
    if (!svc.externalName) return exists([], `ExternalName Service ${id(svc)} names no external host`);
    return exists([record(owner, ttl, 'CNAME', svc.externalName)], `ExternalName Service ${id(svc)} is an alias of ${svc.externalName}`);
  }
  if (svc.kind === 'ClusterIP') {
    const a = svc.clusterIP ? [record(owner, ttl, 'A', svc.clusterIP)] : [];
    const why = svc.clusterIP ? `Service ${id(svc)} has ClusterIP ${svc.clusterIP}` : `Service ${id(svc)} has no ClusterIP yet`;
    return exists([...a, ...srvRecords(ctx, svc)], why);
  }
  const ready = readyEndpoints(svc);
  if (!ready.length) return missing(noReadyReason(svc));
  const ips = [...new Set(ready.map((e) => e.ip))];
  return exists([...ips.map((ip) => record(owner, ttl, 'A', ip)), ...srvRecords(ctx, svc)], `headless Service ${id(svc)}: ready endpoints ${describe(ready)}`);
}

function endpointRecords(ctx: ZoneContext, svc: ServiceView, label: string): NameLookup {
  if (svc.kind === 'ExternalName') return missing(`ExternalName Service ${id(svc)} has no endpoints`);
  const named = svc.endpoints.filter((e) => e.label === label);
  const ready = named.filter((e) => e.ready);
  if (!named.length) return missing(`Service ${id(svc)} has no endpoint named ${label}`);
  if (!ready.length) return missing(`endpoint ${label} of Service ${id(svc)} is not ready: ${describe(named)}`);
  const ips = [...new Set(ready.map((e) => e.ip))];
  return exists(ips.map((ip) => record(ctx.owner, ctx.ttl, 'A', ip)), `ready endpoint ${describe(ready)} of Service ${id(svc)}`);
}

/** _<proto>.<svc>.<ns>.svc: an empty non-terminal while some SRV name sits below it. */
function protocolNode(ctx: ZoneContext, svc: ServiceView, label: string): NameLookup {
  if (svc.kind === 'ExternalName') return missing(`ExternalName Service ${id(svc)} has no ports`);
  const proto = label.slice(1);
  const named = (p: { name: string }) => p.name !== '';
  const below = svc.kind === 'ClusterIP'
    ? svc.ports.some((p) => named(p) && p.protocol === proto)
    : readyEndpoints(svc).some((e) => e.ports.some((p) => named(p) && p.protocol === proto));
  return below ? exists([], `Service ${id(svc)} has named ${proto} ports`) : missing(`Service ${id(svc)} has no named ${proto} port with records`);
}

function portRecords(ctx: ZoneContext, svc: ServiceView, port: string, proto: string): NameLookup {
  if (svc.kind === 'ExternalName') return missing(`ExternalName Service ${id(svc)} has no ports`);
  const srv = srvRecords(ctx, svc, port, proto);
  if (srv.length) return exists(srv, `port ${port}/${proto} of Service ${id(svc)}`);
  if (svc.kind === 'Headless' && !readyEndpoints(svc).length) return missing(noReadyReason(svc));
  return missing(`Service ${id(svc)} has no port named ${port} with protocol ${proto}`);
}

function lookupPodName(ctx: ZoneContext, parts: string[]): NameLookup {
  if (parts.length === 0) return exists([], `pod.${ctx.clusterDomain} holds the (deprecated) pod IP names`);
  const ns = parts[parts.length - 1];
  if (!namespaceExists(ctx.store, ns)) return missing(`namespace ${ns} does not exist`);
  if (parts.length === 1) return exists([], `namespace ${ns} exists; pod names are <a>-<b>-<c>-<d>.${ns}.pod`);
  const ip = parts[0].replace(/-/g, '.');
  if (parts.length !== 2 || !/^\d+-\d+-\d+-\d+$/.test(parts[0]) || !IPV4.test(ip)) {
    return missing(`"${parts.slice(0, -1).join('.')}" is not a dashed IPv4 address`);
  }
  return exists([record(ctx.owner, ctx.ttl, 'A', ip)], `the deprecated pod record: ${parts[0]} spells ${ip}`);
}
