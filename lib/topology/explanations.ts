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

/** Storage sentences listed one by one; past this, a large set gets a count instead of hundreds. */
export const MAX_STORAGE_SENTENCES = 4;

export function buildExplanations(parts: ExplanationParts): string[] {
  const storage = [...new Set(parts.claims.flatMap((c) => [
    ...(c.retained && c.reason ? [c.reason] : []),
    ...c.warnings.map((w) => claimSentence(c, w)),
  ]))];
  const shown = storage.length <= MAX_STORAGE_SENTENCES ? storage : [
    ...storage.slice(0, MAX_STORAGE_SENTENCES - 1),
    `…and ${storage.length - (MAX_STORAGE_SENTENCES - 1)} more about PVCs like these; select a PVC to read its own`,
  ];
  return [...new Set([...(parts.service?.warnings ?? []), ...parts.scale, ...parts.rollout, ...shown])];
}
