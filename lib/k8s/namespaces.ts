// Which namespaces the dashboard may show. STS_NAMESPACES (comma-separated) restricts them when
// set; otherwise every namespace the account may list, or, when it may not list namespaces
// (a namespaced Role), the kubeconfig context's namespace.

import { getConfig } from '../config/config.ts';
import { ClusterHttpError, type KubeTransport } from './transport.ts';

/** The STS_NAMESPACES list (lib/config), or null when unset. Throws ConfigError for a malformed entry. */
export function allowedNamespacesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | null {
  return getConfig(env).namespaces;
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
