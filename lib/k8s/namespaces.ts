// Which namespaces the dashboard may show. STS_NAMESPACES (comma-separated) restricts them when
// set; otherwise every namespace the account may list, or, when it may not list namespaces
// (a namespaced Role), the kubeconfig context's namespace.

import { isDNS1123Label } from '../kube/names.ts';
import { ClusterHttpError, type KubeTransport } from './transport.ts';

/** The STS_NAMESPACES list, or null when unset. Malformed entries are ignored. */
export function allowedNamespacesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | null {
  const raw = env.STS_NAMESPACES?.trim();
  if (!raw) return null;
  const list = [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => isDNS1123Label(s)))];
  return list.length > 0 ? list : null;
}

export function isNamespaceAllowed(namespace: string, allowed: readonly string[] | null): boolean {
  return allowed === null || allowed.includes(namespace);
}

/** The namespace shown first and used for readiness: the context's, unless STS_NAMESPACES excludes it. */
export function dashboardDefaultNamespace(contextNamespace: string, allowed: readonly string[] | null): string {
  return isNamespaceAllowed(contextNamespace, allowed) ? contextNamespace : (allowed as readonly string[])[0];
}

export interface VisibleNamespaces {
  namespaces: string[];
  default: string;
  /** cluster: listed from the API server; configured: STS_NAMESPACES or the context, unchecked. */
  source: 'cluster' | 'configured';
}

export async function listVisibleNamespaces(transport: KubeTransport, contextNamespace: string, allowed: readonly string[] | null): Promise<VisibleNamespaces> {
  const fallback = dashboardDefaultNamespace(contextNamespace, allowed);
  let listed: string[];
  try {
    const list = (await transport.getJson('/api/v1/namespaces')) as { items?: Array<{ metadata?: { name?: string } }> };
    listed = (list.items ?? []).map((n) => n.metadata?.name ?? '').filter(Boolean);
  } catch (e) {
    if (e instanceof ClusterHttpError && e.code === 403) {
      return { namespaces: [...(allowed ?? [fallback])].sort(), default: fallback, source: 'configured' };
    }
    throw e;
  }
  const visible = listed.filter((n) => isNamespaceAllowed(n, allowed)).sort();
  return { namespaces: visible, default: fallback, source: 'cluster' };
}
