// POST /api/namespaces/{ns}/statefulsets/{name}/scale {"replicas": n}: `kubectl scale`, through
// the /scale subresource. replicas: a whole number from 0 to STS_MAX_REPLICAS.

import { scaleBody } from '../../../../../../../lib/guard/action-input.ts';
import { mutation } from '../../../../../_lib/mutation.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ ns: string; name: string }> }): Promise<Response> {
  const { ns, name } = await params;
  return mutation(request, { namespace: ns, name }, (config) => scaleBody(config.maxReplicas), (a, body) => a.scale(ns, name, body.replicas));
}
