// Readiness: 200 once the informers of the dashboard's default namespace have synced, else 503
// with the reason. The first call starts them (and keeps them running).

import { getClusterAccess } from '../../../lib/k8s/cluster-access.ts';
import { describeClusterError } from '../../../lib/k8s/errors.ts';
import { allowedNamespacesFromEnv, dashboardDefaultNamespace } from '../../../lib/k8s/namespaces.ts';
import { getHub } from '../../../lib/stream/server-hub.ts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(): Response {
  const headers = { 'Cache-Control': 'no-store' };
  try {
    const namespace = dashboardDefaultNamespace(getClusterAccess().contextNamespace, allowedNamespacesFromEnv());
    const cache = getHub().pin(namespace);
    if (cache.synced) return Response.json({ ready: true, namespace }, { headers });
    const status = cache.status();
    return Response.json({ ready: false, namespace, reason: status.message ?? 'the informers have not synced yet', status }, { status: 503, headers });
  } catch (e) {
    return Response.json({ ready: false, reason: describeClusterError(e).message }, { status: 503, headers });
  }
}
