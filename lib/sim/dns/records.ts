// The DNS data model shared by the resolver and the wire layer: resource records in the shape
// dns-packet encodes and decodes (names without the trailing dot), and the structured answer
// of one lookup. Names we generate are lower case; the owner of an answer is the question's
// name as asked (case preserved), as CoreDNS does.

/** The schema version of the Kubernetes DNS specification these records follow. */
export const DNS_SCHEMA_VERSION = '1.1.0';

/**
 * SRV priority and weight. The spec leaves them open; CoreDNS answers priority 0 and splits a
 * weight of 100 over the records. We give every record weight 100, which selects the same way
 * (RFC 2782 weights are relative).
 */
export const SRV_PRIORITY = 0;
export const SRV_WEIGHT = 100;

/** SOA timers (seconds) as CoreDNS's kubernetes plugin publishes them; minimum = the record TTL. */
export const SOA_REFRESH = 7200;
export const SOA_RETRY = 1800;
export const SOA_EXPIRE = 86400;

export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

interface Base {
  name: string;
  ttl: number;
  class: 'IN';
}

export type DnsRecord =
  | (Base & { type: 'A' | 'AAAA' | 'PTR' | 'CNAME' | 'NS'; data: string })
  | (Base & { type: 'SRV'; data: SrvData })
  | (Base & { type: 'TXT'; data: string[] })
  | (Base & { type: 'SOA'; data: SoaData });

export type RecordType = DnsRecord['type'];

/**
 * The outcome of one question. NOERROR with no answers is NODATA (the name exists, not with
 * that type); NXDOMAIN means the name does not exist; REFUSED means the name is outside the
 * zones we serve. `reason` says in one sentence which objects decided the answer.
 */
export interface Resolution {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'REFUSED';
  /** Set for every name inside our zones (the AA flag). */
  authoritative: boolean;
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
  reason: string;
}

export function record(name: string, ttl: number, type: 'A' | 'AAAA' | 'PTR' | 'CNAME' | 'NS', data: string): DnsRecord {
  return { name, ttl, class: 'IN', type, data };
}

export function srvRecord(name: string, ttl: number, port: number, target: string): DnsRecord {
  return { name, ttl, class: 'IN', type: 'SRV', data: { priority: SRV_PRIORITY, weight: SRV_WEIGHT, port, target } };
}

export function txtRecord(name: string, ttl: number, text: string): DnsRecord {
  return { name, ttl, class: 'IN', type: 'TXT', data: [text] };
}

export function soaRecord(zone: string, ttl: number, clusterDomain: string, serial: number): DnsRecord {
  return {
    name: zone,
    ttl,
    class: 'IN',
    type: 'SOA',
    data: {
      mname: `ns.dns.${clusterDomain}`,
      rname: `hostmaster.${clusterDomain}`,
      serial: serial >>> 0,
      refresh: SOA_REFRESH,
      retry: SOA_RETRY,
      expire: SOA_EXPIRE,
      minimum: ttl,
    },
  };
}

export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The name CoreDNS gives an endpoint without a hostname: its IPv4 address with dashes. */
export function dashedIp(ip: string): string {
  return ip.replace(/\./g, '-');
}
