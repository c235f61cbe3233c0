// How a pod's resolver turns a typed name into the names it asks for, and what each asked name
// means in the Kubernetes DNS schema (statefulset-semantics.md §8.2-8.3). Pure.
//
// Contracts:
// - The resolver is the one kubelet configures for dnsPolicy ClusterFirst:
//   `search <ns>.svc.<domain> svc.<domain> <domain>`, `options ndots:5`. A name with fewer dots
//   than ndots tries the search domains first, then the name as typed; one with at least ndots
//   dots goes the other way round; a trailing dot makes the name absolute (asked once, as typed).
//   This is glibc's res_search order.
// - Limits: the node's own search domains (kubelet appends the host's) are unknown here and left
//   out; a candidate longer than 253 characters cannot be sent and is skipped.

export const NDOTS = 5;
const MAX_NAME = 253;
const MAX_LABEL = 63;

/** A problem with the typed name, in words for a 400 answer; null when it is a name a resolver would send. */
export function dnsNameProblem(name: string): string | null {
  if (name === '') return 'the name is empty';
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare === '') return 'the name is only a dot';
  if (bare.length > MAX_NAME) return `the name is ${bare.length} characters long; at most ${MAX_NAME} are allowed`;
  if (!/^[A-Za-z0-9_.-]+$/.test(bare)) return 'the name may contain only letters, digits, "-", "_" and "."';
  const labels = bare.split('.');
  if (labels.some((l) => l === '')) return 'the name has an empty label (two dots in a row, or a leading dot)';
  const long = labels.find((l) => l.length > MAX_LABEL);
  if (long) return `the label "${long.slice(0, 20)}…" is ${long.length} characters long; at most ${MAX_LABEL} are allowed`;
  return null;
}

/** The search list of a pod in `namespace` under dnsPolicy ClusterFirst. */
export function searchDomains(namespace: string, clusterDomain: string): string[] {
  return [`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain];
}

export interface Candidate {
  /** Lower case, without the trailing dot. */
  fqdn: string;
  searchDomain: string | null;
}

/** The names the resolver asks for, in order. `name` must pass dnsNameProblem. */
export function searchCandidates(name: string, namespace: string, clusterDomain: string): Candidate[] {
  const lower = name.toLowerCase();
  if (lower.endsWith('.')) return [{ fqdn: lower.slice(0, -1), searchDomain: null }];
  const asTyped: Candidate = { fqdn: lower, searchDomain: null };
  const searched = searchDomains(namespace, clusterDomain)
    .map((d) => ({ fqdn: `${lower}.${d}`, searchDomain: d }))
    .filter((c) => c.fqdn.length <= MAX_NAME);
  return dotCount(lower) >= NDOTS ? [asTyped, ...searched] : [...searched, asTyped];
}

export function dotCount(name: string): number {
  return name.split('.').length - 1;
}

/** Why the candidates come in the order they do, for the panel. */
export function searchNote(name: string): string {
  if (name.endsWith('.')) return `"${name}" ends with a dot: it is absolute, so the resolver asks for it exactly as typed and tries no search domain.`;
  const dots = dotCount(name);
  const counted = `${dots} dot${dots === 1 ? '' : 's'}`;
  if (dots >= NDOTS) return `"${name}" has ${counted} (at least ndots:${NDOTS}), so the resolver asks for it as typed first, then with each search domain.`;
  return `"${name}" has ${counted}, fewer than ndots:${NDOTS}, so the resolver tries each search domain first, then the name as typed.`;
}

/** What a fully qualified name means in the cluster zone. */
export type ClusterName =
  | { kind: 'outside' }
  | { kind: 'zone-internal'; what: string }
  | { kind: 'namespace'; namespace: string; tree: 'svc' | 'pod' }
  | { kind: 'service'; namespace: string; service: string }
  | { kind: 'endpoint'; namespace: string; service: string; endpoint: string }
  | { kind: 'protocol'; namespace: string; service: string; protocol: string }
  | { kind: 'port'; namespace: string; service: string; port: string; protocol: string }
  | { kind: 'pod-ip'; namespace: string; label: string }
  | { kind: 'not-schema'; why: string };

/** `fqdn`: lower case, no trailing dot. */
export function parseClusterName(fqdn: string, clusterDomain: string): ClusterName {
  if (fqdn !== clusterDomain && !fqdn.endsWith(`.${clusterDomain}`)) return { kind: 'outside' };
  const labels = fqdn === clusterDomain ? [] : fqdn.slice(0, -(clusterDomain.length + 1)).split('.');
  const key = labels.join('.');
  if (key === '') return { kind: 'zone-internal', what: `${clusterDomain} is the cluster zone itself` };
  if (key === 'dns-version') return { kind: 'zone-internal', what: 'dns-version holds the DNS schema version (a TXT record)' };
  if (key === 'dns' || key === 'ns.dns') return { kind: 'zone-internal', what: `${key}.${clusterDomain} names the cluster's DNS server` };
  const top = labels[labels.length - 1];
  const parts = labels.slice(0, -1);
  if (top === 'svc') return parseServiceTree(parts, clusterDomain);
  if (top === 'pod') return parsePodTree(parts, clusterDomain);
  return { kind: 'not-schema', why: `it is not a name the Kubernetes DNS schema defines (Service names end in .svc.${clusterDomain})` };
}

function parseServiceTree(parts: string[], domain: string): ClusterName {
  if (parts.length === 0) return { kind: 'zone-internal', what: `svc.${domain} only holds the Service names below it` };
  const namespace = parts[parts.length - 1];
  if (parts.length === 1) return { kind: 'namespace', namespace, tree: 'svc' };
  const service = parts[parts.length - 2];
  if (parts.length === 2) return { kind: 'service', namespace, service };
  if (parts.length === 3) {
    return parts[0].startsWith('_')
      ? { kind: 'protocol', namespace, service, protocol: parts[0].slice(1) }
      : { kind: 'endpoint', namespace, service, endpoint: parts[0] };
  }
  if (parts.length === 4 && parts[0].startsWith('_') && parts[1].startsWith('_')) {
    return { kind: 'port', namespace, service, port: parts[0].slice(1), protocol: parts[1].slice(1) };
  }
  return { kind: 'not-schema', why: `it has too many labels: the longest Kubernetes names are <pod>.<service>.<namespace>.svc.${domain} and _<port>._<proto>.<service>.<namespace>.svc.${domain}` };
}

function parsePodTree(parts: string[], domain: string): ClusterName {
  if (parts.length === 0) return { kind: 'zone-internal', what: `pod.${domain} only holds the (deprecated) pod IP names below it` };
  const namespace = parts[parts.length - 1];
  if (parts.length === 1) return { kind: 'namespace', namespace, tree: 'pod' };
  if (parts.length === 2) return { kind: 'pod-ip', namespace, label: parts[0] };
  return { kind: 'not-schema', why: `pod names have the form <a>-<b>-<c>-<d>.<namespace>.pod.${domain}` };
}

/** The namespaces a name refers to (to know which objects to read), if any. */
export function namespaceOf(name: ClusterName): string | null {
  return 'namespace' in name ? name.namespace : null;
}
