// "The last action's sequence": what Replay steps through and what the swimlanes show first.
// Pure.

import type { TimelineEntry } from '../../lib/stream/wire.ts';

/** A pause this long ends a burst of changes (used when the changes came from kubectl, not from a button). */
export const QUIET_GAP_MS = 10_000;

/**
 * Index of the first entry of the latest sequence: the last `action` entry (the user's own
 * action from the dashboard); without one, the first entry after the last pause of at least
 * `quietMs` (changes made with kubectl leave no action entry). -1 for an empty timeline.
 */
export function lastSequenceStart(entries: readonly TimelineEntry[], quietMs = QUIET_GAP_MS): number {
  if (entries.length === 0) return -1;
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].transition === 'action') return i;
  for (let i = entries.length - 1; i > 0; i--) if (entries[i].at - entries[i - 1].at >= quietMs) return i;
  return 0;
}

/** The entries of the latest sequence (see lastSequenceStart), oldest first. */
export function lastSequence(entries: readonly TimelineEntry[], quietMs = QUIET_GAP_MS): readonly TimelineEntry[] {
  const i = lastSequenceStart(entries, quietMs);
  return i < 0 ? [] : entries.slice(i);
}
