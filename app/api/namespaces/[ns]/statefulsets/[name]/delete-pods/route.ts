// POST /api/namespaces/{ns}/statefulsets/{name}/delete-pods {}: deletes every pod the set owns,
// as `kubectl delete pod -l <selector>`; the controller re-creates them.

import { emptyBody } from '../../../../../../../lib/guard/action-input.ts';
import { mutation } from '../../../../../_lib/mutation.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ ns: string; name: string }> }): Promise<Response> {
  const { ns, name } = await params;
  return mutation(request, { namespace: ns, name }, emptyBody, (a) => a.deleteSetPods(ns, name), { optionalBody: true });
}
