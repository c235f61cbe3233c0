// Structural sharing between two topology models: every part of `next` that deep-equals the same
// part of `prev` (list items matched by id) is replaced by prev's object. Returns `prev` itself
// when nothing differs. This is what lets a resnapshot after a reconnect, or a replayed patch,
// cost no render at all, and a real change re-render only the cards it touches. Pure.

import { jsonEqual } from '../lib/stream/json-equal.ts';
import { shareById } from '../lib/topology/share-by-id.ts';
import type { Topology } from '../lib/topology/types.ts';

const WHOLE_KEYS = ['statefulSet', 'service', 'explanations', 'warningEvents', 'pvAccess'] as const;
const LIST_KEYS = ['pods', 'claims', 'nodes', 'edges'] as const;

export function shareUnchanged(prev: Topology | null, next: Topology): Topology {
  if (prev === null || prev === next) return next;
  const out = { ...next } as Record<string, unknown>;
  let same = true;
  for (const k of WHOLE_KEYS) {
    if (prev[k] === next[k] || jsonEqual(prev[k], next[k])) out[k] = prev[k];
    else same = false;
  }
  for (const k of LIST_KEYS) {
    const list = shareById<{ id: string }>(prev[k], next[k], jsonEqual);
    out[k] = list;
    if (list !== prev[k]) same = false;
  }
  if (same && Object.keys(prev).length === Object.keys(next).length) return prev;
  return out as unknown as Topology;
}
