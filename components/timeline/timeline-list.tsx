'use client';

// The timeline as a list, oldest first and newest at the bottom (like `kubectl get pods -w`).
// Contract (e2e tests rely on it): an <ol> whose <li> carry data-seq, data-pod (pod name, "" for
// set-level entries), data-transition and data-at (the server's epoch ms), and read
// "hh:mm:ss.s pod what-happened". It follows new entries unless the user scrolled up; then a
// "Jump to latest" button brings them back. The entry a replay is at has aria-current="step" and
// is scrolled into view.
// Only a window of the entries is in the DOM (list-window.ts): the newest LIST_WINDOW while
// following, earlier ones on "Show … earlier entries", and always the replay's entry.
// Cost per change: rows are memoised, and nothing here reads layout when entries arrive; keeping
// to the bottom is one scroll per animation frame at most (see useFollow). The scroller is
// size-contained, so a change inside it lays out only the list, not the page around it. Rows are
// not content-visibility:auto: each would be a paint-contained chunk, and rows coming and going
// every frame then re-sorted the page's compositing layers every frame (100 ms+ with a tile field).

import { memo, useState } from 'react';
import type { TimelineEntry } from '../../lib/stream/wire.ts';
import { PILL_TONE } from '../tone-classes.ts';
import { LIST_WINDOW, earlierFrom, windowStart } from './list-window.ts';
import { TRANSITION_LOOK } from './transition-look.ts';
import { TRANSITION_WORDS, clockTenths } from './transition-words.ts';
import { useFollow } from './use-follow.ts';

const ACTION_TONE = 'bg-sky-700 text-white dark:bg-sky-300 dark:text-sky-950';

// Memoised: the page re-renders on every graph update, and the list (with its scroll-to-bottom
// each commit) needs to only when its entries, clock or replay step changed.
export const TimelineList = memo(function TimelineList({ entries, clockOffset, currentSeq }: { entries: readonly TimelineEntry[]; clockOffset: number; currentSeq: number | null }) {
  /** First seq shown while the user reads older entries; null: the newest LIST_WINDOW. */
  const [from, setFrom] = useState<number | null>(null);
  const start = windowStart(entries, { size: LIST_WINDOW, from, currentSeq });
  const shown = start === 0 ? entries : entries.slice(start);
  const { scroller, handlers, away, jump, stopFollowing, keepView } = useFollow({
    currentSeq,
    onAway: () => setFrom((f) => f ?? shown[0]?.seq ?? null),
    onFollow: () => setFrom(null),
  });
  const earlier = earlierFrom(entries, start, LIST_WINDOW);
  const showEarlier = () => {
    stopFollowing();
    keepView();
    setFrom(earlier);
  };

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scroller} {...handlers} className="h-full overflow-y-auto [contain:strict]" tabIndex={0} aria-label="Timeline entries, oldest first">
        {entries.length === 0 ? (
          <p className="p-2 text-base text-slate-700 dark:text-slate-300">No changes seen yet. Scale, delete a pod or change the image: each step shows up here.</p>
        ) : (
          <>
            {earlier !== null && (
              <button type="button" onClick={showEarlier} className="mx-2 my-1 rounded-md border-2 border-slate-600 bg-white px-3 py-0.5 text-base font-bold hover:bg-slate-100 focus-visible:outline-4 focus-visible:outline-sky-500 dark:border-slate-400 dark:bg-slate-900 dark:hover:bg-slate-800">
                <span aria-hidden="true">↑ </span>Show {Math.min(LIST_WINDOW, start)} earlier {start === 1 ? 'entry' : 'entries'} <span className="font-semibold text-slate-700 dark:text-slate-300">({start} not shown)</span>
              </button>
            )}
            <ol className="font-medium">
              {shown.map((e) => <Row key={e.seq} entry={e} offset={clockOffset} current={e.seq === currentSeq} />)}
            </ol>
          </>
        )}
      </div>
      {away && (
        <button type="button" onClick={jump} className="absolute bottom-2 right-4 rounded-md border-2 border-sky-800 bg-sky-700 px-3 py-1 text-base font-bold text-white shadow-lg dark:border-sky-200 dark:bg-sky-300 dark:text-sky-950">
          <span aria-hidden="true">↓ </span>Jump to latest
        </button>
      )}
    </div>
  );
});

const Row = memo(function Row({ entry: e, offset, current }: { entry: TimelineEntry; offset: number; current: boolean }) {
  const look = TRANSITION_LOOK[e.transition];
  const tone = look.tone === 'action' ? ACTION_TONE : PILL_TONE[look.tone];
  const action = e.transition === 'action';
  return (
    <li
      data-seq={e.seq}
      data-pod={e.pod ?? ''}
      data-transition={e.transition}
      data-at={e.at}
      aria-current={current ? 'step' : undefined}
      className={`flex items-baseline gap-3 border-b border-slate-200 px-2 py-0.5 text-base dark:border-slate-800 ${action ? 'bg-sky-50 font-bold dark:bg-sky-950' : ''} ${current ? 'outline outline-4 -outline-offset-4 outline-fuchsia-700 dark:outline-fuchsia-300' : ''}`}
    >
      <time dateTime={new Date(e.at - offset).toISOString()} className="w-28 shrink-0 font-mono text-slate-700 dark:text-slate-300">{clockTenths(e.at - offset)}</time>
      <span className="w-20 shrink-0 font-bold">{e.pod ?? '—'}</span>
      <span className={`w-44 shrink-0 rounded px-1.5 text-sm font-bold ${tone}`}>
        <span aria-hidden="true">{look.glyph} </span>{TRANSITION_WORDS[e.transition]}
      </span>
      <span className="min-w-0 break-words">{e.text}</span>
    </li>
  );
});
