// Folding timeline entries into the browser's copy. Contract: the result is ordered by seq with no
// seq twice, bounded to `max` (oldest dropped first), and it is the same array when the incoming
// entries add nothing, so a replay after an SSE reconnect re-renders nothing. seq is unique per
// StatefulSet on one server; a restarted server starts over, but then a snapshot replaces the
// whole timeline (stream-state.ts), so two numbering schemes never meet here.

import type { TimelineEntry } from '../../lib/stream/wire.ts';

export function mergeTimeline(current: readonly TimelineEntry[], incoming: readonly TimelineEntry[], max: number): TimelineEntry[] {
  const last = current.length > 0 ? current[current.length - 1].seq : -Infinity;
  // The usual case, live entries after the last one: no lookup over the whole timeline.
  const appends = ascendingAfter(incoming, last);
  const fresh = appends ? incoming : unseen(current, incoming);
  if (fresh.length === 0) return current as TimelineEntry[];
  const merged = appends || ascendingAfter(fresh, last) ? [...current, ...fresh] : [...current, ...fresh].sort((a, b) => a.seq - b.seq);
  return merged.length > max ? merged.slice(-max) : merged;
}

function ascendingAfter(entries: readonly TimelineEntry[], after: number): boolean {
  return entries.every((e, i) => e.seq > (i === 0 ? after : entries[i - 1].seq));
}

function unseen(current: readonly TimelineEntry[], incoming: readonly TimelineEntry[]): TimelineEntry[] {
  const have = new Set(current.map((e) => e.seq));
  const fresh: TimelineEntry[] = [];
  for (const e of incoming) {
    if (have.has(e.seq)) continue;
    have.add(e.seq);
    fresh.push(e);
  }
  return fresh;
}
