// GET /api/namespaces/{ns}/statefulsets/{name}: the topology model (lib/topology/types.ts) of
// one StatefulSet as JSON; 404 when it does not exist, 503 while the cluster cannot be read.

import { getHub } from '../../../../../../lib/stream/server-hub.ts';
import { checkNamespace, checkSetName, clusterError, jsonError } from '../../../../_lib/http.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ ns: string; name: string }> }): Promise<Response> {
  const { ns, name } = await params;
  const bad = checkNamespace(ns) ?? checkSetName(name);
  if (bad) return bad;
  try {
    const r = await getHub().readTopology(ns, name, { signal: request.signal });
    if (r.kind === 'missing') return jsonError(404, `StatefulSet "${name}" not found in namespace "${ns}"`);
    if (r.kind === 'unsynced') return jsonError(503, r.status.message ?? 'the cluster has not answered yet', { status: r.status });
    return Response.json(r.value, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return clusterError(e);
  }
}
