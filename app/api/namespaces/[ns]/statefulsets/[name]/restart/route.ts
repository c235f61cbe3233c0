// POST /api/namespaces/{ns}/statefulsets/{name}/restart {}: `kubectl rollout restart` (the
// template annotation kubectl.kubernetes.io/restartedAt).

import { emptyBody } from '../../../../../../../lib/guard/action-input.ts';
import { mutation } from '../../../../../_lib/mutation.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ ns: string; name: string }> }): Promise<Response> {
  const { ns, name } = await params;
  return mutation(request, { namespace: ns, name }, emptyBody, (a) => a.restart(ns, name), { optionalBody: true });
}
