// The shapes of a DNS lookup as the dashboard explains it: the search-path steps a pod's resolver
// takes, what each candidate name got, which one answered, and why. Plain JSON: the same shapes
// travel from GET /api/dns/lookup to the browser (lib/topology/dns-lookup.ts computes them; the
// server may replace rcode and records with what a real DNS server said).

import type { KubeObject } from '../kube/types.ts';

export type DnsQueryType = 'A' | 'SRV';

/**
 * What one candidate got. NODATA: the name exists without records of the asked type (NOERROR
 * with an empty answer on the wire). NOT_CHECKED: the dashboard did not ask (a name outside the
 * cluster zone when no DNS server is reachable, or a namespace it may not read). TIMEOUT: the DNS
 * server did not answer in time.
 */
export type DnsStepRcode = 'NOERROR' | 'NODATA' | 'NXDOMAIN' | 'REFUSED' | 'SERVFAIL' | 'TIMEOUT' | 'NOT_CHECKED';

export interface DnsRecordView {
  /** Owner name, lower case, without the trailing dot. */
  name: string;
  type: 'A' | 'SRV' | 'CNAME';
  /** As dig prints it: the address; "priority weight port target" for SRV; the target for CNAME. */
  data: string;
}

export interface DnsLookupStep {
  /** The fully qualified name asked, lower case, without the trailing dot. */
  candidate: string;
  /** How the resolver made it: the search domain appended, or null when the name was asked as typed. */
  searchDomain: string | null;
  rcode: DnsStepRcode;
  records: DnsRecordView[];
  /** NOERROR with at least one record: the resolver stops here. */
  answered: boolean;
  /** In plain words, which objects decided this answer. */
  reason: string;
}

export interface DnsLookupAnswer {
  candidate: string;
  records: DnsRecordView[];
}

export interface DnsLookupResult {
  /** The name as typed (trimmed). */
  name: string;
  /** The namespace of the pod the query comes from. */
  from: string;
  type: DnsQueryType;
  clusterDomain: string;
  /** The search domains of a pod in `from` (kubelet ClusterFirst), in order. */
  searchDomains: string[];
  /** Why the steps come in this order (dots against ndots:5, or the trailing dot). */
  searchNote: string;
  /** The candidates tried, in order, up to and including the one that answered. */
  steps: DnsLookupStep[];
  /** The candidates after the answer: the resolver never asks for them. */
  untried: string[];
  answer: DnsLookupAnswer | null;
  /** One sentence: why the name resolves (to what), or why it fails. */
  reason: string;
}

/** Where the answers came from: the embedded cluster's DNS server, the cluster's DNS, or the objects. */
export type DnsLookupSource = 'embedded-dns' | 'cluster-dns' | 'computed';

/** GET /api/dns/lookup. */
export interface DnsLookupResponse extends DnsLookupResult {
  source: DnsLookupSource;
  /** One sentence: where the answers come from. */
  sourceNote: string;
}

/** The objects of one namespace the lookup reads (trimmed cluster objects are fine). */
export interface DnsNamespaceObjects {
  services: readonly KubeObject[];
  endpointSlices: readonly KubeObject[];
  pods: readonly KubeObject[];
  statefulSets: readonly KubeObject[];
}

export interface DnsWorld {
  clusterDomain: string;
  /** Every namespace that exists, or null when they could not be listed. */
  namespaces: readonly string[] | null;
  /** The objects of the namespaces that were read. A namespace that exists but is absent here was not read. */
  objects: Readonly<Record<string, DnsNamespaceObjects>>;
  /** Why a namespace that exists was not read (default: the dashboard may not read it). */
  unreadable?: Readonly<Record<string, string>>;
  /** For hints only: service name -> namespaces holding a Service of that name. */
  serviceLocations?: Readonly<Record<string, readonly string[]>>;
}
