// What lookupDns (dns-lookup.ts) needs from the running dashboard: which DNS server to ask (from
// the environment), the namespace caches (the hub, passed in: lib/k8s does not import lib/stream)
// and the API server for the namespace list and Service hints.
//
// Mode choice (first that applies):
// 1. STS_DNS_SERVER="<ip>:<port>": the embedded cluster's DNS server (the launcher sets it).
// 2. KUBERNETES_SERVICE_HOST set and no kubeconfig named: the dashboard runs in a pod of the
//    cluster it shows, so its resolv.conf names the cluster's DNS.
// 3. Otherwise computed from the objects.

import { getConfig } from '../config/config.ts';
import type { DnsNamespaceObjects } from '../topology/dns-lookup-types.ts';
import type { DnsAsker, DnsLookupDeps } from './dns-lookup.ts';
import { querySystemDns, systemDnsServers } from './dns-system.ts';
import { formatDnsServer, parseDnsServer, queryDnsServer } from './dns-udp.ts';
import type { NamespaceCache } from './namespace-cache.ts';
import type { KubeTransport } from './transport.ts';

const REASONS = 'The reasons come from the Services, EndpointSlices and pods.';
const COMPUTED = 'Computed from Services and EndpointSlices: no cluster DNS is reachable from this laptop.';

/** The hub's read(), structurally (lib/stream/hub.ts). */
export interface CacheReader {
  read<T>(namespace: string, fn: (cache: NamespaceCache) => T | null, opts?: { timeoutMs?: number; signal?: AbortSignal }):
    Promise<{ kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'unsynced'; status: { message?: string | null } }>;
}

export function dnsAskerFromEnv(env: Record<string, string | undefined> = process.env): { asker: DnsAsker | null; computedNote: string } {
  const raw = env.STS_DNS_SERVER?.trim();
  if (raw) {
    const server = parseDnsServer(raw);
    if (!server) return { asker: null, computedNote: `STS_DNS_SERVER="${raw}" is not <ip>:<port>, so no DNS server was asked: computed from Services and EndpointSlices.` };
    const at = formatDnsServer(server);
    return {
      computedNote: COMPUTED,
      asker: {
        source: 'embedded-dns',
        note: `Asked the embedded cluster's DNS server (${at}) over UDP, one name at a time, as a pod's resolver would. ${REASONS}`,
        silentNote: `The embedded cluster's DNS server (${at}) did not answer, so this was computed from Services and EndpointSlices.`,
        ask: (fqdn, type) => queryDnsServer(server, fqdn, type, { timeoutMs: 1000 }),
      },
    };
  }
  if (env.KUBERNETES_SERVICE_HOST && !env.STS_KUBECONFIG && !env.STS_CONTEXT) {
    const servers = systemDnsServers().join(', ') || 'the servers in /etc/resolv.conf';
    return {
      computedNote: COMPUTED,
      asker: {
        source: 'cluster-dns',
        note: `Asked the cluster's DNS (${servers}, from this pod's /etc/resolv.conf), one full name at a time, as a pod's resolver would. ${REASONS}`,
        silentNote: `The cluster's DNS (${servers}) did not answer, so this was computed from Services and EndpointSlices.`,
        ask: (fqdn, type) => querySystemDns(fqdn, type, { timeoutMs: 2000 }),
      },
    };
  }
  return { asker: null, computedNote: COMPUTED };
}

export interface DnsDepsOptions {
  reader: CacheReader;
  transport: KubeTransport;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/** The deps of the running dashboard. Throws ConfigError for a bad STS_* variable. */
export function dnsLookupDeps(o: DnsDepsOptions): DnsLookupDeps {
  const config = getConfig(o.env ?? process.env);
  const { asker, computedNote } = dnsAskerFromEnv(o.env ?? process.env);
  return {
    clusterDomain: config.clusterDomain ?? 'cluster.local',
    allowed: config.namespaces,
    asker,
    computedNote,
    listNamespaces: async () => {
      try {
        const list = (await o.transport.getJson('/api/v1/namespaces', undefined, o.signal)) as { items?: Array<{ metadata?: { name?: string } }> };
        return (list.items ?? []).map((n) => n.metadata?.name ?? '').filter(Boolean);
      } catch {
        return null;
      }
    },
    readNamespace: async (ns) => {
      const r = await o.reader.read(ns, (cache): DnsNamespaceObjects => ({
        services: cache.list('services'),
        endpointSlices: cache.list('endpointslices'),
        pods: cache.list('pods'),
        statefulSets: cache.list('statefulsets'),
      }), { timeoutMs: 5000, signal: o.signal });
      if (r.kind === 'ok') return r.value;
      const why = r.kind === 'unsynced' && r.status.message ? ` (${r.status.message})` : '';
      return `the dashboard could not read namespace '${ns}' in time${why}`;
    },
    findService: async (name) => {
      try {
        const list = (await o.transport.getJson('/api/v1/services', { fieldSelector: `metadata.name=${name}` }, o.signal)) as { items?: Array<{ metadata?: { namespace?: string } }> };
        return (list.items ?? []).map((s) => s.metadata?.namespace ?? '').filter(Boolean).sort();
      } catch {
        return [];
      }
    },
  };
}
