// The answer one fully qualified name gets from the cluster's DNS, computed from Services,
// EndpointSlices and pods the way CoreDNS's kubernetes plugin answers (and the embedded DNS
// server, lib/sim/dns, which the dashboard may not import). Pure.
//
// Contracts:
// - Same answers as the embedded DNS server for A and SRV: a headless Service answers one A per
//   ready endpoint (NXDOMAIN when none is ready); a ClusterIP Service its ClusterIP; endpoint
//   names answer under both (a CoreDNS extra for ClusterIP Services); SRV per named port;
//   ExternalName a CNAME (not followed here); <a>-<b>-<c>-<d>.<ns>.pod the spelled address.
// - A name that exists without the asked type is NODATA; one that does not exist NXDOMAIN.
// - Outside the cluster zone the dashboard cannot know (CoreDNS forwards upstream): NOT_CHECKED.
// - `weight` ranks how close a failing candidate came to a record (0 nothing known ... 4 a
//   Service was found), so the lookup can say the one reason that matters.

import type { DnsNamespaceObjects, DnsQueryType, DnsRecordView, DnsStepRcode, DnsWorld } from './dns-lookup-types.ts';
import { parseClusterName, type ClusterName } from './dns-search.ts';
import { describeEndpoints, dnsService, isIPv4, readyEndpoints, type DnsService } from './dns-service-view.ts';
import { missingServiceReason, noReadyEndpointsReason, unpublishedEndpointReason } from './dns-why.ts';

/** SRV priority and weight, as the embedded DNS server answers them (the spec leaves them open). */
export const SRV_PRIORITY = 0;
export const SRV_WEIGHT = 100;

export interface CandidateOutcome {
  rcode: DnsStepRcode;
  records: DnsRecordView[];
  reason: string;
  weight: number;
}

type NameFacts =
  | { exists: true; records: DnsRecordView[]; reason: string; weight: number }
  | { exists: false; reason: string; weight: number };

const found = (records: DnsRecordView[], reason: string, weight = 4): NameFacts => ({ exists: true, records, reason, weight });
const missing = (reason: string, weight: number): NameFacts => ({ exists: false, reason, weight });

export function answerCandidate(world: DnsWorld, fqdn: string, type: DnsQueryType): CandidateOutcome {
  const parsed = parseClusterName(fqdn, world.clusterDomain);
  if (parsed.kind === 'outside') {
    return {
      rcode: 'NOT_CHECKED', records: [], weight: 0,
      reason: `${fqdn} is outside ${world.clusterDomain}: the cluster's DNS forwards it to the upstream DNS servers, which the dashboard does not ask`,
    };
  }
  const facts = nameFacts(world, fqdn, parsed);
  if (facts === null) {
    const ns = (parsed as { namespace: string }).namespace;
    // Ranked above every failure it might hide: the real answer may well be here.
    const why = world.unreadable?.[ns] ?? `the dashboard may not read namespace '${ns}' (STS_NAMESPACES)`;
    return { rcode: 'NOT_CHECKED', records: [], weight: 4.5, reason: `${why}, so ${fqdn} was not checked` };
  }
  if (!facts.exists) return { rcode: 'NXDOMAIN', records: [], reason: facts.reason, weight: facts.weight };
  const chosen = facts.records.filter((r) => r.type === type);
  const cname = facts.records.filter((r) => r.type === 'CNAME');
  const records = chosen.length > 0 ? chosen : cname;
  if (records.length > 0) return { rcode: 'NOERROR', records, reason: facts.reason, weight: 5 };
  return { rcode: 'NODATA', records: [], reason: `${facts.reason}; the name exists but has no ${type} record`, weight: facts.weight };
}

export function namespaceExists(world: DnsWorld, ns: string): boolean {
  const objs = world.objects[ns];
  if (objs && objs.services.length > 0) return true;
  if (world.namespaces) return world.namespaces.includes(ns);
  return objs !== undefined && (objs.pods.length > 0 || objs.statefulSets.length > 0 || objs.endpointSlices.length > 0);
}

/** null: the namespace exists but its objects were not read. */
function nameFacts(world: DnsWorld, fqdn: string, name: Exclude<ClusterName, { kind: 'outside' }>): NameFacts | null {
  if (name.kind === 'zone-internal') return found([], name.what, 1);
  if (name.kind === 'not-schema') return missing(`${fqdn}: ${name.why}`, 1);
  if (!namespaceExists(world, name.namespace)) return missing(noNamespaceReason(fqdn, name), 2);
  const objs = world.objects[name.namespace];
  if (name.kind === 'namespace') return found([], `namespace '${name.namespace}' exists, but ${fqdn} is only the parent of its names`, 2);
  if (name.kind === 'pod-ip') return podIpFacts(fqdn, name.label, name.namespace);
  if (!objs) return null;
  const svcObj = objs.services.find((s) => s.metadata.name === name.service);
  if (!svcObj) return missing(missingServiceReason(world, name), 3);
  const svc = dnsService(svcObj, objs.endpointSlices);
  switch (name.kind) {
    case 'service': return serviceFacts(world, fqdn, svc, objs);
    case 'endpoint': return endpointFacts(world, svc, name.endpoint, objs);
    case 'protocol': return protocolFacts(svc, name.protocol);
    case 'port': return portFacts(world, svc, name.port, name.protocol, objs);
  }
}

function noNamespaceReason(fqdn: string, name: { kind: string; namespace: string; service?: string; endpoint?: string }): string {
  const meaning = name.kind === 'endpoint' ? `pod name '${name.endpoint}' under Service '${name.service}' in namespace '${name.namespace}'`
    : name.service ? `Service '${name.service}' in namespace '${name.namespace}'`
      : `a name in namespace '${name.namespace}'`;
  return `${fqdn} would be ${meaning}, and there is no namespace '${name.namespace}'`;
}

const svcFqdn = (world: DnsWorld, svc: DnsService) => `${svc.name}.${svc.namespace}.svc.${world.clusterDomain}`;
const a = (name: string, ip: string): DnsRecordView => ({ name, type: 'A', data: ip });
const srv = (name: string, port: number, target: string): DnsRecordView => ({ name, type: 'SRV', data: `${SRV_PRIORITY} ${SRV_WEIGHT} ${port} ${target}` });

/** SRV records of a Service: every port (port undefined), else the named ports matching. */
function srvRecords(world: DnsWorld, owner: string, svc: DnsService, port?: string, protocol?: string): DnsRecordView[] {
  const matches = (p: { name: string; protocol: string }) =>
    (port === undefined || (p.name !== '' && p.name.toLowerCase() === port)) && (protocol === undefined || p.protocol === protocol);
  if (svc.kind === 'ClusterIP') return svc.ports.filter(matches).map((p) => srv(owner, p.port, svcFqdn(world, svc)));
  return readyEndpoints(svc).flatMap((ep) => ep.ports.filter(matches).map((p) => srv(owner, p.port, `${ep.label}.${svcFqdn(world, svc)}`)));
}

function serviceFacts(world: DnsWorld, fqdn: string, svc: DnsService, objs: DnsNamespaceObjects): NameFacts {
  if (svc.kind === 'ExternalName') {
    if (!svc.externalName) return found([], `ExternalName Service ${svc.name} names no external host`);
    return found([{ name: fqdn, type: 'CNAME', data: svc.externalName }], `Service ${svc.name} is an ExternalName alias: it answers with a CNAME to ${svc.externalName}, whose address comes from outside the cluster`);
  }
  if (svc.kind === 'ClusterIP') {
    const why = svc.clusterIP
      ? `Service ${svc.name} is not headless: it resolves to its ClusterIP ${svc.clusterIP}, not to pods`
      : `Service ${svc.name} is not headless and has no ClusterIP yet`;
    return found([...(svc.clusterIP ? [a(fqdn, svc.clusterIP)] : []), ...srvRecords(world, fqdn, svc)], why);
  }
  const ready = readyEndpoints(svc);
  if (ready.length === 0) return missing(noReadyEndpointsReason(svc, objs), 4);
  const ips = [...new Set(ready.map((e) => e.ip))];
  return found([...ips.map((ip) => a(fqdn, ip)), ...srvRecords(world, fqdn, svc)], `${svc.name} is headless: it answers with the IP of each ready pod: ${describeEndpoints(ready)}`);
}

function endpointFacts(world: DnsWorld, svc: DnsService, label: string, objs: DnsNamespaceObjects): NameFacts {
  if (svc.kind === 'ExternalName') return missing(`Service ${svc.name} is an ExternalName alias: it has no pods, so ${label}.${svc.name} does not exist`, 4);
  const ready = svc.endpoints.filter((e) => e.label === label && e.ready);
  if (ready.length === 0) return missing(unpublishedEndpointReason(svc, label, objs), 4);
  const owner = `${label}.${svcFqdn(world, svc)}`;
  const ep = ready[0];
  const who = ep.podName ?? label;
  let why = ep.hasHostname
    ? `${who} is Ready and published: the EndpointSlice of Service ${svc.name} lists it with hostname ${label}`
    : `${label} is the dashed address of ${describeEndpoints([ep])}, a ready endpoint of Service ${svc.name}`;
  if (svc.kind === 'ClusterIP') why += `; Service ${svc.name} is not headless, so this per-pod name is a CoreDNS extra the Kubernetes DNS spec does not promise`;
  return found([...new Set(ready.map((e) => e.ip))].map((ip) => a(owner, ip)), why);
}

function protocolFacts(svc: DnsService, protocol: string): NameFacts {
  if (svc.kind === 'ExternalName') return missing(`Service ${svc.name} is an ExternalName alias: it has no ports`, 4);
  const named = (p: { name: string; protocol: string }) => p.name !== '' && p.protocol === protocol;
  const below = svc.kind === 'ClusterIP' ? svc.ports.some(named) : readyEndpoints(svc).some((e) => e.ports.some(named));
  return below
    ? found([], `_${protocol} only groups the SRV names of Service ${svc.name}'s named ${protocol} ports; ask for _<port>._${protocol}.${svc.name}`)
    : missing(`Service ${svc.name} has no named ${protocol} port with records`, 4);
}

function portFacts(world: DnsWorld, svc: DnsService, port: string, protocol: string, objs: DnsNamespaceObjects): NameFacts {
  if (svc.kind === 'ExternalName') return missing(`Service ${svc.name} is an ExternalName alias: it has no ports`, 4);
  const owner = `_${port}._${protocol}.${svcFqdn(world, svc)}`;
  const records = srvRecords(world, owner, svc, port, protocol);
  if (records.length > 0) {
    const why = svc.kind === 'ClusterIP'
      ? `port ${port}/${protocol} of Service ${svc.name} (not headless) points at the Service name`
      : `port ${port}/${protocol} of headless Service ${svc.name}: one SRV record per ready pod (${describeEndpoints(readyEndpoints(svc))})`;
    return found(records, why);
  }
  if (svc.kind === 'Headless' && readyEndpoints(svc).length === 0) return missing(noReadyEndpointsReason(svc, objs), 4);
  const ports = svc.ports.map((p) => `${p.name || '(unnamed)'}/${p.protocol} ${p.port}`).join(', ') || 'none';
  return missing(`Service ${svc.name} has no port named '${port}' with protocol ${protocol} (its ports: ${ports}; unnamed ports get no SRV names)`, 4);
}

function podIpFacts(fqdn: string, label: string, namespace: string): NameFacts {
  const ip = label.replace(/-/g, '.');
  if (!/^\d+-\d+-\d+-\d+$/.test(label) || !isIPv4(ip)) return missing(`${fqdn}: '${label}' is not an IPv4 address written with dashes`, 1);
  return found([a(fqdn, ip)], `the (deprecated) pod name ${label}.${namespace}.pod spells the address ${ip}; DNS does not check that a pod has it`, 1);
}
