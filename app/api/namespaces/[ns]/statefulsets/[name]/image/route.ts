// POST /api/namespaces/{ns}/statefulsets/{name}/image {"container": "nginx", "image": "nginx:1.25"}:
// `kubectl set image`; 422 when the set has no such container.

import { imageBody } from '../../../../../../../lib/guard/action-input.ts';
import { mutation } from '../../../../../_lib/mutation.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ ns: string; name: string }> }): Promise<Response> {
  const { ns, name } = await params;
  return mutation(request, { namespace: ns, name }, imageBody, (a, body) => a.setImage(ns, name, body.container, body.image));
}
