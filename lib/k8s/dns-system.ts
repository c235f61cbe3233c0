// Asks the DNS servers of this process's /etc/resolv.conf (in a pod: the cluster's DNS Service)
// through node:dns, one fully qualified name at a time. node:dns resolve* calls send the name as
// given (no search domains), which is what the lookup needs: it walks the search path itself.
//
// Contracts: never rejects; errors become rcodes (ENOTFOUND -> NXDOMAIN, ENODATA -> NODATA,
// ETIMEOUT -> TIMEOUT, EREFUSED -> REFUSED, anything else -> SERVFAIL with `error`).
// Limit: node:dns follows CNAMEs itself and reports only the final records, without the CNAME.

import { Resolver } from 'node:dns/promises';
import type { DnsQueryType } from '../topology/dns-lookup-types.ts';
import type { WireAnswer } from './dns-udp.ts';

export interface SystemDnsOptions {
  timeoutMs?: number;
  /** Servers to ask instead of the system's (tests), as node:dns setServers takes them. */
  servers?: string[];
}

const RCODES: Record<string, WireAnswer['rcode']> = {
  ENOTFOUND: 'NXDOMAIN',
  ENODATA: 'NODATA',
  ETIMEOUT: 'TIMEOUT',
  EREFUSED: 'REFUSED',
};

export function systemDnsServers(): string[] {
  return new Resolver().getServers();
}

export async function querySystemDns(name: string, type: DnsQueryType, opts: SystemDnsOptions = {}): Promise<WireAnswer> {
  const resolver = new Resolver({ timeout: opts.timeoutMs ?? 2000, tries: 1 });
  if (opts.servers) resolver.setServers(opts.servers);
  const owner = name.replace(/\.$/, '').toLowerCase();
  try {
    if (type === 'A') {
      const ips = await resolver.resolve4(owner);
      return ips.length > 0 ? { rcode: 'NOERROR', records: ips.map((ip) => ({ name: owner, type: 'A', data: ip })) } : { rcode: 'NODATA', records: [] };
    }
    const srv = await resolver.resolveSrv(owner);
    if (srv.length === 0) return { rcode: 'NODATA', records: [] };
    return { rcode: 'NOERROR', records: srv.map((s) => ({ name: owner, type: 'SRV', data: `${s.priority} ${s.weight} ${s.port} ${s.name.replace(/\.$/, '').toLowerCase()}` })) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const rcode = RCODES[code];
    return rcode ? { rcode, records: [] } : { rcode: 'SERVFAIL', records: [], error: `${code || 'error'}: ${(e as Error).message}` };
  } finally {
    resolver.cancel();
  }
}
