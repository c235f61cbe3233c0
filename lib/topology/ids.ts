// Graph identity: `Kind/namespace/name`, or `Kind/name` for cluster-scoped kinds. The same string
// is the React Flow node id and appears as `data-id` in the DOM.

import type { EdgeLabel, NodeKind } from './types.ts';

export function nodeId(kind: NodeKind, namespace: string | null, name: string): string {
  return namespace === null ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

export function edgeId(label: EdgeLabel, source: string, target: string): string {
  return `${label}:${source}->${target}`;
}
