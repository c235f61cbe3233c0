// GET /api/namespaces/{ns}/statefulsets: the StatefulSets of a namespace, sorted by name, as
// StatefulSetSummary[] (lib/stream/api-types.ts).

import { getHub } from '../../../../../lib/stream/server-hub.ts';
import { summarizeStatefulSets } from '../../../../../lib/stream/api-types.ts';
import { checkNamespace, clusterError, jsonError } from '../../../_lib/http.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ ns: string }> }): Promise<Response> {
  const { ns } = await params;
  const bad = checkNamespace(ns);
  if (bad) return bad;
  try {
    const r = await getHub().readStatefulSets(ns, { signal: request.signal });
    if (r.kind === 'unsynced') return jsonError(503, r.status.message ?? 'the cluster has not answered yet', { status: r.status });
    return Response.json(r.kind === 'ok' ? summarizeStatefulSets(r.value) : [], { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return clusterError(e);
  }
}
