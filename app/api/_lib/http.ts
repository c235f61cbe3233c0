// Shared by the route handlers: input checks and error mapping, as small JSON answers
// `{ error: "..." }`. (A `_` folder is private in the App Router: no route here.)

import { ConfigError } from '../../../lib/config/config.ts';
import { describeClusterError } from '../../../lib/k8s/errors.ts';
import { allowedNamespacesFromEnv, isNamespaceAllowed } from '../../../lib/k8s/namespaces.ts';
import { isDNS1123Label, isDNS1123Subdomain } from '../../../lib/kube/names.ts';

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** A 400 for a malformed namespace, a 403 for one STS_NAMESPACES excludes; null when fine. */
export function checkNamespace(ns: string): Response | null {
  if (!isDNS1123Label(ns)) return jsonError(400, `invalid namespace "${ns}": must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)`);
  let allowed: string[] | null;
  try {
    allowed = allowedNamespacesFromEnv();
  } catch (e) {
    if (e instanceof ConfigError) return jsonError(500, `the dashboard is misconfigured: ${e.message}`);
    throw e;
  }
  if (!isNamespaceAllowed(ns, allowed)) return jsonError(403, `namespace "${ns}" is not among the namespaces this dashboard shows (STS_NAMESPACES)`);
  return null;
}

/** A 400 for a malformed StatefulSet name; null when fine. */
export function checkSetName(name: string): Response | null {
  if (!isDNS1123Subdomain(name)) return jsonError(400, `invalid StatefulSet name "${name}": must be a DNS-1123 subdomain`);
  return null;
}

/** Any failure to reach or use the cluster (no kubeconfig included) as JSON with a fitting status. */
export function clusterError(e: unknown): Response {
  const info = describeClusterError(e);
  return jsonError(info.status, info.message, { reason: info.reason });
}
