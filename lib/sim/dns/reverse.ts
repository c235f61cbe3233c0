// Reverse names (`in-addr.arpa`, `ip6.arpa`), per the Kubernetes DNS specification 1.1.0:
//   <d>.<c>.<b>.<a>.in-addr.arpa  PTR <svc>.<ns>.svc.<zone>              for a ClusterIP   (§2.3.3)
//                                 PTR <label>.<svc>.<ns>.svc.<zone>      for a ready endpoint (§2.4.3)
// An endpoint's label is its hostname or its dashed IP (the spec's "system-assigned
// identifier"); CoreDNS answers the same for endpoints of any Service. An address several
// Services publish gets one PTR per Service, endpoints with a real hostname first.
// We answer for the whole of in-addr.arpa and ip6.arpa (as CoreDNS's default Corefile lists
// them) without forwarding anywhere: addresses the cluster does not use are NXDOMAIN.

import { allServices, readyEndpoints } from './cluster-view.ts';
import type { NameLookup, ZoneContext } from './forward.ts';
import { record, soaRecord, type DnsRecord } from './records.ts';

interface PtrTarget {
  target: string;
  explicit: boolean;
  what: string;
}

/** Every PTR target per IPv4 address, in answer order. */
function ptrTargets(ctx: ZoneContext): Map<string, PtrTarget[]> {
  const map = new Map<string, PtrTarget[]>();
  const add = (ip: string, t: PtrTarget) => map.set(ip, [...(map.get(ip) ?? []), t]);
  for (const svc of allServices(ctx.store)) {
    const name = `${svc.name}.${svc.namespace}.svc.${ctx.clusterDomain}`;
    if (svc.clusterIP) add(svc.clusterIP, { target: name, explicit: true, what: `the ClusterIP of Service ${svc.namespace}/${svc.name}` });
    for (const ep of readyEndpoints(svc)) {
      add(ep.ip, { target: `${ep.label}.${name}`, explicit: ep.explicitHostname, what: `ready endpoint ${ep.podName ?? ep.label} of Service ${svc.namespace}/${svc.name}` });
    }
  }
  for (const list of map.values()) list.sort((a, b) => Number(b.explicit) - Number(a.explicit));
  return map;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** `labels`: lower-case labels left of in-addr.arpa, leftmost first. */
export function lookupInAddr(ctx: ZoneContext, labels: string[]): NameLookup {
  if (!labels.length) return apex(ctx, 'in-addr.arpa');
  if (labels.length > 4 || !labels.every((l) => OCTET.test(l))) return { exists: false, reason: 'not an IPv4 reverse name' };
  const prefix = [...labels].reverse().join('.');
  const targets = ptrTargets(ctx);
  if (labels.length < 4) {
    const below = [...targets.keys()].some((ip) => ip.startsWith(`${prefix}.`));
    return below ? { exists: true, records: [], reason: `cluster addresses start with ${prefix}.` } : { exists: false, reason: `no cluster address starts with ${prefix}.` };
  }
  const list = targets.get(prefix);
  if (!list) return { exists: false, reason: `${prefix} is neither a ClusterIP nor the address of a ready endpoint` };
  const records: DnsRecord[] = list.map((t) => record(ctx.owner, ctx.ttl, 'PTR', t.target));
  return { exists: true, records, reason: `${prefix} is ${list.map((t) => t.what).join('; ')}` };
}

export function lookupIp6Arpa(ctx: ZoneContext, labels: string[]): NameLookup {
  if (!labels.length) return apex(ctx, 'ip6.arpa');
  return { exists: false, reason: 'the cluster has no IPv6 addresses' };
}

function apex(ctx: ZoneContext, zone: string): NameLookup {
  const soa = soaRecord(ctx.owner, ctx.ttl, ctx.clusterDomain, ctx.store.currentRV());
  return { exists: true, records: [soa, record(ctx.owner, ctx.ttl, 'NS', `ns.dns.${ctx.clusterDomain}`)], reason: `${zone} is a reverse zone this server answers for` };
}
