// POST /api/namespaces/{ns}/statefulsets/{name}/partition {"partition": n}: sets
// spec.updateStrategy.rollingUpdate.partition; 422 for the OnDelete strategy.

import { partitionBody } from '../../../../../../../lib/guard/action-input.ts';
import { mutation } from '../../../../../_lib/mutation.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ ns: string; name: string }> }): Promise<Response> {
  const { ns, name } = await params;
  return mutation(request, { namespace: ns, name }, partitionBody, (a, body) => a.setPartition(ns, name, body.partition));
}
