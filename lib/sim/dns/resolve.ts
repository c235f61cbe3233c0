// The pure resolver: one question in, the structured answer out, read from the store at call
// time. The UDP/TCP server encodes what this returns; the dashboard can call it to explain a
// lookup (Resolution.reason names the objects behind the answer).
//
// Contracts:
// - Zones: the cluster domain, in-addr.arpa and ip6.arpa. Anything else is REFUSED: we are
//   authoritative only, never a recursive resolver.
// - A name that does not exist is NXDOMAIN; a name that exists without records of the asked
//   type is NOERROR with no answers (NODATA). Both carry the zone's SOA in the authority
//   section (negative caching, RFC 2308); its serial is the store's resourceVersion.
// - Names compare case-insensitively; answers are owned by the name as asked.
// - ANY returns every record of the name; AXFR/IXFR are REFUSED (no zone transfers).
// - A CNAME (ExternalName Service) answers every type; it is followed while its target lies in
//   the cluster zone, as CoreDNS does; external targets are left to the client's resolver.
// - SRV answers bring the A records of their targets in the additional section.

import type { Store } from '../store/store.ts';
import { lookupClusterName, type NameLookup, type ZoneContext } from './forward.ts';
import { soaRecord, type DnsRecord, type Resolution } from './records.ts';
import { lookupInAddr, lookupIp6Arpa } from './reverse.ts';

export interface ResolveOptions {
  /** TTL of every record, in seconds (default 5, CoreDNS's default for the kubernetes plugin). */
  ttl?: number;
  /** The address ns.dns.<cluster domain> resolves to: the server's own, when known. */
  nsAddress?: string;
}

export const DEFAULT_TTL = 5;
const MAX_CNAME_HOPS = 8;

type ZoneKind = 'cluster' | 'in-addr' | 'ip6';

function zoneOf(name: string, clusterDomain: string): { kind: ZoneKind; apex: string } | undefined {
  const zones: Array<[ZoneKind, string]> = [['cluster', clusterDomain], ['in-addr', 'in-addr.arpa'], ['ip6', 'ip6.arpa']];
  for (const [kind, apex] of zones) if (name === apex || name.endsWith(`.${apex}`)) return { kind, apex };
  return undefined;
}

function labelsBelow(name: string, apex: string): string[] {
  return name === apex ? [] : name.slice(0, -(apex.length + 1)).split('.');
}

export function normalizeDomain(domain: string): string {
  return domain.replace(/^\.+|\.+$/g, '').toLowerCase();
}

function lookup(store: Store, owner: string, kind: ZoneKind, apex: string, clusterDomain: string, opts: ResolveOptions): NameLookup {
  const ctx: ZoneContext = { store, clusterDomain, ttl: opts.ttl ?? DEFAULT_TTL, nsAddress: opts.nsAddress, owner };
  const labels = labelsBelow(owner.toLowerCase(), apex);
  if (labels.some((l) => l === '')) return { exists: false, reason: 'the name has an empty label' };
  if (kind === 'cluster') return lookupClusterName(ctx, labels);
  return kind === 'in-addr' ? lookupInAddr(ctx, labels) : lookupIp6Arpa(ctx, labels);
}

/**
 * Answers `qtype` (a dns-packet type name: "A", "SRV", "ANY", "UNKNOWN_65280", ...) for `qname`
 * (trailing dot optional) from the store's Services and EndpointSlices.
 */
export function resolve(store: Store, qname: string, qtype: string, clusterDomain = 'cluster.local', opts: ResolveOptions = {}): Resolution {
  const domain = normalizeDomain(clusterDomain);
  const owner = qname.replace(/\.$/, '');
  const zone = zoneOf(owner.toLowerCase(), domain);
  const type = qtype.toUpperCase();
  if (!zone) return refused(`${owner || '.'} is outside the zones this server answers for (${domain}, in-addr.arpa, ip6.arpa)`);
  if (type === 'AXFR' || type === 'IXFR') return refused('zone transfers are not offered');

  const ttl = opts.ttl ?? DEFAULT_TTL;
  const soa = () => [soaRecord(zone.apex, ttl, domain, store.currentRV())];
  const found = lookup(store, owner, zone.kind, zone.apex, domain, opts);
  if (!found.exists) return { rcode: 'NXDOMAIN', authoritative: true, answers: [], authority: soa(), additional: [], reason: found.reason };

  const answers = select(found.records, type);
  const cname = found.records.find((r) => r.type === 'CNAME');
  if (!answers.length && cname) return followCname(store, cname, type, domain, opts, found.reason);
  if (!answers.length) {
    return { rcode: 'NOERROR', authoritative: true, answers: [], authority: soa(), additional: [], reason: `${found.reason}; the name has no ${type} record` };
  }
  return { rcode: 'NOERROR', authoritative: true, answers, authority: [], additional: additionalFor(store, answers, domain, opts), reason: found.reason };
}

function select(records: DnsRecord[], type: string): DnsRecord[] {
  return type === 'ANY' ? records : records.filter((r) => r.type === type);
}

function refused(reason: string): Resolution {
  return { rcode: 'REFUSED', authoritative: false, answers: [], authority: [], additional: [], reason };
}

/** The CNAME, then what its target holds while the target stays in the cluster zone. */
function followCname(store: Store, first: DnsRecord, type: string, domain: string, opts: ResolveOptions, reason: string): Resolution {
  const chain: DnsRecord[] = [first];
  const reasons = [reason];
  let target = first.data as string;
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const zone = zoneOf(target, domain);
    if (zone?.kind !== 'cluster') break;
    const next = lookup(store, target, zone.kind, zone.apex, domain, opts);
    reasons.push(next.reason);
    if (!next.exists) {
      const soa = soaRecord(zone.apex, opts.ttl ?? DEFAULT_TTL, domain, store.currentRV());
      return { rcode: 'NXDOMAIN', authoritative: true, answers: chain, authority: [soa], additional: [], reason: reasons.join('; then ') };
    }
    const answers = select(next.records, type);
    const cname = next.records.find((r) => r.type === 'CNAME');
    if (answers.length || !cname) {
      return { rcode: 'NOERROR', authoritative: true, answers: [...chain, ...answers], authority: [], additional: additionalFor(store, answers, domain, opts), reason: reasons.join('; then ') };
    }
    if (chain.some((r) => r.data === cname.data)) break;
    chain.push(cname);
    target = cname.data as string;
  }
  return { rcode: 'NOERROR', authoritative: true, answers: chain, authority: [], additional: [], reason: reasons.join('; then ') };
}

/** A records of the in-zone names SRV and NS answers point at. */
function additionalFor(store: Store, answers: DnsRecord[], domain: string, opts: ResolveOptions): DnsRecord[] {
  const targets = new Set<string>();
  for (const r of answers) {
    if (r.type === 'SRV') targets.add(r.data.target);
    if (r.type === 'NS') targets.add(r.data);
  }
  const out: DnsRecord[] = [];
  for (const target of targets) {
    const zone = zoneOf(target, domain);
    if (zone?.kind !== 'cluster') continue;
    const found = lookup(store, target, zone.kind, zone.apex, domain, opts);
    if (found.exists) out.push(...found.records.filter((r) => r.type === 'A'));
  }
  return out;
}
