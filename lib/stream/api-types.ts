// JSON shapes of the API routes besides the stream (wire.ts), for the browser.

import type { KubeObject } from '../kube/types.ts';

/** GET /api/namespaces */
export interface NamespaceList {
  namespaces: string[];
  /** The namespace to show first: the kubeconfig context's, unless STS_NAMESPACES excludes it. */
  default: string;
  /** cluster: listed from the API server; configured: from STS_NAMESPACES or the context, unchecked. */
  source: 'cluster' | 'configured';
}

/** One item of GET /api/namespaces/{ns}/statefulsets. */
export interface StatefulSetSummary {
  name: string;
  /** status.readyReplicas. */
  ready: number;
  /** spec.replicas (defaulted to 1). */
  replicas: number;
}

export function summarizeStatefulSets(sets: readonly KubeObject[]): StatefulSetSummary[] {
  return sets
    .map((s) => {
      const spec = (s.spec ?? {}) as { replicas?: number };
      const status = (s.status ?? {}) as { readyReplicas?: number };
      return { name: s.metadata.name ?? '', ready: status.readyReplicas ?? 0, replicas: spec.replicas ?? 1 };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** GET /api/session (actions contract). The same token is set as the `sts_csrf` cookie. */
export interface SessionInfo {
  csrfToken: string;
  readOnly: boolean;
  maxReplicas: number;
  /** STS_NAMESPACES, or null when every namespace the account may list is shown. */
  namespaces: string[] | null;
}

/** 200 answer of a mutating route. */
export interface ActionSuccess {
  ok: true;
  message: string;
}

/** Error answer of a mutating route (4xx/5xx). */
export interface ActionFailure {
  error: string;
  reason: 'Forbidden' | 'NotFound' | 'Conflict' | 'Invalid' | 'BadRequest' | 'ReadOnly' | 'CsrfFailed' | 'HostNotAllowed' | 'OriginNotAllowed' | 'ClusterUnreachable' | string;
  field?: string;
}
