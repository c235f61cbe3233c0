// The explanation list: plain sentences a learner reads next to the graph, in a fixed order
// (Service problems, then pods and scaling, then the rollout, then storage), without duplicates.

import { claimSentence } from './storage.ts';
import type { ClaimInfo, ServiceInfo } from './types.ts';

export interface ExplanationParts {
  service: ServiceInfo | null;
  scale: readonly string[];
  rollout: readonly string[];
  claims: readonly ClaimInfo[];
}

export function buildExplanations(parts: ExplanationParts): string[] {
  const out = [
    ...(parts.service?.warnings ?? []),
    ...parts.scale,
    ...parts.rollout,
    ...parts.claims.flatMap((c) => [
      ...(c.retained && c.reason ? [c.reason] : []),
      ...c.warnings.map((w) => claimSentence(c, w)),
    ]),
  ];
  return [...new Set(out)];
}
