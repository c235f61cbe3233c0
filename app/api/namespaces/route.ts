// GET /api/namespaces: the namespaces the dashboard may show, as NamespaceList
// (lib/stream/api-types.ts): listed from the cluster when allowed, else the kubeconfig's
// namespace; STS_NAMESPACES restricts them.

import { getClusterAccess } from '../../../lib/k8s/cluster-access.ts';
import { allowedNamespacesFromEnv, listVisibleNamespaces } from '../../../lib/k8s/namespaces.ts';
import type { NamespaceList } from '../../../lib/stream/api-types.ts';
import { clusterError } from '../_lib/http.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const access = getClusterAccess();
    const r = await listVisibleNamespaces(access.transport, access.contextNamespace, allowedNamespacesFromEnv());
    const body: NamespaceList = r;
    return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    return clusterError(e);
  }
}
