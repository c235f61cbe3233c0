'use client';

// The timeline as a list, oldest first and newest at the bottom (like `kubectl get pods -w`).
// Contract (e2e tests rely on it): an <ol> whose <li> carry data-seq, data-pod (pod name, "" for
// set-level entries), data-transition and data-at (the server's epoch ms), and read
// "hh:mm:ss.s pod what-happened". It follows new entries unless the user scrolled up; then a
// "Jump to latest" button brings them back. The entry a replay is at has aria-current="step".

import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TimelineEntry } from '../../lib/stream/wire.ts';
import { PILL_TONE } from '../tone-classes.ts';
import { TRANSITION_LOOK } from './transition-look.ts';
import { TRANSITION_WORDS, clockTenths } from './transition-words.ts';

const NEAR_BOTTOM_PX = 24;
const ACTION_TONE = 'bg-sky-700 text-white dark:bg-sky-300 dark:text-sky-950';

export function TimelineList({ entries, clockOffset, currentSeq }: { entries: readonly TimelineEntry[]; clockOffset: number; currentSeq: number | null }) {
  const scroller = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const [away, setAway] = useState(false);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [entries]);

  useEffect(() => {
    if (currentSeq === null) return;
    scroller.current?.querySelector(`li[data-seq="${currentSeq}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [currentSeq]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    follow.current = atBottom;
    setAway(!atBottom);
  };
  const jump = () => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    follow.current = true;
    setAway(false);
  };

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scroller} onScroll={onScroll} className="h-full overflow-y-auto" tabIndex={0} aria-label="Timeline entries, oldest first">
        {entries.length === 0 ? (
          <p className="p-2 text-base text-slate-700 dark:text-slate-300">No changes seen yet. Scale, delete a pod or change the image: each step shows up here.</p>
        ) : (
          <ol className="divide-y divide-slate-200 font-medium dark:divide-slate-800">
            {entries.map((e) => <Row key={e.seq} entry={e} offset={clockOffset} current={e.seq === currentSeq} />)}
          </ol>
        )}
      </div>
      {away && (
        <button type="button" onClick={jump} className="absolute bottom-2 right-4 rounded-md border-2 border-sky-800 bg-sky-700 px-3 py-1 text-base font-bold text-white shadow-lg dark:border-sky-200 dark:bg-sky-300 dark:text-sky-950">
          <span aria-hidden="true">↓ </span>Jump to latest
        </button>
      )}
    </div>
  );
}

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
      className={`flex items-baseline gap-3 px-2 py-0.5 text-base ${action ? 'bg-sky-50 font-bold dark:bg-sky-950' : ''} ${current ? 'outline outline-4 -outline-offset-4 outline-fuchsia-700 dark:outline-fuchsia-300' : ''}`}
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
