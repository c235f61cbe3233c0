// GET /api/dns/lookup?name=<name>&from=<namespace>[&type=A|SRV]: what `nslookup <name>` gives in a
// pod of namespace <from>, step by step along the pod's search path, with the reason
// (DnsLookupResponse, lib/k8s/dns-lookup.ts). 400 for a malformed name, namespace or type; 403
// for a namespace STS_NAMESPACES excludes.

import { getClusterAccess } from '../../../../lib/k8s/cluster-access.ts';
import { lookupDns } from '../../../../lib/k8s/dns-lookup.ts';
import { dnsLookupDeps } from '../../../../lib/k8s/dns-lookup-deps.ts';
import { getHub } from '../../../../lib/stream/server-hub.ts';
import type { DnsQueryType } from '../../../../lib/topology/dns-lookup-types.ts';
import { dnsNameProblem } from '../../../../lib/topology/dns-search.ts';
import { checkNamespace, clusterError, jsonError } from '../../_lib/http.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function parseType(raw: string | null): DnsQueryType | undefined | Response {
  if (raw === null || raw === '') return undefined;
  const t = raw.toUpperCase();
  if (t === 'A' || t === 'SRV') return t;
  return jsonError(400, `invalid type "${raw.slice(0, 20)}": must be A or SRV`);
}

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const name = (params.get('name') ?? '').trim();
  const from = (params.get('from') ?? '').trim();
  const problem = dnsNameProblem(name);
  if (problem) return jsonError(400, `invalid name "${name.slice(0, 80)}": ${problem}`);
  if (from === '') return jsonError(400, 'missing "from": the namespace of the pod that asks');
  const bad = checkNamespace(from);
  if (bad) return bad;
  const type = parseType(params.get('type'));
  if (type instanceof Response) return type;
  try {
    const deps = dnsLookupDeps({ reader: getHub(), transport: getClusterAccess().transport, signal: request.signal });
    const result = await lookupDns({ name, from, type }, deps);
    return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return clusterError(e);
  }
}
