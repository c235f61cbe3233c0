// `/`: open the first StatefulSet (by name) of a namespace: `?namespace=` if given, else the
// dashboard's default (the kubeconfig context's, unless STS_NAMESPACES excludes it). Without
// one, say so and show how to create one. Reads through the hub's cache, the same watches the
// dashboard's stream uses.

import { redirect } from 'next/navigation';
import { EmptyNamespace } from '../components/empty-namespace.tsx';
import { dashboardPath } from '../components/picker-options.ts';
import { getClusterAccess } from '../lib/k8s/cluster-access.ts';
import { describeClusterError } from '../lib/k8s/errors.ts';
import { allowedNamespacesFromEnv, dashboardDefaultNamespace, isNamespaceAllowed } from '../lib/k8s/namespaces.ts';
import { isDNS1123Label } from '../lib/kube/names.ts';
import { summarizeStatefulSets } from '../lib/stream/api-types.ts';
import { getHub } from '../lib/stream/server-hub.ts';

export const dynamic = 'force-dynamic';

interface Choice {
  namespace: string;
  first: string | null;
  error: string | null;
}

async function choose(asked: string | null): Promise<Choice> {
  let namespace = asked ?? 'default';
  try {
    const allowed = allowedNamespacesFromEnv();
    namespace = asked ?? dashboardDefaultNamespace(getClusterAccess().contextNamespace, allowed);
    if (!isNamespaceAllowed(namespace, allowed)) {
      return { namespace, first: null, error: `namespace "${namespace}" is not among the namespaces this dashboard shows (STS_NAMESPACES)` };
    }
    const r = await getHub().readStatefulSets(namespace);
    if (r.kind === 'unsynced') return { namespace, first: null, error: r.status.message ?? 'the cluster has not answered yet' };
    const sets = r.kind === 'ok' ? summarizeStatefulSets(r.value) : [];
    return { namespace, first: sets[0]?.name ?? null, error: null };
  } catch (e) {
    return { namespace, first: null, error: describeClusterError(e).message };
  }
}

export default async function Home({ searchParams }: { searchParams: Promise<{ namespace?: string | string[] }> }) {
  const asked = (await searchParams).namespace;
  const { namespace, first, error } = await choose(typeof asked === 'string' && isDNS1123Label(asked) ? asked : null);
  // Outside any try: redirect() works by throwing.
  if (first !== null) redirect(dashboardPath(namespace, first));
  return <EmptyNamespace namespace={namespace} error={error} />;
}
