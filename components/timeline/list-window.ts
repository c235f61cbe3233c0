// Which timeline entries the list renders. A busy set keeps up to MAX_TIMELINE (1,000) entries;
// rendering and laying out all of them on every change costs more than a frame, so the list shows
// a window: the newest LIST_WINDOW entries while it follows the live end, more on request ("Show
// earlier"), and always the entry a replay is at. Pure; entries are ordered by seq (mergeTimeline).

import type { TimelineEntry } from '../../lib/stream/wire.ts';

/**
 * Entries rendered while following, and how many more each "Show earlier" adds: several screens
 * of the panel. Kept small because a busy set slides the whole window every refresh (a storm adds
 * more rows per refresh than a screen holds), and Chromium lays out most of the rows again each
 * time: with 200 rows that was 600-1,700 layout objects per refresh on a 1,000-pod storm, and the
 * frames that carried it were the storm's longest tasks (npm run bench, scenario 3).
 */
export const LIST_WINDOW = 50;

/** Index of the first entry with seq >= `seq` (entries.length when there is none). */
export function seqIndex(entries: readonly TimelineEntry[], seq: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface WindowOptions {
  /** How many of the newest entries to show when `from` is null. */
  size: number;
  /**
   * null: the newest `size` entries (the window slides as entries arrive). A seq: from that entry
   * on, so what the reader looks at stays while new entries arrive below (and the window grows;
   * the timeline itself is bounded). An entry already dropped from the timeline means "from the
   * oldest there is".
   */
  from: number | null;
  /** The entry a replay is at: always inside the window. */
  currentSeq: number | null;
}

/** Index of the first entry the list renders. */
export function windowStart(entries: readonly TimelineEntry[], { size, from, currentSeq }: WindowOptions): number {
  let start = from === null ? Math.max(0, entries.length - size) : Math.min(seqIndex(entries, from), Math.max(0, entries.length - size));
  if (currentSeq !== null) {
    const i = seqIndex(entries, currentSeq);
    if (i < start && entries[i].seq === currentSeq) start = i;
  }
  return start;
}

/** The `from` that shows up to `step` more entries before `start`; null when there are none. */
export function earlierFrom(entries: readonly TimelineEntry[], start: number, step: number): number | null {
  return start <= 0 ? null : entries[Math.max(0, start - step)].seq;
}
