// SLOT for the next issue: the scale/delete controls and the pod timeline go in this region.
// Until then it shows only the latest timeline entry, so the stream's timeline is visible.

import type { TimelineEntry } from '../lib/stream/wire.ts';
import { clockTime } from './format.ts';

export function ControlsTimelineSlot({ timeline, clockOffset }: { timeline: readonly TimelineEntry[]; clockOffset: number }) {
  const last = timeline.length > 0 ? timeline[timeline.length - 1] : null;
  return (
    <section
      aria-label="Controls and timeline"
      data-slot="controls-timeline"
      className="border-t-2 border-slate-300 bg-white px-4 py-2 text-base dark:border-slate-700 dark:bg-slate-900"
    >
      {last ? (
        <p><span className="font-mono">{clockTime(last.at - clockOffset)}</span> {last.text}</p>
      ) : (
        <p className="text-slate-700 dark:text-slate-300">No pod changes seen yet.</p>
      )}
    </section>
  );
}
