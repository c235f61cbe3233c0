'use client';

// The Timeline region: what happened to each pod, in order, as a list or as swimlanes; Replay of
// the last action's sequence on the graph; and the ordering verdict once an action settled
// ("Recreated in order web-0 -> web-1; each started after the previous was Ready"). The entries
// come from the server (snapshot + `timeline` events), so they survive reloads and reconnects.
// The verdict shows at most two lines (on a large set it names every pod); the whole sentence is
// its title and what a screen reader reads.

import { useMemo, useState } from 'react';
import type { TimelineEntry } from '../../lib/stream/wire.ts';
import { type VerdictSet, orderingVerdict } from '../../lib/topology/verdict.ts';
import { REPLAY_SPEEDS, type ReplaySpeed } from './replay.ts';
import { lastSequenceStart } from './sequence.ts';
import { SwimlaneChart } from './swimlane-chart.tsx';
import { swimlaneModel } from './swimlanes.ts';
import { TimelineList } from './timeline-list.tsx';
import type { Replay } from './use-replay.ts';
import { useThrottled } from './use-throttled.ts';

type View = 'list' | 'swimlanes';
type Range = 'last' | 'all';

export interface TimelinePanelProps {
  timeline: readonly TimelineEntry[];
  clockOffset: number;
  /** spec.podManagementPolicy: decides what the verdict and the swimlane arrows expect. */
  policy: string;
  /** spec.replicas and the first ordinal: tells the verdict which removed pods come back. */
  set: VerdictSet | undefined;
  replay: Replay;
  speed: ReplaySpeed;
  onSpeedChange: (speed: ReplaySpeed) => void;
}

const TOGGLE = 'px-3 py-1 text-base font-bold focus-visible:outline-4 focus-visible:outline-sky-500 aria-pressed:bg-slate-800 aria-pressed:text-white dark:aria-pressed:bg-slate-200 dark:aria-pressed:text-slate-950';
const BUTTON = 'rounded-md border-2 border-slate-700 bg-white px-3 py-1 text-base font-bold hover:bg-slate-100 focus-visible:outline-4 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-300 dark:bg-slate-900 dark:hover:bg-slate-800';
const SELECT = 'rounded-md border-2 border-slate-600 bg-white px-1 py-1 text-base font-semibold dark:border-slate-400 dark:bg-slate-950';

/** The list, swimlanes and verdict follow the entries at most this often (see useThrottled). */
export const TIMELINE_REFRESH_MS = 250;

export function TimelinePanel({ timeline: latest, clockOffset, policy, set, replay, speed, onSpeedChange }: TimelinePanelProps) {
  const timeline = useThrottled(latest, TIMELINE_REFRESH_MS);
  const [view, setView] = useState<View>('list');
  const [range, setRange] = useState<Range>('last');
  const verdict = useMemo(() => orderingVerdict(timeline, policy === 'Parallel' ? 'Parallel' : 'OrderedReady', set), [timeline, policy, set]);
  const model = useMemo(() => {
    if (view !== 'swimlanes') return null;
    const from = range === 'all' || timeline.length === 0 ? (timeline[0]?.at ?? 0) : timeline[lastSequenceStart(timeline)].at;
    return swimlaneModel(timeline, { from, policy });
  }, [view, range, timeline, policy]);
  const current = replay.state ? replay.state.steps[replay.state.index] : null;

  return (
    <section aria-label="Timeline" className="flex h-[27vh] min-h-[220px] shrink-0 flex-col gap-2 border-t-2 border-slate-300 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <h2 className="text-lg font-bold">Timeline</h2>
        <div role="group" aria-label="Timeline view" className="flex overflow-hidden rounded-md border-2 border-slate-700 dark:border-slate-300">
          <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')} className={TOGGLE}>List</button>
          <button type="button" aria-pressed={view === 'swimlanes'} onClick={() => setView('swimlanes')} className={`${TOGGLE} border-l-2 border-slate-700 dark:border-slate-300`}>Swimlanes</button>
        </div>
        {view === 'swimlanes' && (
          <label className="flex items-center gap-1 text-base font-semibold">
            Range
            <select value={range} onChange={(e) => setRange(e.target.value as Range)} className={SELECT}>
              <option value="last">Last action</option>
              <option value="all">Whole timeline</option>
            </select>
          </label>
        )}
        <div className="flex items-center gap-2">
          {replay.state ? (
            <>
              <button type="button" onClick={replay.stop} className={BUTTON}><span aria-hidden="true">■ </span>Stop</button>
              <span className="text-base font-semibold">step {replay.state.index + 1} of {replay.state.steps.length}</span>
            </>
          ) : (
            <button type="button" onClick={() => replay.start(timeline)} disabled={timeline.length === 0} className={BUTTON} title="Step through the last action's changes on the graph">
              <span aria-hidden="true">▶ </span>Replay
            </button>
          )}
          <label className="flex items-center gap-1 text-base font-semibold">
            Speed
            <select value={speed} onChange={(e) => onSpeedChange(Number(e.target.value) as ReplaySpeed)} className={SELECT}>
              {REPLAY_SPEEDS.map((s) => <option key={s} value={s}>{s}x</option>)}
            </select>
          </label>
        </div>
        <p role="status" aria-label="Ordering verdict" title={verdict?.text} className={`line-clamp-2 min-w-0 flex-1 text-base font-bold ${verdict?.ok === false ? 'text-red-800 dark:text-red-300' : 'text-emerald-800 dark:text-emerald-300'}`}>
          {verdict && <><span aria-hidden="true">{verdict.ok ? '✓ ' : '✕ '}</span>{verdict.text}</>}
        </p>
      </div>
      {model ? (
        <SwimlaneChart model={model} clockOffset={clockOffset} cursorAt={current?.at ?? null} />
      ) : (
        <TimelineList entries={timeline} clockOffset={clockOffset} currentSeq={current?.seq ?? null} />
      )}
    </section>
  );
}
