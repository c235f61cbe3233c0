// DELETE /api/namespaces/{ns}/pods/{name}: deletes one pod, only if a StatefulSet owns it (409
// otherwise); the set re-creates it with the same name.

import { emptyBody } from '../../../../../../lib/guard/action-input.ts';
import { mutation } from '../../../../_lib/mutation.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function DELETE(request: Request, { params }: { params: Promise<{ ns: string; name: string }> }): Promise<Response> {
  const { ns, name } = await params;
  return mutation(request, { namespace: ns, name, kind: 'pod' }, emptyBody, (a) => a.deletePod(ns, name), { optionalBody: true });
}
